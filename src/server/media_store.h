#pragma once
// Stored media: the files under <data>/media/ and their rows in the media table.
//
// A file is named by the sha256 of its stored bytes (<id>.<ext>, and <id>-<w>.<ext> for an
// image's smaller published widths), so the same file is stored once and a name never
// changes meaning. Files are written before their row and each one atomically (a temporary
// in the same folder, fsync, rename, fsync of the folder): a row never names a missing or
// half-written file, and a failed store removes what it wrote.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/media.h"
#include "core/result.h"
#include "server/connection_pool.h"
#include "server/tokens.h"
#include "server/write_queue.h"

namespace press::server {

// What an ingest produced, ready to be stored: the description and the bytes of each file.
struct PreparedMedia {
  core::MediaFile file;                                 // id and bytes match `main`
  std::string main;                                     // <id>.<ext>
  std::vector<std::pair<uint32_t, std::string>> sized;  // width -> <id>-<w>.<ext>, as file.widths
  std::string source_sha256;                            // of the uploaded bytes
};

// "<id>.<ext>", or "<id>-<w>.<ext>" for a published width.
std::string media_file_name(const core::MediaFile& file, uint32_t width = 0);
std::string_view media_kind_name(core::MediaKind kind);  // "image" or "attachment"

// Reads, on any connection (the server's pool, the export command's own).
std::optional<core::MediaFile> find_media(Database& db, std::string_view id,
                                          bool* failed = nullptr);
std::optional<core::MediaFile> find_media_by_source(Database& db, std::string_view source_sha256);
std::vector<core::MediaFile> list_media(Database& db);
// The stored files among `ids` (unknown ids are left out), for the page renderer.
core::MediaCatalog media_catalog(Database& db, const std::vector<std::string>& ids);

// The ids of "media/<id>.<ext>" references in a text (an article's Markdown or its JSON),
// each once, in order of first appearance.
std::vector<std::string> referenced_media_ids(std::string_view text);
// Garbage collection: stored media that no article (deleted ones included: they can be
// restored) refers to, among those created before `created_before` (unix seconds), so a
// file uploaded for an article not yet saved is not collected under the editor's feet.
// nullopt when the database cannot be read.
std::optional<std::vector<core::MediaFile>> unreferenced_media(Database& db,
                                                               int64_t created_before);

// Writes `bytes` to dir/name through a temporary in dir; nothing named `name` appears
// unless all of it reached the disk.
core::Status write_file_atomically(const std::string& dir, const std::string& name,
                                   std::string_view bytes);
// Temporaries a crash left behind in dir (they are never a stored file).
void remove_stale_temporaries(const std::string& dir);

class MediaStore {
 public:
  MediaStore(ConnectionPool& reads, WriteQueue& writes, std::string dir)
      : reads_(reads), writes_(writes), dir_(std::move(dir)) {}

  const std::string& dir() const { return dir_; }
  std::string path_of(const core::MediaFile& file, uint32_t width = 0) const;

  std::optional<core::MediaFile> get(std::string_view id, bool* failed = nullptr);
  std::optional<core::MediaFile> by_source(std::string_view source_sha256);

  struct Stored {
    core::MediaFile file;
    bool created = false;  // false: the same file was stored already (its row is returned)
  };
  // Writes the files, then the row and its audit record ("upload_media", naming the file,
  // its name and, for a fetched picture, " from <source_url>"). On any failure nothing of
  // this call remains.
  core::Result<Stored> store(const PreparedMedia& media, const Actor& who,
                             std::string_view source_url = {});

 private:
  ConnectionPool& reads_;
  WriteQueue& writes_;
  const std::string dir_;
  std::mutex
      storing_;  // one store at a time: a failing store never removes a file another one stored
};

}  // namespace press::server

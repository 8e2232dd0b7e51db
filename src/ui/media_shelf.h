#pragma once
// The pictures and files added to articles on this browser (or computer): each local file,
// known by the sha256 of its bytes, and, once uploaded, the server's record of it. The
// list is kept in storage ("media.json") beside the drafts; the bytes stay with the
// platform (MediaFiles). The body refers to a local file as media/<local id>.<ext> until
// it is published: the publisher uploads what the server lacks first, then sends the body
// with every such reference turned into the server's (to_server).
#include <string>
#include <string_view>
#include <vector>

#include "core/media.h"
#include "ui/callback.h"
#include "ui/platform.h"

namespace press::ui {

struct ShelfItem {
  core::MediaFile local;   // id: sha256 of the bytes kept locally
  core::MediaFile server;  // id empty until the server stored it
};

class MediaShelf {
 public:
  explicit MediaShelf(Storage& storage) : storage_(storage) {}

  // Reads media.json; a missing or unreadable list is an empty one (the files referenced
  // then show as missing, and nothing is overwritten until the next add).
  void load(Callback<void()> done);
  void add(core::MediaFile file);
  void uploaded(const std::string& local_id, core::MediaFile server);

  // By local or server id.
  const ShelfItem* find(std::string_view id) const;
  const std::vector<ShelfItem>& items() const { return items_; }
  // Every file the preview can draw: the local files under both their ids.
  const core::MediaCatalog& catalog() const { return catalog_; }

  // Local files the body refers to that the server does not hold yet, once each, in the
  // order of their first reference.
  std::vector<std::string> pending(std::string_view body) const;
  // The body with each reference to an uploaded local file naming the server's copy.
  std::string to_server(std::string_view body) const;

 private:
  void rebuild_catalog();
  void save();

  Storage& storage_;
  std::vector<ShelfItem> items_;
  core::MediaCatalog catalog_;
};

// The server's JSON record of a stored file (POST /api/v1/media); false when it is none.
bool read_media_record(const std::string& json_text, core::MediaFile& out);

}  // namespace press::ui

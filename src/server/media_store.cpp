#include "server/media_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <set>
#include <unordered_set>

#include "server/article_store.h"

namespace press::server {

namespace {

constexpr std::string_view kTemporaryPrefix = ".tmp-";

std::string widths_text(const std::vector<uint32_t>& widths) {
  std::string text;
  for (uint32_t w : widths) text += (text.empty() ? "" : ",") + std::to_string(w);
  return text;
}

std::vector<uint32_t> parse_widths(std::string_view text) {
  std::vector<uint32_t> widths;
  uint32_t value = 0;
  bool any = false;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      value = value * 10 + uint32_t(text[i] - '0');
      any = true;
    } else if (any) {
      widths.push_back(value);
      value = 0;
      any = false;
    }
  }
  return widths;
}

core::MediaFile row_to_file(const Query& q) {
  core::MediaFile f;
  f.id = q.text(0);
  f.ext = q.text(1);
  f.kind = q.text(2) == "image" ? core::MediaKind::Image : core::MediaKind::Attachment;
  f.mime = q.text(3);
  f.bytes = uint64_t(q.int64(4));
  f.width = uint32_t(q.int64(5));
  f.height = uint32_t(q.int64(6));
  f.widths = parse_widths(q.text(7));
  f.name = q.text(8);
  return f;
}

std::string errno_text() {
  return std::strerror(errno);
}

core::Error storage_error(std::string message) {
  return core::Error::at(core::ErrorCode::unavailable, "file", std::move(message));
}

bool sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(size_t(n));
  }
  return true;
}

}  // namespace

std::string media_file_name(const core::MediaFile& file, uint32_t width) {
  return file.id + (width ? "-" + std::to_string(width) : "") + "." + file.ext;
}

std::string_view media_kind_name(core::MediaKind kind) {
  return kind == core::MediaKind::Image ? "image" : "attachment";
}

std::optional<core::MediaFile> find_media(Database& db, std::string_view id, bool* failed) {
  if (failed) *failed = false;
  Query q = db.query(
      "SELECT id, ext, kind, mime, bytes, width, height, widths, name FROM media WHERE id = ?");
  if (!q.valid()) {
    if (failed) *failed = true;
    return std::nullopt;
  }
  if (q.bind(1, id).next()) return row_to_file(q);
  if (failed && !q.done()) *failed = true;
  return std::nullopt;
}

std::optional<core::MediaFile> find_media_by_source(Database& db, std::string_view source_sha256) {
  Query q = db.query(
      "SELECT id, ext, kind, mime, bytes, width, height, widths, name FROM media "
      "WHERE source_sha256 = ? LIMIT 1");
  if (q.bind(1, source_sha256).next()) return row_to_file(q);
  return std::nullopt;
}

std::vector<core::MediaFile> list_media(Database& db) {
  std::vector<core::MediaFile> files;
  Query q = db.query(
      "SELECT id, ext, kind, mime, bytes, width, height, widths, name FROM media ORDER BY id");
  while (q.next()) files.push_back(row_to_file(q));
  return files;
}

core::MediaCatalog media_catalog(Database& db, const std::vector<std::string>& ids) {
  core::MediaCatalog catalog;
  std::set<std::string> seen;
  for (const std::string& id : ids) {
    if (!seen.insert(id).second) continue;
    if (auto file = find_media(db, id)) catalog.files.push_back(std::move(*file));
  }
  return catalog;
}

std::vector<std::string> referenced_media_ids(std::string_view text) {
  std::vector<std::string> ids;
  std::unordered_set<std::string_view> seen;
  constexpr std::string_view kFolder = "media/";
  for (size_t at = text.find(kFolder); at != std::string_view::npos;
       at = text.find(kFolder, at + 1)) {
    const size_t start = at + kFolder.size();
    if (text.size() < start + core::kMediaIdLength + 2) break;
    const std::string_view id = text.substr(start, core::kMediaIdLength);
    const char after = text[start + core::kMediaIdLength];
    // The id is followed by its extension (or a published width); anything else is not one.
    if (!core::is_media_id(id) || (after != '.' && after != '-')) continue;
    if (seen.insert(id).second) ids.emplace_back(id);
  }
  return ids;
}

std::optional<std::vector<core::MediaFile>> unreferenced_media(Database& db,
                                                               int64_t created_before) {
  std::unordered_set<std::string> referenced;
  {
    Query q = db.query("SELECT json FROM articles");
    if (!q.valid()) return std::nullopt;
    while (q.next())
      for (std::string& id : referenced_media_ids(q.text(0))) referenced.insert(std::move(id));
    if (!q.done()) return std::nullopt;
  }
  std::vector<core::MediaFile> unused;
  Query q = db.query(
      "SELECT id, ext, kind, mime, bytes, width, height, widths, name FROM media "
      "WHERE created_at < ? ORDER BY id");
  if (!q.valid()) return std::nullopt;
  q.bind(1, created_before);
  while (q.next())
    if (!referenced.count(q.text(0))) unused.push_back(row_to_file(q));
  if (!q.done()) return std::nullopt;
  return unused;
}

core::Status write_file_atomically(const std::string& dir, const std::string& name,
                                   std::string_view bytes) {
  std::string temporary = dir + "/" + std::string(kTemporaryPrefix) + name + ".XXXXXX";
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0) return storage_error("cannot create a file in " + dir + ": " + errno_text());
  // Readable like any published file (mkostemp makes it private); the data folder itself
  // stays private.
  const bool written = ::fchmod(fd, 0644) == 0 && write_all(fd, bytes) && ::fsync(fd) == 0;
  const std::string why = written ? "" : errno_text();
  if (::close(fd) != 0 || !written) {
    ::unlink(temporary.c_str());
    return storage_error("cannot write " + name + " in " + dir + ": " + why);
  }
  const std::string path = dir + "/" + name;
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = errno_text();
    ::unlink(temporary.c_str());
    return storage_error("cannot store " + path + ": " + reason);
  }
  if (!sync_directory(dir)) return storage_error("cannot sync the folder " + dir);
  return core::ok_status();
}

void remove_stale_temporaries(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  while (const dirent* entry = ::readdir(d)) {
    const std::string_view name = entry->d_name;
    if (name.substr(0, kTemporaryPrefix.size()) == kTemporaryPrefix)
      ::unlinkat(::dirfd(d), entry->d_name, 0);
  }
  ::closedir(d);
}

std::string MediaStore::path_of(const core::MediaFile& file, uint32_t width) const {
  return dir_ + "/" + media_file_name(file, width);
}

std::optional<core::MediaFile> MediaStore::get(std::string_view id, bool* failed) {
  auto db = reads_.acquire();
  if (!db) {
    if (failed) *failed = true;
    return std::nullopt;
  }
  return find_media(*db, id, failed);
}

std::optional<core::MediaFile> MediaStore::by_source(std::string_view source_sha256) {
  auto db = reads_.acquire();
  if (!db) return std::nullopt;
  return find_media_by_source(*db, source_sha256);
}

core::Result<MediaStore::Stored> MediaStore::store(const PreparedMedia& media, const Actor& who,
                                                   std::string_view source_url) {
  std::lock_guard<std::mutex> lock(storing_);
  bool failed = false;
  if (auto existing = get(media.file.id, &failed)) return Stored{std::move(*existing), false};
  if (failed) return core::Error::of(core::ErrorCode::unavailable, "the database cannot be read");

  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return storage_error("cannot create the media folder " + dir_ + ": " + ec.message());

  // The smaller sizes first and the main file last: once the row exists, all are complete.
  std::vector<std::string> written;
  auto undo = [&] {
    for (const std::string& path : written) ::unlink(path.c_str());
    if (!written.empty()) sync_directory(dir_);
  };
  std::vector<std::pair<uint32_t, std::string_view>> files;
  for (const auto& [width, bytes] : media.sized) files.emplace_back(width, bytes);
  files.emplace_back(0, media.main);
  for (const auto& [width, bytes] : files) {
    const std::string name = media_file_name(media.file, width);
    if (core::Status s = write_file_atomically(dir_, name, bytes); !s) {
      undo();
      return s.error();
    }
    written.push_back(dir_ + "/" + name);
  }

  const core::MediaFile& f = media.file;
  std::string detail = media_file_name(f) + " " + f.name;
  if (!source_url.empty()) detail += " from " + std::string(source_url);
  const WriteQueue::Outcome outcome = writes_.run([&](Database& db) {
    Query q = db.query(
        "INSERT INTO media (id, ext, kind, mime, bytes, width, height, widths, name, "
        "source_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, f.id).bind(2, f.ext).bind(3, media_kind_name(f.kind)).bind(4, f.mime);
    q.bind(5, int64_t(f.bytes)).bind(6, int64_t(f.width)).bind(7, int64_t(f.height));
    q.bind(8, widths_text(f.widths)).bind(9, f.name).bind(10, media.source_sha256);
    q.bind(11, int64_t(std::time(nullptr)));
    return q.run() && insert_audit(db, who, "upload_media", 0, 0, detail);
  });
  if (outcome != WriteQueue::Outcome::Committed) {
    undo();
    return core::Error::of(core::ErrorCode::unavailable, "the media table cannot be written");
  }
  return Stored{f, true};
}

}  // namespace press::server

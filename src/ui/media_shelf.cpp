#include "ui/media_shelf.h"

#include <nlohmann/json.hpp>

#include "core/json_reader.h"

namespace press::ui {

using nlohmann::json;

namespace {

json file_json(const core::MediaFile& f) {
  return json{{"id", f.id},
              {"ext", f.ext},
              {"kind", f.kind == core::MediaKind::Image ? "image" : "attachment"},
              {"mime", f.mime},
              {"bytes", f.bytes},
              {"width", f.width},
              {"height", f.height},
              {"widths", f.widths},
              {"name", f.name}};
}

template <class T>
T value(const json& j, const char* key, T fallback) {
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if constexpr (std::is_same_v<T, std::string>) {
    return it->is_string() ? it->get<std::string>() : fallback;
  } else {
    return it->is_number_unsigned() ? it->get<T>() : fallback;
  }
}

bool file_from_json(const json& j, core::MediaFile& f) {
  if (!j.is_object()) return false;
  f.id = value<std::string>(j, "id", "");
  f.ext = value<std::string>(j, "ext", "");
  f.kind = value<std::string>(j, "kind", "image") == "image" ? core::MediaKind::Image
                                                             : core::MediaKind::Attachment;
  f.mime = value<std::string>(j, "mime", "");
  f.bytes = value<uint64_t>(j, "bytes", 0);
  f.width = value<uint32_t>(j, "width", 0);
  f.height = value<uint32_t>(j, "height", 0);
  f.name = value<std::string>(j, "name", "");
  f.widths.clear();
  auto w = j.find("widths");
  if (w != j.end() && w->is_array())
    for (const json& x : *w)
      if (x.is_number_unsigned()) f.widths.push_back(x.get<uint32_t>());
  return core::is_media_id(f.id) && !f.ext.empty();
}

// Each "media/<64 hex>.<ext>" in text: where the id starts and the reference.
template <class F>
void each_reference(std::string_view text, F f) {
  constexpr std::string_view kFolder = "media/";
  for (size_t at = text.find(kFolder); at != std::string_view::npos;
       at = text.find(kFolder, at + 1)) {
    const size_t id = at + kFolder.size();
    size_t end = id + core::kMediaIdLength;
    if (end >= text.size() || text[end] != '.') continue;
    size_t ext_end = end + 1;
    while (ext_end < text.size() && ext_end - end <= 5 &&
           ((text[ext_end] >= 'a' && text[ext_end] <= 'z') ||
            (text[ext_end] >= '0' && text[ext_end] <= '9')))
      ++ext_end;
    auto ref = core::parse_media_ref(text.substr(at, ext_end - at));
    if (ref) f(id, ext_end, *ref);
  }
}

}  // namespace

bool read_media_record(const std::string& json_text, core::MediaFile& out) {
  return file_from_json(core::parse_json_or_null(json_text), out);
}

void MediaShelf::load(Callback<void()> done) {
  storage_.read("media.json",
                [this, done = std::move(done)](StorageResult r, std::string data) mutable {
                  items_.clear();
                  const json j = r.ok ? core::parse_json_or_null(data) : json();
                  if (j.is_array())
                    for (const json& x : j) {
                      ShelfItem item;
                      if (!x.is_object() || !file_from_json(x.value("local", json()), item.local))
                        continue;
                      file_from_json(x.value("server", json()), item.server);
                      items_.push_back(std::move(item));
                    }
                  rebuild_catalog();
                  if (done) done();
                });
}

void MediaShelf::add(core::MediaFile file) {
  if (find(file.id)) return;
  items_.push_back(ShelfItem{std::move(file), {}});
  rebuild_catalog();
  save();
}

void MediaShelf::uploaded(const std::string& local_id, core::MediaFile server) {
  for (ShelfItem& item : items_)
    if (item.local.id == local_id) item.server = std::move(server);
  rebuild_catalog();
  save();
}

const ShelfItem* MediaShelf::find(std::string_view id) const {
  for (const ShelfItem& item : items_)
    if (item.local.id == id || (!item.server.id.empty() && item.server.id == id)) return &item;
  return nullptr;
}

std::vector<std::string> MediaShelf::pending(std::string_view body) const {
  std::vector<std::string> out;
  each_reference(body, [&](size_t, size_t, const core::MediaRef& ref) {
    const ShelfItem* item = find(ref.id);
    if (!item || item->local.id != ref.id || !item->server.id.empty()) return;
    for (const std::string& seen : out)
      if (seen == ref.id) return;
    out.push_back(ref.id);
  });
  return out;
}

std::string MediaShelf::to_server(std::string_view body) const {
  std::string out;
  size_t copied = 0;
  each_reference(body, [&](size_t id, size_t end, const core::MediaRef& ref) {
    const ShelfItem* item = find(ref.id);
    if (!item || item->local.id != ref.id || item->server.id.empty()) return;
    out.append(body.substr(copied, id - copied));
    out += item->server.id + "." + item->server.ext;
    copied = end;
  });
  out.append(body.substr(copied));
  return out;
}

// The preview draws a local file under its local id and under the server's id (a body
// that came back from the server), always from the local bytes.
void MediaShelf::rebuild_catalog() {
  catalog_.files.clear();
  for (const ShelfItem& item : items_) {
    catalog_.files.push_back(item.local);
    if (!item.server.id.empty()) {
      core::MediaFile alias = item.local;
      alias.id = item.server.id;
      alias.ext = item.server.ext;
      catalog_.files.push_back(std::move(alias));
    }
  }
}

void MediaShelf::save() {
  json list = json::array();
  for (const ShelfItem& item : items_) {
    json x{{"local", file_json(item.local)}};
    if (!item.server.id.empty()) x["server"] = file_json(item.server);
    list.push_back(std::move(x));
  }
  storage_.write("media.json", list.dump(), [](StorageResult) {});
}

}  // namespace press::ui

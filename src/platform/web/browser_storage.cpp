#include "platform/web/browser_storage.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/json_reader.h"
#include "platform/web/js_bridge.h"

namespace press::web {

namespace {

enum Op { List = 0, Read = 1, Write = 2, Remove = 3, MoveAside = 4 };

std::unordered_map<int, ui::Callback<void(ui::StorageResult, std::string)>>& pending() {
  static std::unordered_map<int, ui::Callback<void(ui::StorageResult, std::string)>> table;
  return table;
}

}  // namespace

int BrowserStorage::start(Reply reply) {
  static int next = 1;
  const int id = next++;
  pending()[id] = std::move(reply);
  return id;
}

void BrowserStorage::reply(int request, int code, const char* error, const char* data,
                           size_t size) {
  auto it = pending().find(request);
  if (it == pending().end()) return;
  Reply done = std::move(it->second);
  pending().erase(it);
  if (!done) return;
  ui::StorageResult result;
  if (code == 0) result = ui::StorageResult::failure(error ? error : "storage failed");
  if (code == 2) result = ui::StorageResult::not_found(error ? error : "not found");
  std::string text(data ? data : "", data ? size : 0);
  Completions::instance().push(
      [done = std::move(done), result = std::move(result), text = std::move(text)]() mutable {
        done(std::move(result), std::move(text));
      });
  wake();
}

void BrowserStorage::open(ui::Callback<void(ui::StorageResult, std::string)> done) {
  press_js_storage_open(
      start([this, done = std::move(done)](ui::StorageResult r, std::string note) {
        open_ = r.ok;
        local_ = r.ok && !note.empty();
        done(std::move(r), std::move(note));
      }));
}

void BrowserStorage::list(const std::string& folder, ListDone done) {
  press_js_storage(start([done = std::move(done)](ui::StorageResult r, std::string data) {
                     std::vector<ui::StoredItem> items;
                     if (r.ok) {
                       const nlohmann::json j = press::core::parse_json_or_null(data);
                       if (j.is_array()) {
                         for (const nlohmann::json& e : j) {
                           if (!e.is_object()) continue;
                           ui::StoredItem item;
                           auto name = e.find("name"), modified = e.find("modified"),
                                size = e.find("size");
                           if (name == e.end() || !name->is_string()) continue;
                           item.name = name->get<std::string>();
                           if (modified != e.end() && modified->is_number())
                             item.modified = modified->get<int64_t>();
                           if (size != e.end() && size->is_number())
                             item.size = size->get<uint64_t>();
                           items.push_back(std::move(item));
                         }
                       }
                     } else if (r.missing) {
                       r = ui::StorageResult{};  // an absent folder lists as empty
                     }
                     done(std::move(r), std::move(items));
                   }),
                   List, folder.c_str(), nullptr, 0);
}

void BrowserStorage::read(const std::string& path, ReadDone done) {
  press_js_storage(start(std::move(done)), Read, path.c_str(), nullptr, 0);
}

void BrowserStorage::write(const std::string& path, std::string data, WriteDone done) {
  press_js_storage(start([done = std::move(done)](ui::StorageResult r, std::string) {
                     if (done) done(std::move(r));
                   }),
                   Write, path.c_str(), data.data(), data.size());
}

void BrowserStorage::remove(const std::string& path, WriteDone done) {
  press_js_storage(start([done = std::move(done)](ui::StorageResult r, std::string) {
                     if (done) done(std::move(r));
                   }),
                   Remove, path.c_str(), nullptr, 0);
}

void BrowserStorage::move_aside(const std::string& path, MoveDone done) {
  press_js_storage(start([done = std::move(done)](ui::StorageResult r, std::string to) {
                     if (done) done(std::move(r), std::move(to));
                   }),
                   MoveAside, path.c_str(), nullptr, 0);
}

std::string BrowserStorage::describe(const std::string& path) const {
  return (local_ ? "localStorage: " : "IndexedDB portalpress: ") + path;
}

}  // namespace press::web

#include "platform/web/browser_media.h"

#include "platform/web/js_bridge.h"
#include "ui/media_shelf.h"
#include "ui/strings.h"

namespace press::web {

void BrowserMedia::pick(const std::string&, bool images) {
  press_js_media_pick(images ? 1 : 0);
}

// The header names the stored file; press_js_http sends it as the multipart field "file"
// in its place.
void BrowserMedia::upload(const std::string& id, ui::HttpRequest request,
                          ui::Callback<void(ui::HttpResponse)> done,
                          ui::Callback<void(uint64_t, uint64_t)> progress) {
  request.headers.push_back({"X-Press-Media", id});
  request.timeout_seconds = 120;
  http_.send(std::move(request), std::move(done), std::move(progress));
}

ui::MediaImage BrowserMedia::image(const std::string& id, int max_side) {
  auto [it, fresh] = images_.try_emplace(id);
  if (fresh) press_js_media_image(id.c_str(), max_side);
  return it->second;
}

namespace {

ui::StorageResult read_reply(const char* error, const char* json, core::MediaFile& file) {
  ui::StorageResult result;
  const std::string why = error ? error : "";
  if (!why.empty()) {
    result =
        ui::StorageResult::failure(why == "unsupported" ? ui::tr(ui::Str::MediaUnsupported) : why);
  }
  ui::read_media_record(json ? json : "", file);
  if (result.ok && file.id.empty()) result = ui::StorageResult::failure("?");
  return result;
}

}  // namespace

void BrowserMedia::store_bytes(std::string name, std::string mime, std::string bytes,
                               ui::Callback<void(ui::StorageResult, core::MediaFile)> done) {
  const int request = ++next_store_;
  storing_.emplace(request, std::move(done));
  press_js_media_store(request, name.c_str(), mime.c_str(), bytes.data(), bytes.size());
}

void BrowserMedia::stored(int request, const char* error, const char* json) {
  auto it = storing_.find(request);
  if (it == storing_.end()) return;
  auto done = std::move(it->second);
  storing_.erase(it);
  core::MediaFile file;
  ui::StorageResult result = read_reply(error, json, file);
  Completions::instance().push(
      [done = std::move(done), result = std::move(result), file = std::move(file)]() mutable {
        done(std::move(result), std::move(file));
      });
  wake();
}

void BrowserMedia::added(const char* error, const char* json) {
  core::MediaFile file;
  ui::StorageResult result = read_reply(error, json, file);
  Completions::instance().push(
      [this, result = std::move(result), file = std::move(file)]() mutable {
        if (on_added) on_added(std::move(result), std::move(file));
      });
  wake();
}

void BrowserMedia::image_ready(const char* id, int texture, int width, int height) {
  ui::MediaImage& image = images_[id ? id : ""];
  image.texture = reinterpret_cast<void*>(static_cast<intptr_t>(texture));
  image.width = float(width);
  image.height = float(height);
  image.failed = texture == 0;
  wake();
}

}  // namespace press::web

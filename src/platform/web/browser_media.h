#pragma once
// Pictures and attachments in the browser (press_media.js): a paste, a drop or the file
// dialog hands the file to the browser itself, which decodes a picture, shrinks it to
// 2560 px at most and re-encodes it (createImageBitmap, OffscreenCanvas: no codec in the
// WebAssembly), and keeps the bytes in IndexedDB beside the drafts. Here only the file's
// description arrives; uploads go through BrowserHttp with the bytes attached in
// JavaScript, and the preview's textures are made there from an ImageBitmap.
#include <string>
#include <unordered_map>

#include "ui/platform.h"

namespace press::web {

class BrowserMedia final : public ui::MediaFiles {
 public:
  explicit BrowserMedia(ui::Http& http) : http_(http) {}
  bool has_picker() const override { return true; }
  void pick(const std::string& path, bool images) override;
  void upload(const std::string& id, ui::HttpRequest request,
              ui::Callback<void(ui::HttpResponse)> done,
              ui::Callback<void(uint64_t, uint64_t)> progress) override;
  ui::MediaImage image(const std::string& id, int max_side) override;
  // Resized, re-encoded and kept in IndexedDB by press_media.js like a pasted file.
  void store_bytes(std::string name, std::string mime, std::string bytes,
                   ui::Callback<void(ui::StorageResult, core::MediaFile)> done) override;

  // From press_media.js: a file stored (json: its description) or refused (error).
  void added(const char* error, const char* json);
  void stored(int request, const char* error, const char* json);
  void image_ready(const char* id, int texture, int width, int height);
  // Pictures decoded for the preview so far.
  size_t shown() const {
    size_t n = 0;
    for (const auto& entry : images_) n += entry.second.texture != nullptr;
    return n;
  }

 private:
  ui::Http& http_;
  std::unordered_map<std::string, ui::MediaImage> images_;
  std::unordered_map<int, ui::Callback<void(ui::StorageResult, core::MediaFile)>> storing_;
  int next_store_ = 0;
};

}  // namespace press::web

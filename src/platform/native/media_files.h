#pragma once
// Pictures and attachments on the desktop, kept in the data folder beside the drafts:
// <data>/media/<sha256>.<ext> holds the bytes as they were added, <sha256>.name the name
// they were added under. There is no file-picker library here, so pick() gets the path
// the user typed, a drop on the window arrives through add_dropped(), and a picture pasted
// from the clipboard through add_from().
//
// Reading, hashing and writing a file (up to 100 MB), reading one for an upload and
// decoding a picture for the preview all run on one worker thread; their results wait in
// a queue until poll() hands them to the UI thread, like native::HttpClient's replies. The
// preview's textures are made on the UI thread, in image(), by the function given to the
// constructor (the desktop's OpenGL; the tests give none and get the sizes only).
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "ui/callback.h"
#include "ui/platform.h"

namespace press::native {

class MediaFiles final : public ui::MediaFiles {
 public:
  // A texture from RGBA pixels (rows top to bottom, no padding), as an ImTextureID.
  using TextureMaker = std::function<void*(const uint8_t* rgba, int width, int height)>;
  static constexpr uint64_t kMaxBytes = uint64_t(100) << 20;

  // data_dir: the data folder (the files go to its media/ folder, created when needed).
  // wake is called from the worker thread when a result is waiting for poll().
  MediaFiles(std::string data_dir, ui::Http& http, TextureMaker make_texture = nullptr,
             ui::Callback<void()> wake = {});
  ~MediaFiles() override;  // finishes the job at hand; the rest are dropped

  bool has_picker() const override { return false; }
  void pick(const std::string& path, bool images) override;
  void upload(const std::string& id, ui::HttpRequest request,
              ui::Callback<void(ui::HttpResponse)> done,
              ui::Callback<void(uint64_t, uint64_t)> progress) override;
  ui::MediaImage image(const std::string& id, int max_side) override;
  // Stored as store() stores a file, on the worker thread (the desktop keeps pictures as
  // they were added).
  void store_bytes(std::string name, std::string mime, std::string bytes,
                   ui::Callback<void(ui::StorageResult, core::MediaFile)> done) override;

  // Files dropped on the window: each is stored and reported through on_added, in order.
  void add_dropped(const std::vector<std::string>& paths);
  // A file whose bytes a function gives on the worker thread (a picture pasted from the
  // clipboard, read there so that a slow clipboard never holds up a frame): stored and
  // reported through on_added as a dropped file is. read sets name and bytes, or returns
  // false with the reason in error (in the interface's language).
  using BytesReader = ui::Callback<bool(std::string& name, std::string& bytes, std::string& error)>;
  void add_from(BytesReader read);

  // Runs finished work's callbacks (on_added, uploads' requests); on the UI thread.
  void poll();
  // Blocks until the worker has nothing left, then polls (tests).
  void wait_idle();

  // Where a stored file is (empty when it is not stored here).
  std::string path_of(const std::string& id) const;
  const std::string& folder() const { return folder_; }

  // The work of pick() and add_dropped() without the thread or the callback: stores the
  // bytes as name and describes them, or says why not (in the interface's language).
  ui::StorageResult store(const std::string& name, std::string_view bytes,
                          core::MediaFile& out) const;

 private:
  struct Picture {
    bool done = false, failed = false;
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;  // until the texture is made
    void* texture = nullptr;
  };

  void add_path(const std::string& path);
  void decode(const std::string& key, const std::string& id, int max_side);
  void run(ui::Callback<void()> job);          // on the worker thread
  void finish(ui::Callback<void()> complete);  // to the UI thread, through poll()
  void work();

  std::string folder_;
  ui::Http& http_;
  TextureMaker make_texture_;
  ui::Callback<void()> wake_;

  mutable std::mutex mutex_;
  std::condition_variable wanted_;
  std::deque<ui::Callback<void()>> jobs_;
  bool busy_ = false, stopping_ = false;
  std::vector<ui::Callback<void()>> finished_;
  std::map<std::string, Picture> pictures_;  // by id and size
  std::thread worker_;
  uint64_t uploads_ = 0;
};

// The lowercase hex sha256 of bytes (OpenSSL).
std::string sha256_hex(std::string_view bytes);

// A multipart/form-data body with one file field; boundary is chosen so that it does not
// occur in the bytes. Returns the body, sets content_type to the header's value.
std::string multipart_body(std::string_view field, std::string_view filename, std::string_view mime,
                           std::string_view bytes, std::string& content_type, uint64_t salt = 0);

}  // namespace press::native

#include "platform/native/media_files.h"

#include <openssl/evp.h>
#include <stb_image.h>
#include <stb_image_resize.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/file_kind.h"
#include "core/media.h"
#include "platform/native/desktop_shell.h"
#include "platform/native/file_storage.h"
#include "ui/strings.h"

#ifdef PRESS_HAVE_WEBP
#include <webp/decode.h>
#endif

namespace press::native {

namespace {

constexpr const char* kExtensions[] = {"jpg",  "png",  "webp", "gif", "pdf",
                                       "docx", "xlsx", "pptx", "zip"};

bool zh() {
  return ui::language() == ui::Lang::Zh;
}

std::string base_name(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  const size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The picture's size from its header, without decoding it.
bool picture_size(core::FileKind kind, std::string_view bytes, int& width, int& height) {
  width = height = 0;
  if (bytes.size() > size_t(INT32_MAX)) return false;
#ifdef PRESS_HAVE_WEBP
  if (kind == core::FileKind::Webp)
    return WebPGetInfo(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &width,
                       &height) != 0 &&
           width > 0 && height > 0;
#else
  if (kind == core::FileKind::Webp) return false;
#endif
  int comp = 0;
  return stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), int(bytes.size()),
                               &width, &height, &comp) != 0 &&
         width > 0 && height > 0;
}

// RGBA pixels of the picture, or empty.
std::vector<uint8_t> decode_rgba(std::string_view bytes, int& width, int& height) {
  std::vector<uint8_t> out;
  width = height = 0;
  if (bytes.size() > size_t(INT32_MAX)) return out;
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  if (core::sniff_file(bytes) == core::FileKind::Webp) {
#ifdef PRESS_HAVE_WEBP
    uint8_t* pixels = WebPDecodeRGBA(data, bytes.size(), &width, &height);
    if (pixels) out.assign(pixels, pixels + size_t(width) * size_t(height) * 4);
    WebPFree(pixels);
#endif
    return out;
  }
  int comp = 0;
  stbi_uc* pixels = stbi_load_from_memory(data, int(bytes.size()), &width, &height, &comp, 4);
  if (pixels) out.assign(pixels, pixels + size_t(width) * size_t(height) * 4);
  stbi_image_free(pixels);
  return out;
}

// The longer side at most max_side.
void shrink(std::vector<uint8_t>& rgba, int& width, int& height, int max_side) {
  if (max_side <= 0 || std::max(width, height) <= max_side) return;
  const double scale = double(max_side) / double(std::max(width, height));
  const int w = std::max(1, int(width * scale + 0.5)), h = std::max(1, int(height * scale + 0.5));
  std::vector<uint8_t> out(size_t(w) * size_t(h) * 4);
  if (!stbir_resize_uint8(rgba.data(), width, height, 0, out.data(), w, h, 0, 4)) return;
  rgba.swap(out);
  width = w;
  height = h;
}

std::string reason(const std::string& error, bool missing) {
  if (missing) return zh() ? "找不到这个文件" : "No such file";
  if (error == "is a folder") return zh() ? "这是一个文件夹，不是文件" : "This is a folder";
  if (error.rfind("file too large", 0) == 0)
    return zh() ? "文件超过 100 MB" : "The file is larger than 100 MB";
  return (zh() ? "无法读取：" : "Cannot read it: ") + error;
}

// A name as a quoted multipart parameter: no quotes, backslashes or line breaks.
std::string quoted_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '"')
      out += '\'';
    else if (c == '\\')
      out += '_';
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      out += ' ';
    else
      out += c;
  }
  return out.empty() ? "file" : out;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) return {};
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

std::string multipart_body(std::string_view field, std::string_view filename, std::string_view mime,
                           std::string_view bytes, std::string& content_type, uint64_t salt) {
  std::string boundary;
  for (uint64_t n = salt;; ++n) {
    boundary = "PortalPress-" + sha256_hex(std::to_string(n) + std::string(filename)).substr(0, 32);
    if (bytes.find(boundary) == std::string_view::npos) break;
  }
  content_type = "multipart/form-data; boundary=" + boundary;
  std::string body;
  body.reserve(bytes.size() + 256 + filename.size());
  body += "--" + boundary + "\r\n";
  body += "Content-Disposition: form-data; name=\"" + std::string(field) + "\"; filename=\"" +
          quoted_name(filename) + "\"\r\n";
  body += "Content-Type: " + std::string(mime) + "\r\n\r\n";
  body.append(bytes);
  body += "\r\n--" + boundary + "--\r\n";
  return body;
}

MediaFiles::MediaFiles(std::string data_dir, ui::Http& http, TextureMaker make_texture,
                       ui::Callback<void()> wake)
    : folder_(std::move(data_dir) + "/media"),
      http_(http),
      make_texture_(std::move(make_texture)),
      wake_(std::move(wake)) {
  worker_ = std::thread([this] { work(); });
}

MediaFiles::~MediaFiles() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wanted_.notify_all();
  worker_.join();
}

void MediaFiles::work() {
  for (;;) {
    ui::Callback<void()> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      busy_ = false;
      wanted_.notify_all();  // wait_idle()
      wanted_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      busy_ = true;
    }
    job();
  }
}

void MediaFiles::run(ui::Callback<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wanted_.notify_all();
}

void MediaFiles::finish(ui::Callback<void()> complete) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_.push_back(std::move(complete));
  }
  if (wake_) wake_();
}

void MediaFiles::poll() {
  std::vector<ui::Callback<void()>> ready;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ready.swap(finished_);
  }
  for (auto& f : ready) f();
}

void MediaFiles::wait_idle() {
  std::unique_lock<std::mutex> lock(mutex_);
  wanted_.wait(lock, [this] { return jobs_.empty() && !busy_; });
  lock.unlock();
  poll();
}

std::string MediaFiles::path_of(const std::string& id) const {
  if (!core::is_media_id(id)) return {};
  for (const char* ext : kExtensions) {
    const std::string path = folder_ + "/" + id + "." + ext;
    if (exists(path)) return path;
  }
  return {};
}

ui::StorageResult MediaFiles::store(const std::string& name, std::string_view bytes,
                                    core::MediaFile& out) const {
  out = core::MediaFile{};
  out.name = name;
  if (bytes.size() > kMaxBytes) return ui::StorageResult::failure(reason("file too large", false));
  const core::UploadSniff sniff = core::sniff_upload(bytes);
  const core::MediaFormat* format = core::media_format_of(sniff.kind);
  if (!format || !sniff.problem.empty())
    return ui::StorageResult::failure(ui::tr(ui::Str::MediaUnsupported));
  out.ext = std::string(format->ext);
  out.mime = std::string(format->mime);
  out.kind = format->kind;
  out.bytes = bytes.size();
  if (format->kind == core::MediaKind::Image) {
    int w = 0, h = 0;
    if (!picture_size(sniff.kind, bytes, w, h))
      return ui::StorageResult::failure(zh() ? "图片已损坏，无法读出它的尺寸"
                                             : "The picture is damaged: its size cannot be read");
    out.width = uint32_t(w);
    out.height = uint32_t(h);
  }
  out.id = sha256_hex(bytes);
  if (out.id.empty()) return ui::StorageResult::failure("sha256 failed");

  std::string error;
  if (!make_folders(folder_, 0700, error))
    return ui::StorageResult::failure((zh() ? "无法保存：" : "Cannot store it: ") + error);
  const std::string path = folder_ + "/" + out.id + "." + out.ext;
  // The name is the content: a file already there holds these very bytes.
  if (!exists(path)) {
    error = write_file_atomically(path, std::string(bytes), 0600);
    if (!error.empty())
      return ui::StorageResult::failure((zh() ? "无法保存：" : "Cannot store it: ") + error);
  }
  // The first name a file was added under is the one it is uploaded with.
  const std::string name_path = folder_ + "/" + out.id + ".name";
  if (!name.empty() && !exists(name_path)) write_file_atomically(name_path, name, 0600);
  return {};
}

void MediaFiles::add_path(const std::string& typed) {
  run([this, typed] {
    std::string path = expand_home(typed);
    while (!path.empty() && (path.back() == ' ' || path.back() == '\n' || path.back() == '\r'))
      path.pop_back();
    while (!path.empty() && path.front() == ' ') path.erase(0, 1);
    // A path pasted from a file manager may come quoted.
    if (path.size() >= 2 && (path.front() == '"' || path.front() == '\'') &&
        path.back() == path.front())
      path = path.substr(1, path.size() - 2);
    std::string bytes, error;
    bool missing = false;
    core::MediaFile file;
    ui::StorageResult result;
    if (!read_whole_file(path, bytes, error, &missing, size_t(kMaxBytes))) {
      file.name = base_name(path);
      // Not StorageResult::not_found: the editor says nothing about a missing document.
      result = ui::StorageResult::failure(reason(error, missing));
    } else {
      result = store(base_name(path), bytes, file);
    }
    finish([this, result = std::move(result), file = std::move(file)]() mutable {
      if (on_added) on_added(std::move(result), std::move(file));
    });
  });
}

void MediaFiles::pick(const std::string& path, bool) {
  add_path(path);
}

void MediaFiles::add_dropped(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) add_path(p);
}

void MediaFiles::add_from(BytesReader read) {
  run([this, read = std::move(read)] {
    std::string name, bytes, error;
    core::MediaFile file;
    ui::StorageResult result;
    if (!read(name, bytes, error)) {
      file.name = name;
      result = ui::StorageResult::failure(error.empty() ? reason("no bytes", false) : error);
    } else {
      result = store(name, bytes, file);
    }
    finish([this, result = std::move(result), file = std::move(file)]() mutable {
      if (on_added) on_added(std::move(result), std::move(file));
    });
  });
}

void MediaFiles::store_bytes(std::string name, std::string, std::string bytes,
                             ui::Callback<void(ui::StorageResult, core::MediaFile)> done) {
  run([this, name = std::move(name), bytes = std::move(bytes), done = std::move(done)]() mutable {
    core::MediaFile file;
    ui::StorageResult result = store(name, bytes, file);
    if (file.name.empty()) file.name = name;
    finish([result = std::move(result), file = std::move(file), done = std::move(done)]() mutable {
      done(std::move(result), std::move(file));
    });
  });
}

void MediaFiles::upload(const std::string& id, ui::HttpRequest request,
                        ui::Callback<void(ui::HttpResponse)> done,
                        ui::Callback<void(uint64_t, uint64_t)> progress) {
  const uint64_t salt = ++uploads_;
  run([this, id, salt, request = std::move(request), done = std::move(done),
       progress = std::move(progress)]() mutable {
    const std::string path = path_of(id);
    std::string bytes, error, name;
    if (path.empty() || !read_whole_file(path, bytes, error, nullptr, size_t(kMaxBytes))) {
      ui::HttpResponse response;
      response.error = path.empty() ? std::string(ui::kMediaMissing) : path + ": " + error;
      finish([done = std::move(done), response = std::move(response)]() mutable {
        done(std::move(response));
      });
      return;
    }
    std::string ignored;
    if (!read_whole_file(path.substr(0, path.rfind('.')) + ".name", name, ignored, nullptr, 4096))
      name.clear();
    const std::string ext = path.substr(path.rfind('.') + 1);
    if (name.empty()) name = id + "." + ext;
    const core::MediaFormat* format = core::media_format_of_extension(ext);
    std::string content_type;
    request.body = multipart_body(
        "file", name, format ? format->mime : std::string_view("application/octet-stream"), bytes,
        content_type, salt);
    request.headers.erase(std::remove_if(request.headers.begin(), request.headers.end(),
                                         [](const auto& h) { return h.first == "Content-Type"; }),
                          request.headers.end());
    request.headers.push_back({"Content-Type", content_type});
    if (request.method.empty()) request.method = "POST";
    request.timeout_seconds = std::max(request.timeout_seconds, 120);
    // The request leaves from the UI thread, as every other one does.
    finish([this, request = std::move(request), done = std::move(done),
            progress = std::move(progress)]() mutable {
      http_.send(std::move(request), std::move(done), std::move(progress));
    });
  });
}

ui::MediaImage MediaFiles::image(const std::string& id, int max_side) {
  const std::string key = id + "@" + std::to_string(max_side);
  std::unique_lock<std::mutex> lock(mutex_);
  auto [it, fresh] = pictures_.try_emplace(key);
  Picture& p = it->second;
  if (fresh) {
    lock.unlock();
    run([this, key, id, max_side] { decode(key, id, max_side); });
    return {};
  }
  ui::MediaImage out;
  if (!p.done) return out;
  if (p.failed) {
    out.failed = true;
    return out;
  }
  if (!p.texture && !p.rgba.empty() && make_texture_) {
    p.texture = make_texture_(p.rgba.data(), p.width, p.height);
    if (!p.texture) p.failed = true;
    std::vector<uint8_t>().swap(p.rgba);
  } else if (!make_texture_) {
    std::vector<uint8_t>().swap(p.rgba);  // nothing to draw with: the size is all
  }
  out.texture = p.texture;
  out.width = float(p.width);
  out.height = float(p.height);
  out.failed = p.failed;
  return out;
}

void MediaFiles::decode(const std::string& key, const std::string& id, int max_side) {
  const std::string path = path_of(id);
  std::string bytes, error;
  int w = 0, h = 0;
  std::vector<uint8_t> rgba;
  if (!path.empty() && read_whole_file(path, bytes, error, nullptr, size_t(kMaxBytes))) {
    rgba = decode_rgba(bytes, w, h);
    if (!rgba.empty()) shrink(rgba, w, h, max_side);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Picture& p = pictures_[key];
    p.done = true;
    p.failed = rgba.empty();
    p.width = w;
    p.height = h;
    p.rgba = std::move(rgba);
  }
  if (wake_) wake_();
}

}  // namespace press::native

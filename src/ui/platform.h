#pragma once
// The one interface between the editor and the system it runs on. src/ui only ever talks
// to these classes; src/platform/native (GLFW, files, cpp-httplib) and src/platform/web
// (Emscripten, IndexedDB, fetch, Canvas) implement them, and the tests fake them.
//
// Slow operations complete through callbacks so that the browser's asynchronous storage
// and fetch fit as well as a local disk does. A callback runs on the UI thread, either
// before the call returns (a local file) or later from Platform::poll() (a network
// reply): the editor's code accepts both and never blocks waiting for one.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/media.h"
#include "ui/callback.h"
#include "ui/document_reader.h"

struct ImFontAtlas;
struct ImFont;

namespace press::ui {

// ---- Storage --------------------------------------------------------------------------

// Outcome of a storage operation; error is a human-readable reason (the system's own
// message where there is one) shown to the user as is.
struct StorageResult {
  bool ok = true;
  std::string error;
  bool missing = false;  // the document does not exist (not an error when reading settings)
  static StorageResult failure(std::string why) { return {false, std::move(why), false}; }
  static StorageResult not_found(std::string why) { return {false, std::move(why), true}; }
};

struct StoredItem {
  std::string name;      // file name inside the folder ("d-20240601-1405-7f3a.json")
  int64_t modified = 0;  // Unix seconds
  uint64_t size = 0;
};

// Named documents in the user's data folder (native) or in browser storage (web). Paths
// are relative and use '/': "settings.json", "drafts/d-....json".
class Storage {
 public:
  virtual ~Storage() = default;

  using ListDone = Callback<void(StorageResult, std::vector<StoredItem>)>;
  using ReadDone = Callback<void(StorageResult, std::string data)>;
  using WriteDone = Callback<void(StorageResult)>;
  using MoveDone = Callback<void(StorageResult, std::string new_path)>;

  // The documents directly inside folder (an absent folder lists as empty). The
  // implementation's own temporary files are never listed.
  virtual void list(const std::string& folder, ListDone done) = 0;
  virtual void read(const std::string& path, ReadDone done) = 0;
  // Atomic: afterwards path holds the old data or the new data, never a mix of both, even
  // if the program or the machine dies during the write.
  virtual void write(const std::string& path, std::string data, WriteDone done) = 0;
  virtual void remove(const std::string& path, WriteDone done) = 0;
  // Moves a broken or foreign document out of the way, never deleting or overwriting
  // anything; new_path says where it went.
  virtual void move_aside(const std::string& path, MoveDone done) = 0;
  // Where a path lives, for messages ("/home/ann/.local/share/portalpress/drafts/x.json").
  virtual std::string describe(const std::string& path) const = 0;
};

// ---- HTTP (publishing) ----------------------------------------------------------------------

struct HttpRequest {
  std::string method;  // GET, POST, PUT
  std::string url;     // absolute: "http://127.0.0.1:8080/api/v1/articles"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int timeout_seconds = 20;
};

struct HttpResponse {
  int status = 0;  // 0: no answer at all (error says why: refused, timeout, bad URL)
  std::string body;
  std::string error;
};

class Http {
 public:
  virtual ~Http() = default;
  // Sends without blocking. progress (optional) reports bytes sent of total while the body
  // uploads; done runs exactly once, from Platform::poll().
  virtual void send(HttpRequest request, Callback<void(HttpResponse)> done,
                    Callback<void(uint64_t sent, uint64_t total)> progress = {}) = 0;
};

// ---- Fonts ------------------------------------------------------------------------------------

// The faces the editor draws with. Pointers belong to the atlas and change on every build.
struct FontSet {
  ImFont* regular = nullptr;  // UI, form, editor, preview body
  ImFont* bold = nullptr;     // bold spans and headings in the preview
  ImFont* title = nullptr;    // the article title and headings (larger)
  ImFont* small = nullptr;    // meta lines, breadcrumb, footer, status bar
  float em = 15;              // body em size in logical pixels (a CJK character's advance)
  float title_em = 24;
  float small_em = 12.5f;
};

// What to build: code points per face (sorted, unique, BMP only) and the sizes.
struct FontRequest {
  float em = 15;  // logical pixels
  float title_em = 24;
  float small_em = 12.5f;
  float density = 1;  // framebuffer pixels per logical pixel: rasterize at this scale
  std::vector<uint16_t> regular_glyphs;
  std::vector<uint16_t> bold_glyphs;
  std::vector<uint16_t> title_glyphs;
  std::vector<uint16_t> small_glyphs;
};

// Fills an atlas with the requested glyphs. Called between frames, only when new
// characters have appeared; the platform re-uploads the texture afterwards.
class FontBackend {
 public:
  virtual ~FontBackend() = default;
  // Clears atlas, adds the faces and builds it. On failure leaves a usable atlas (ImGui's
  // default font) and says why in error.
  virtual bool build(ImFontAtlas& atlas, const FontRequest& request, FontSet& out,
                     std::string& error) = 0;
};

// ---- Small system services ----------------------------------------------------------------

class Clipboard {
 public:
  virtual ~Clipboard() = default;
  virtual std::string get() = 0;
  virtual void set(const std::string& text) = 0;
};

class Shell {
 public:
  virtual ~Shell() = default;
  // Shows a complete HTML page in the system browser (native: a temporary file opened with
  // xdg-open; web: a new tab). Returns false with a reason when it could not.
  virtual bool open_page(const std::string& html, std::string& error) = 0;
  // Opens a link of the article in the system browser.
  virtual bool open_url(const std::string& url, std::string& error) = 0;
};

// Import and export of article files. A platform with its own file picker (the browser)
// ignores path; one without (the desktop build) gets the path the user typed.
class FileExchange {
 public:
  virtual ~FileExchange() = default;
  virtual bool has_picker() const = 0;
  // A sensible default location for the path field ("/home/ann/文档/").
  virtual std::string default_folder() const = 0;
  virtual void import_file(
      const std::string& path,
      Callback<void(StorageResult, std::string name, std::string data)> done) = 0;
  virtual void export_file(const std::string& path, std::string data,
                           Callback<void(StorageResult, std::string where)> done) = 0;
};

// ---- Media: the pictures and files an editor adds -----------------------------------------

constexpr const char* kMediaMissing = "media-missing";

// A picture decoded for the preview; texture 0 while it is still loading (or failed).
struct MediaImage {
  void* texture = nullptr;  // ImTextureID of an RGBA texture
  float width = 0, height = 0;
  bool failed = false;
};

// The files behind media references, kept by the platform (web: IndexedDB; native: the
// data folder) so that they survive a reload or a crash like the drafts do. The editor
// knows a local file by the sha256 of its bytes (MediaFile::id) and keeps its list in
// storage itself (ui/media_shelf.h).
class MediaFiles {
 public:
  virtual ~MediaFiles() = default;
  // Asks the user for files (browser: the file dialog; native: path is what the user
  // typed). Each file that is stored arrives through on_added, pictures already resized
  // (longest side at most 2560 px) and re-encoded, which also drops their EXIF data.
  virtual bool has_picker() const = 0;
  virtual void pick(const std::string& path, bool images) = 0;
  // POSTs the stored file id as the multipart field "file" (request: URL and headers);
  // done runs exactly once. A file no longer stored here answers status 0 with the error
  // kMediaMissing (nothing is sent).
  virtual void upload(const std::string& id, HttpRequest request, Callback<void(HttpResponse)> done,
                      Callback<void(uint64_t sent, uint64_t total)> progress) = 0;
  // The picture of a stored file, decoded at most max_side pixels on its longer side;
  // the first call starts loading it, later calls answer once it is ready. Never blocks.
  virtual MediaImage image(const std::string& id, int max_side) = 0;
  // Stores bytes the editor already holds (a picture out of a pasted document: a data: URI,
  // the clipboard's RTF) as a file named name of type mime, a picture resized and
  // re-encoded like a pasted one. done (not on_added) runs exactly once, from poll() or
  // before the call returns. The default stores nothing.
  virtual void store_bytes(std::string name, std::string mime, std::string bytes,
                           Callback<void(StorageResult, core::MediaFile)> done) {
    (void)mime;
    (void)bytes;
    core::MediaFile file;
    file.name = std::move(name);
    done(StorageResult::failure("this build cannot store pictures"), std::move(file));
  }
  // Files stored by a paste, a drop or pick(): the file, or why it was refused.
  Callback<void(StorageResult, core::MediaFile)> on_added;
};

// Everything together, owned by the platform's main program. The main loop, also the
// platform's, calls App::update_fonts() and App::frame() once per frame.
struct Platform {
  Storage* storage = nullptr;
  Http* http = nullptr;
  FontBackend* fonts = nullptr;
  Clipboard* clipboard = nullptr;
  Shell* shell = nullptr;
  FileExchange* files = nullptr;
  MediaFiles* media = nullptr;  // null: this build adds no media
  DocumentReader* documents = nullptr;  // null: no .html or .docx import
  // Runs completed callbacks (network replies, asynchronous storage) on the UI thread.
  Callback<void()> poll;
};

}  // namespace press::ui

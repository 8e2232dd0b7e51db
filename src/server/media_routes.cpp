#include "server/media_routes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "core/report_json.h"
#include "server/api_request.h"
#include "server/article_store.h"
#include "server/http_util.h"
#include "server/media_name.h"
#include "server/request_body.h"
#include "server/tokens.h"

namespace press::server {

using nlohmann::json;

namespace {

// Exactly a stored name: nothing else under /media/ can reach the file system.
const std::regex kMediaPath("/media/([0-9a-f]{64})(?:-([1-9][0-9]{0,4}))?\\.([a-z]{3,4})");

std::string media_path(const core::MediaFile& f, uint32_t width = 0) {
  return "/media/" + media_file_name(f, width);
}

// A refusal sent before the body was read: the connection cannot carry another request.
void close_after(httplib::Response& res) {
  res.set_header("Connection", "close");
}

std::optional<uint64_t> declared_length(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  const std::string text = req.get_header_value("Content-Length");
  char* end = nullptr;
  const unsigned long long n = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') return std::nullopt;
  return uint64_t(n);
}

struct Received {
  std::string bytes;
  std::string name;  // as sent, before sanitising
  bool has_file = false;
  bool too_large = false;
  bool complete = false;
};

Received receive(const httplib::Request& req, const httplib::ContentReader& reader, size_t limit) {
  Received r;
  size_t total = 0;
  auto count = [&](size_t n) {
    total += n;
    r.too_large = r.too_large || total > limit;
    return !r.too_large;
  };
  if (req.is_multipart_form_data()) {
    bool in_file = false;
    r.complete = reader(
        [&](const httplib::MultipartFormData& part) {
          in_file = part.name == "file" && !r.has_file;  // the first "file" part only
          if (in_file) {
            r.has_file = true;
            r.name = part.filename;
          }
          return true;
        },
        [&](const char* data, size_t n) {
          if (!count(n)) return false;
          if (in_file) r.bytes.append(data, n);
          return true;
        });
    return r;
  }
  r.has_file = true;
  if (req.has_param("name")) r.name = req.get_param_value("name");
  // HTTP/1.1: neither Content-Length nor Transfer-Encoding means no body.
  if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
    r.complete = true;
    return r;
  }
  r.complete = reader([&](const char* data, size_t n) {
    if (!count(n)) return false;
    r.bytes.append(data, n);
    return true;
  });
  return r;
}

json located(const core::Error& error) {
  json list = json::array();
  for (const core::Diagnostic& d : error.problems) list.push_back(d);
  return list;
}

// A JSON body ({"url": ...}) asks for a fetch: Content-Type application/json, whatever its
// parameters (a charset other than UTF-8 is refused by the fetch).
bool is_json_request(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  for (char& c : type) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.erase(0, 1);
  return type == "application/json";
}

// {"url": "..."} with a few escapes is far below this.
constexpr size_t kMaxFetchRequestBytes = 64 * 1024;

FetchSettings fetch_settings(const ServerOptions& o, const MediaLimits& limits) {
  FetchSettings s;
  s.max_bytes = limits.max_upload_bytes();  // the same limit as an upload's
  s.connect_timeout = std::chrono::seconds(o.fetch_connect_timeout_seconds);
  s.deadline = std::chrono::seconds(o.fetch_timeout_seconds);
  s.allow_loopback = o.fetch_allow_loopback_for_tests;
  s.ca_file = o.fetch_ca_file;
  return s;
}

// A URL as the audit log keeps it: printable ASCII, at most 300 bytes.
std::string audit_text(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 300)) out += (c >= 0x20 && c < 0x7F) ? c : '?';
  if (s.size() > 300) out += "...";
  return out;
}

int fetch_status(FetchFailure f) {
  switch (f) {
    case FetchFailure::Forbidden:
      return 422;
    case FetchFailure::Upstream:
      return 502;
    case FetchFailure::Timeout:
      return 504;
    case FetchFailure::TooLarge:
      return 413;
    case FetchFailure::Busy:
      return 503;
  }
  return 502;
}

const char* fetch_error_id(FetchFailure f) {
  switch (f) {
    case FetchFailure::Forbidden:
      return "forbidden_address";
    case FetchFailure::Upstream:
      return "upstream_error";
    case FetchFailure::Timeout:
      return "upstream_timeout";
    case FetchFailure::TooLarge:
      return "payload_too_large";
    case FetchFailure::Busy:
      return "fetch_busy";
  }
  return "upstream_error";
}

json url_problem(const std::string& message, const std::string& code) {
  return json::array({json{{"path", "url"}, {"message", message}, {"code", code}}});
}

}  // namespace

json media_json(const core::MediaFile& f) {
  return json{{"id", f.id},          {"ext", f.ext},       {"kind", media_kind_name(f.kind)},
              {"mime", f.mime},      {"bytes", f.bytes},   {"width", f.width},
              {"height", f.height},  {"widths", f.widths}, {"name", f.name},
              {"url", media_path(f)}};
}

void MediaRoutes::Gate::enter() {
  std::unique_lock<std::mutex> lock(mutex_);
  freed_.wait(lock, [&] { return free_ > 0; });
  --free_;
}

void MediaRoutes::Gate::leave() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++free_;
  }
  freed_.notify_one();
}

MediaRoutes::MediaRoutes(ServerContext& ctx, Api& api)
    : ctx_(ctx),
      api_(api),
      store_(*ctx.reads, *ctx.writes, ctx.options.media_dir()),
      limits_(MediaLimits::from(ctx.options)),
      gate_(int(std::max(2u, std::thread::hardware_concurrency()))),
      fetcher_(fetch_settings(ctx.options, limits_)),
      fetch_slots_(ctx.options.fetch_max_concurrent) {
  if (ctx.options.fetch_allow_loopback_for_tests)
    std::fprintf(stderr,
                 "press-server: WARNING: %s is on: fetched URLs may reach this machine "
                 "(127.0.0.0/8, ::1). It is meant for tests only.\n",
                 kFetchAllowLoopbackFlag);
  if (!fetcher_.tls_problem().empty())
    std::fprintf(stderr, "press-server: https fetches will fail: %s\n",
                 fetcher_.tls_problem().c_str());
}

void MediaRoutes::register_routes(httplib::Server& http) {
  http.Post("/api/v1/media/?",
            [this](const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& reader) { upload(req, res, reader); });
}

// The wire format of Api::fail: an error id, a message, the located problems.
MediaRoutes::Outcome MediaRoutes::fail(const httplib::Request& req, httplib::Response& res,
                                       const core::Error& error) {
  const std::string path = error.problems.empty() ? "" : error.problems.front().path;
  int status = http_status(error.code);
  std::string id;
  switch (error.code) {
    case core::ErrorCode::invalid:
      // Not a kind we take (415); bytes that are not what they claim to be (422); a request
      // without the file in it (400).
      status = path == "type" ? 415 : error.problems.front().code == "required" ? 400 : 422;
      id = status == 415   ? "unsupported_media_type"
           : status == 422 ? "invalid_media"
                           : "invalid_upload";
      break;
    case core::ErrorCode::too_large:
      id = "payload_too_large";
      break;
    case core::ErrorCode::unavailable:
      id = "storage_unavailable";
      break;
    default:
      id = "internal_error";
      break;
  }
  const std::string message =
      error.problems.empty() ? error.message() : error.problems.front().message;
  send_json(req, res, status,
            json{{"error", id}, {"message", message}, {"errors", located(error)}});
  return Outcome{status, id, {}, false};
}

void MediaRoutes::upload(const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& reader) {
  Actor who;
  if (!api_.admit(req, res, Role::Editor, who)) return close_after(res);
  if (is_json_request(req)) return fetch(req, res, reader, who);
  const size_t limit = limits_.max_upload_bytes();
  const auto too_large = [&] {
    close_after(res);
    fail(req, res,
         core::Error::from(
             core::ErrorCode::too_large,
             {{"file",
               "the upload is larger than " + std::to_string(limit) + " bytes (pictures up to " +
                   std::to_string(limits_.max_image_bytes) + ", files up to " +
                   std::to_string(limits_.max_attachment_bytes) + ")",
               0, 0, "too_large"}}));
  };
  // Refused by its announced length, before a byte of it is read.
  if (const auto length = declared_length(req); length && *length > limit) return too_large();

  Received received = receive(req, reader, limit);
  if (received.too_large) return too_large();
  if (!received.complete) {
    close_after(res);
    return send_error(req, res, 400, "body_unreadable", "the upload ended early or is malformed");
  }
  if (!received.has_file) {
    fail(req, res,
         core::Error::from(core::ErrorCode::invalid,
                           {{"file", "the form has no field named \"file\"", 0, 0, "required"}}));
    return;
  }
  ingest(req, res, who, std::move(received.bytes), sanitize_upload_name(received.name), {});
}

MediaRoutes::Outcome MediaRoutes::ingest(const httplib::Request& req, httplib::Response& res,
                                         const Actor& who, std::string bytes, std::string name,
                                         std::string_view source_url) {
  // The same upload again: the stored file, without decoding anything.
  const Watermark* watermark = ctx_.watermark ? &*ctx_.watermark : nullptr;
  if (auto stored = store_.by_source(upload_key(bytes, watermark))) {
    send_json(req, res, 200, media_json(*stored));
    return Outcome{200, {}, media_file_name(*stored), false};
  }

  gate_.enter();
  core::Result<PreparedMedia> prepared = prepare_media(bytes, std::move(name), limits_, watermark);
  gate_.leave();
  std::string().swap(bytes);
  if (!prepared) return fail(req, res, prepared.error());
  core::Result<MediaStore::Stored> stored = store_.store(*prepared, who, source_url);
  if (!stored) return fail(req, res, stored.error());
  res.set_header("Location", media_path(stored->file));
  const int status = stored->created ? 201 : 200;
  send_json(req, res, status, media_json(stored->file));
  return Outcome{status, {}, media_file_name(stored->file), stored->created};
}

void MediaRoutes::audit_fetch(const Actor& who, const std::string& detail) {
  // Best effort: the answer does not wait on it failing (the database says so in its log).
  ctx_.writes->run(
      [&](Database& db) { return insert_audit(db, who, "fetch_media", 0, 0, detail); });
}

void MediaRoutes::fetch(const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader& reader, const Actor& who) {
  if (!is_json_content_type(req.get_header_value("Content-Type")))
    return send_error(req, res, 415, "unsupported_media_type",
                      "send the request as Content-Type: application/json in UTF-8");
  RequestBody body;
  if (!read_request_body(req, res, reader, kMaxFetchRequestBytes, body)) return;
  const json j = json::parse(body.text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    const std::string message = "the body must be a JSON object: {\"url\": \"https://...\"}";
    return send_json(
        req, res, 400,
        json{{"error", "invalid_request"},
             {"message", message},
             {"errors",
              json::array({json{{"path", ""},
                                {"message", message},
                                {"code", j.is_discarded() ? "json_syntax" : "not_object"}}})}});
  }
  const auto it = j.find("url");
  if (it == j.end() || !it->is_string()) {
    const bool missing = it == j.end();
    const std::string message = missing ? "the body has no \"url\": send {\"url\": \"https://...\"}"
                                        : "\"url\" must be a string";
    return send_json(req, res, 400,
                     json{{"error", "invalid_url"},
                          {"message", message},
                          {"errors", url_problem(message, missing ? "required" : "wrong_type")}});
  }
  const std::string& text = it->get_ref<const std::string&>();
  std::string audited = audit_text(text);
  Outcome outcome;
  try {
    outcome = fetch_url(req, res, who, text, audited);
  } catch (const std::exception&) {  // out of memory, a thread not started: never out of here
    send_error(req, res, 500, "internal_error", "the server failed to fetch the picture");
    outcome = Outcome{500, "internal_error", {}, false};
  }
  // A stored picture's record was written with its row; every other outcome gets one here.
  if (!outcome.created) {
    std::string detail = audited + ": " + std::to_string(outcome.status);
    if (!outcome.error.empty()) detail += " " + outcome.error;
    if (!outcome.file.empty()) detail += " stored already as " + outcome.file;
    audit_fetch(who, detail);
  }
}

MediaRoutes::Outcome MediaRoutes::fetch_url(const httplib::Request& req, httplib::Response& res,
                                            const Actor& who, const std::string& text,
                                            std::string& audited_url) {
  FetchUrl url;
  UrlProblem problem;
  if (!parse_fetch_url(text, url, problem)) {
    send_json(req, res, 400,
              json{{"error", "invalid_url"},
                   {"message", problem.message},
                   {"errors", url_problem(problem.message, problem.code)}});
    return Outcome{400, "invalid_url " + problem.code, {}, false};
  }
  audited_url = audit_text(url.text());

  const auto refuse = [&](const FetchError& e) {
    const int status = fetch_status(e.failure);
    std::string message = e.message;
    if (e.failure == FetchFailure::TooLarge)
      message += " (pictures up to " + std::to_string(limits_.max_image_bytes) + ", files up to " +
                 std::to_string(limits_.max_attachment_bytes) + ")";
    if (status == 503) res.set_header("Retry-After", "5");
    json body{{"error", fetch_error_id(e.failure)},
              {"message", message},
              {"errors", url_problem(message, e.code)}};
    if (e.upstream_status) body["upstream_status"] = e.upstream_status;
    send_json(req, res, status, body);
    return Outcome{status, std::string(fetch_error_id(e.failure)) + " " + e.code, {}, false};
  };
  if (!fetch_slots_.try_enter()) {
    FetchError busy;
    busy.failure = FetchFailure::Busy;
    busy.code = "busy";
    busy.message = "the server is already fetching " +
                   std::to_string(ctx_.options.fetch_max_concurrent) +
                   " pictures; try again in a few seconds";
    return refuse(busy);
  }
  Fetched fetched;
  FetchError error;
  bool ok = false;
  try {
    ok = fetcher_.fetch(url, fetched, error);
  } catch (...) {
    fetch_slots_.leave();
    throw;
  }
  fetch_slots_.leave();
  if (!ok) return refuse(error);

  std::string source = url.text();
  if (fetched.redirects) source += " -> " + fetched.url.text();
  audited_url = audit_text(source);
  return ingest(req, res, who, std::move(fetched.bytes), sanitize_upload_name(url_file_name(url)),
                audit_text(source));
}

bool MediaRoutes::serve(const httplib::Request& req, httplib::Response& res) {
  if (req.path.compare(0, 7, "/media/") != 0) return false;
  std::smatch m;
  if (!std::regex_match(req.path, m, kMediaPath)) {
    send_error(req, res, 404, "not_found", "no such media file");
    return true;
  }
  const uint32_t width = m[2].matched ? uint32_t(std::stoul(m[2].str())) : 0;
  bool failed = false;
  const std::optional<core::MediaFile> file = store_.get(m[1].str(), &failed);
  if (failed) {
    send_error(req, res, 503, "storage_unavailable", "the media table cannot be read");
    return true;
  }
  const bool known = file && file->ext == m[3].str() &&
                     (width == 0 || std::find(file->widths.begin(), file->widths.end(), width) !=
                                        file->widths.end());
  if (!known) {
    send_error(req, res, 404, "not_found", "no such media file");
    return true;
  }

  const int fd = ::open(store_.path_of(*file, width).c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    if (fd >= 0) ::close(fd);
    send_error(req, res, 503, "storage_unavailable", "the stored file cannot be read");
    return true;
  }
  // The name is the content's hash: a name never changes meaning, so caches keep it forever.
  const std::string etag = "\"" + media_file_name(*file, width) + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "public, max-age=31536000, immutable");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (file->kind == core::MediaKind::Attachment) {
    res.set_header("Content-Disposition",
                   attachment_disposition(file->name, media_file_name(*file), file->ext));
    res.set_header("Content-Security-Policy", "sandbox");
  }
  if (not_modified(req, etag, {})) {
    ::close(fd);
    res.status = 304;
    return true;
  }
  auto descriptor = std::shared_ptr<int>(new int(fd), [](int* p) {
    ::close(*p);
    delete p;
  });
  res.status = 200;
  res.set_content_provider(size_t(st.st_size), file->mime,
                           [descriptor](size_t offset, size_t length, httplib::DataSink& sink) {
                             char buffer[64 * 1024];
                             const ssize_t n =
                                 ::pread(*descriptor, buffer, std::min(length, sizeof buffer),
                                         off_t(offset));
                             return n > 0 && sink.write(buffer, size_t(n));
                           });
  return true;
}

}  // namespace press::server

#include "server/server.h"

#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "server/api.h"
#include "server/http_util.h"
#include "server/list_page.h"
#include "server/media_image.h"
#include "server/media_routes.h"
#include "server/public_pages.h"
#include "server/request_body.h"
#include "server/server_context.h"
#include "server/startup.h"

namespace press::server {

namespace {

using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// Debian's cpp-httplib is compiled with a listen backlog of 5: 64 clients connecting at
// once would see dropped handshakes and one-second retransmits. Linux lets a listening
// socket be listen()ed again with a new backlog, which needs the socket of the server.
class HttpServer : public httplib::Server {
 public:
  bool raise_backlog(int backlog) { return ::listen(svr_sock_, backlog) == 0; }
};

std::string base_url(const ServerOptions& o, int port) {
  const bool v6 = o.host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + o.host + "]" : o.host) + ":" + std::to_string(port) + "/";
}

// PRESS_ADMIN_TOKEN registers a known admin token for scripted set-ups; otherwise the very
// first start makes one. Returns the new token to show once, or "" when none was made.
bool bootstrap_tokens(Database& db, std::string& shown_once) {
  if (const char* env = std::getenv("PRESS_ADMIN_TOKEN"); env && *env) {
    const std::string token = env;
    if (token.size() < 16) {
      std::fprintf(stderr, "press-server: PRESS_ADMIN_TOKEN must be at least 16 characters\n");
      return false;
    }
    if (token_known(db, token)) return true;
    const core::Result<int64_t> added =
        add_token(db, token, "admin (PRESS_ADMIN_TOKEN)", Role::Admin);
    if (!added) {
      std::fprintf(stderr, "press-server: cannot store the admin token: %s\n",
                   added.error().message().c_str());
      return false;
    }
    return true;
  }
  if (count_tokens(db) > 0) return true;
  shown_once = generate_token();
  if (shown_once.empty()) {
    std::fprintf(stderr, "press-server: cannot create the first admin token: no randomness\n");
    return false;
  }
  const core::Result<int64_t> added = add_token(db, shown_once, "admin", Role::Admin);
  if (!added) {
    std::fprintf(stderr, "press-server: cannot create the first admin token: %s\n",
                 added.error().message().c_str());
    return false;
  }
  return true;
}

void serve_static(ServerContext& ctx, PublicPages& pages, const Request& req, Response& res) {
  StaticFiles::Lookup found = ctx.statics.find(req.path);
  if (found.kind == StaticFiles::Lookup::RedirectToDirectory) {
    res.status = 301;
    res.set_header("Location", req.path + "/");
    return;
  }
  if (found.kind != StaticFiles::Lookup::File) {
    pages.not_found(req, res);
    return;
  }
  const StaticBody& file = *found.file;
  res.set_header("ETag", file.etag);
  res.set_header("Last-Modified", file.last_modified);
  res.set_header("Cache-Control", "no-cache");
  if (!file.gzip.empty()) res.set_header("Vary", "Accept-Encoding");
  if (not_modified(req, file.etag, file.last_modified)) {
    res.status = 304;
    return;
  }
  const bool gzip = !file.gzip.empty() && request_accepts_gzip(req);
  send_bytes(res, 200, file.content_type, found.file, gzip ? file.gzip : file.body, gzip);
}

// Writes anywhere but the API: refused, after reading the body like any write.
void refuse_write(const ServerOptions& options, const Request& req, Response& res,
                  const httplib::ContentReader& reader) {
  RequestBody body;
  if (!read_request_body(req, res, reader, options.max_body_bytes, body)) return;
  res.set_header("Allow", "GET, HEAD, OPTIONS");
  send_error(req, res, 405, "method_not_allowed", "only the API under /api/v1/ accepts writes");
}

}  // namespace

int run_server(const ServerOptions& options) {
  // Signals are taken by a thread of ours (sigtimedwait); block them before any thread starts.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a reader closing early must not kill the server

  ServerContext ctx;
  ctx.options = options;
  if (!load_site_profile(options.site_file, ctx.site)) return 2;
  // Pictures are decoded on the request threads; libvips' own workers, per picture, match
  // the cores (MediaRoutes lets as many pictures in at once).
  if (core::Status codecs = init_image_codecs(int(std::thread::hardware_concurrency())); !codecs) {
    std::fprintf(stderr, "press-server: %s\n", codecs.error().message().c_str());
    return 2;
  }
  if (!load_watermark(options.site_file, ctx.site, ctx.watermark)) return 2;
  std::unique_ptr<Database> writer = open_data_database(options.data_dir);
  if (!writer) return 2;
  if (!ctx.views.load(*writer)) {
    std::fprintf(stderr, "press-server: cannot read view counts: %s\n", writer->error().c_str());
    return 2;
  }
  core::Result<std::unique_ptr<Database>> token_db = Database::open(options.database_path());
  if (!token_db) {
    std::fprintf(stderr, "press-server: %s\n", token_db.error().message().c_str());
    return 2;
  }
  ctx.token_db = std::move(*token_db);

  HttpServer http;
  const int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
  http.set_keep_alive_max_count(10000);
  http.set_keep_alive_timeout(5);
  http.set_tcp_nodelay(true);
  // Media uploads may be larger than other bodies; each route applies its own limit.
  http.set_payload_max_length(std::max(options.max_body_bytes, options.max_upload_bytes()));
  int port = options.port;
  if (port == 0) {
    port = http.bind_to_any_port(options.host);
  } else if (!http.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    std::fprintf(stderr, "press-server: cannot listen on %s port %d\n", options.host.c_str(),
                 options.port);
    return 2;
  }
  if (!http.raise_backlog(1024))
    std::fprintf(stderr, "press-server: keeping the listen backlog of 5\n");

  std::string first_token;
  if (!bootstrap_tokens(*writer, first_token)) return 2;

  ctx.writes = std::make_unique<WriteQueue>(std::move(writer));
  ctx.reads = std::make_unique<ConnectionPool>(options.database_path());
  ctx.store = std::make_unique<ArticleStore>(*ctx.reads, *ctx.writes);
  ctx.tokens = std::make_unique<TokenCache>(*ctx.token_db);
  ctx.guard = std::make_unique<core::Guard>(ctx.site);
  ctx.footer_html = site_footer_html(ctx.site);
  if (!options.web_dir.empty()) ctx.statics.mount("/", options.web_dir);
  for (const auto& [prefix, dir] : options.static_dirs) ctx.statics.mount(prefix, dir);

  {
    std::error_code ec;
    std::filesystem::create_directories(options.media_dir(), ec);
    if (ec) {
      std::fprintf(stderr, "press-server: cannot create the media folder %s: %s\n",
                   options.media_dir().c_str(), ec.message().c_str());
      return 2;
    }
    remove_stale_temporaries(options.media_dir());  // a crash mid-upload leaves only these
  }

  PublicPages pages(ctx);
  Api api(ctx);
  MediaRoutes media(ctx, api);
  media.register_routes(http);  // before the API's catch-all patterns
  api.register_routes(http);

  http.set_pre_routing_handler([&](const Request& req, Response& res) {
    if (req.method == "GET" || req.method == "HEAD") {
      if (starts_with(req.path, "/api/")) return HandlerResponse::Unhandled;  // Api's routes
      if (media.serve(req, res)) return HandlerResponse::Handled;
      if (!pages.serve(req, res)) serve_static(ctx, pages, req, res);
      return HandlerResponse::Handled;
    }
    if (req.method == "OPTIONS") {
      if (starts_with(req.path, "/api/")) {
        api.preflight(req, res);
      } else {
        res.status = 204;
        res.set_header("Allow", "GET, HEAD, OPTIONS");
      }
      return HandlerResponse::Handled;
    }
    return HandlerResponse::Unhandled;  // writes: the routes read the body first
  });
  // After the API's routes: cpp-httplib tries patterns in the order they were added.
  auto refuse = [&](const Request& req, Response& res, const httplib::ContentReader& reader) {
    refuse_write(ctx.options, req, res, reader);
  };
  http.Post(".*", refuse).Put(".*", refuse).Delete(".*", refuse).Patch(".*", refuse);
  // Errors cpp-httplib answers itself (malformed request, 413 by Content-Length, 414)
  // get a JSON body like ours; responses we made already have one.
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const Request& req, Response& res) {
        if (res.has_header("Content-Type")) return HandlerResponse::Unhandled;
        const char* message = res.status == 413   ? "the request body is too large"
                              : res.status == 414 ? "the request line is too long"
                              : res.status == 416 ? "the range cannot be satisfied"
                                                  : "the request is malformed";
        send_error(req, res, res.status, "http_" + std::to_string(res.status), message);
        return HandlerResponse::Handled;
      }));
  http.set_exception_handler([](const Request& req, Response& res, std::exception_ptr) {
    send_error(req, res, 500, "internal_error", "the server failed to handle this request");
  });

  const std::string url = base_url(options, port);
  if (!first_token.empty()) {
    std::printf(
        "press-server: created the first admin token. It is shown only this once; only its hash is "
        "stored:\n"
        "\n    %s\n\n"
        "Admin page: %sadmin/  (more tokens: press-server token create --data %s)\n",
        first_token.c_str(), url.c_str(), options.data_dir.c_str());
  }
  std::printf("press-server: listening on %s (data %s, site %s)\n", url.c_str(),
              options.data_dir.c_str(), ctx.site.id.c_str());
  std::fflush(stdout);

  // A stop signal may arrive before listen_after_bind() runs, when Server::stop() would do
  // nothing yet: the request is kept and carried out once the server is running.
  std::atomic<bool> finished{false};
  std::thread signal_thread([&] {
    const timespec tick{0, 50 * 1000 * 1000};
    bool requested = false;
    while (!finished.load()) {
      const int sig = sigtimedwait(&stop_signals, nullptr, &tick);
      if ((sig == SIGINT || sig == SIGTERM) && !requested) {
        std::fprintf(stderr, "press-server: stopping (signal %d)\n", sig);
        requested = true;
      }
      if (requested && http.is_running()) {
        http.stop();
        return;
      }
    }
  });
  std::mutex flush_mutex;
  std::condition_variable flush_wake;
  bool flush_stop = false;
  std::thread flush_thread([&] {
    std::unique_lock<std::mutex> lock(flush_mutex);
    while (!flush_stop) {
      flush_wake.wait_for(lock, std::chrono::seconds(options.flush_seconds));
      if (flush_stop) break;
      lock.unlock();
      ctx.views.flush(*ctx.writes);
      lock.lock();
    }
  });

  const bool listened = http.listen_after_bind();

  finished = true;
  signal_thread.join();
  {
    std::lock_guard<std::mutex> lock(flush_mutex);
    flush_stop = true;
  }
  flush_wake.notify_all();
  flush_thread.join();
  const bool flushed = ctx.views.flush(*ctx.writes);
  ctx.writes->stop();
  if (!flushed) std::fprintf(stderr, "press-server: the last view counts could not be written\n");
  std::fprintf(stderr, "press-server: stopped\n");
  return listened ? 0 : 1;
}

}  // namespace press::server

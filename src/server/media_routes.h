#pragma once
// The media store over HTTP:
//   POST /api/v1/media   an editor's token; multipart/form-data with the field "file" (as a
//                        browser FormData sends it) or the raw bytes (?name= for the name).
//                        201 with the stored file's JSON, 200 when it was stored already.
//                        With Content-Type: application/json, {"url": "https://..."}: the
//                        server fetches the file (media_fetch.h) and ingests the bytes exactly
//                        like an upload's; every fetch is in the audit log with its URL.
//   GET  /media/<id>.<ext>, /media/<id>-<w>.<ext>
//                        the file, immutable, with the type from the table; attachments
//                        as downloads.
#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "server/api.h"
#include "server/media_fetch.h"
#include "server/media_ingest.h"
#include "server/media_store.h"
#include "server/server_context.h"

namespace press::server {

// The JSON of one stored file: the fields of core::MediaFile and its url.
nlohmann::json media_json(const core::MediaFile& file);

class MediaRoutes {
 public:
  MediaRoutes(ServerContext& ctx, Api& api);

  // Registered before Api's routes, whose catch-all patterns would answer first.
  void register_routes(httplib::Server& http);

  // GET and HEAD under /media/ (from the pre-routing handler): false when the path is not
  // under /media/.
  bool serve(const httplib::Request& req, httplib::Response& res);

 private:
  // What a request came to: its status, the error id ("" on success), the stored file.
  struct Outcome {
    int status = 0;
    std::string error;
    std::string file;      // <id>.<ext>, when a file was stored or found
    bool created = false;  // stored now (its audit record is written with its row)
  };

  void upload(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader& reader);
  // POST with a JSON body {"url": ...}, after the token check.
  void fetch(const httplib::Request& req, httplib::Response& res,
             const httplib::ContentReader& reader, const Actor& who);
  Outcome fetch_url(const httplib::Request& req, httplib::Response& res, const Actor& who,
                    const std::string& text, std::string& audited_url);
  // The one ingest of an upload's or a fetch's bytes: the same file again, or prepared,
  // stored and answered.
  Outcome ingest(const httplib::Request& req, httplib::Response& res, const Actor& who,
                 std::string bytes, std::string name, std::string_view source_url);
  Outcome fail(const httplib::Request& req, httplib::Response& res, const core::Error& error);
  void audit_fetch(const Actor& who, const std::string& detail);

  // Decoding a picture takes a core's worth of work and up to a few hundred MB: as many at
  // once as there are cores, the others wait their turn.
  class Gate {
   public:
    explicit Gate(int slots) : free_(slots) {}
    void enter();
    void leave();

   private:
    std::mutex mutex_;
    std::condition_variable freed_;
    int free_;
  };

  // Fetches at once, at most options.fetch_max_concurrent; the others are turned away (503).
  class Slots {
   public:
    explicit Slots(int max) : max_(max) {}
    bool try_enter() {
      if (used_.fetch_add(1) < max_) return true;
      used_.fetch_sub(1);
      return false;
    }
    void leave() { used_.fetch_sub(1); }

   private:
    std::atomic<int> used_{0};
    const int max_;
  };

  ServerContext& ctx_;
  Api& api_;
  MediaStore store_;
  MediaLimits limits_;
  Gate gate_;
  MediaFetcher fetcher_;
  Slots fetch_slots_;
};

}  // namespace press::server

#pragma once
// The media store over HTTP:
//   POST /api/v1/media   an editor's token; multipart/form-data with the field "file" (as a
//                        browser FormData sends it) or the raw bytes (?name= for the name).
//                        201 with the stored file's JSON, 200 when it was stored already.
//   GET  /media/<id>.<ext>, /media/<id>-<w>.<ext>
//                        the file, immutable, with the type from the table; attachments
//                        as downloads.
#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <nlohmann/json_fwd.hpp>

#include "server/api.h"
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
  void upload(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader& reader);
  void fail(const httplib::Request& req, httplib::Response& res, const core::Error& error);

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

  ServerContext& ctx_;
  Api& api_;
  MediaStore store_;
  MediaLimits limits_;
  Gate gate_;
};

}  // namespace press::server

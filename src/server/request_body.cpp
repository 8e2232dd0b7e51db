#include "server/request_body.h"

#include <cstdlib>

#include "server/http_util.h"

namespace press::server {

bool read_request_body(const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader& reader, size_t limit, RequestBody& body) {
  if (req.is_multipart_form_data()) {
    send_error(req, res, 415, "unsupported_media_type", "send JSON, not a form");
    return false;
  }
  // HTTP/1.1: a request with neither Content-Length nor Transfer-Encoding has no body
  // (cpp-httplib would otherwise wait for the client to close the connection).
  if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
    body = RequestBody{};
    return true;
  }
  // Far over the limit by its announced length: refused without reading it (the server's
  // own payload limit is set for the larger media uploads). A body a little over the limit
  // is drained below, so the connection stays in step for the 413.
  if (req.has_header("Content-Length") &&
      std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) > 4 * limit) {
    res.set_header("Connection", "close");
    send_error(req, res, 413, "payload_too_large",
               "the request body is larger than " + std::to_string(limit) + " bytes");
    return false;
  }
  std::string text;
  size_t total = 0;
  bool too_large = false;
  const bool ok = reader([&](const char* data, size_t size) {
    total += size;
    if (total > limit) {
      // Keep draining (up to a bound) so the connection stays in step for the 413.
      too_large = true;
      std::string().swap(text);
      return total <= 4 * limit;
    }
    text.append(data, size);
    return true;
  });
  if (too_large || res.status == 413) {
    send_error(req, res, 413, "payload_too_large",
               "the request body is larger than " + std::to_string(limit) + " bytes");
    return false;
  }
  if (!ok) {
    send_error(req, res, 400, "body_unreadable", "the request body ended early or is malformed");
    return false;
  }
  body = RequestBody{std::move(text), true};
  return true;
}

}  // namespace press::server

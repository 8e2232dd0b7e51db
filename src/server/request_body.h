#pragma once
// Request bodies read with a bound: cpp-httplib checks Content-Length against the payload
// limit itself, but a chunked or gzip-encoded body has no length to check up front.
#include <httplib.h>

#include <cstddef>
#include <string>

namespace press::server {

struct RequestBody {
  std::string text;
  bool present = false;  // false for a request that carried none
};

// Reads the body of a write. On failure the answer (415 for a form, 413 over `limit`, 400
// for a body cut short) is already in `res` and false returned.
bool read_request_body(const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader& reader, size_t limit, RequestBody& body);

}  // namespace press::server

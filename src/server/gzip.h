#pragma once
// gzip for text responses, including pages with a number that changes on every request.
#include <cstdint>
#include <string>
#include <string_view>

namespace press::server {

std::string gzip_compress(std::string_view data, int level = 6);

// True when an Accept-Encoding header value accepts gzip (and does not refuse it with q=0).
bool accepts_gzip(std::string_view accept_encoding);

// A page compressed once around a hole: prefix and suffix are deflated ahead of time and
// each response splices in the middle text (the view count) as a stored deflate block,
// with the CRC combined arithmetically. The result is one ordinary gzip member.
class SplicedGzip {
 public:
  SplicedGzip() = default;
  SplicedGzip(std::string_view prefix, std::string_view suffix, int level = 6);
  std::string assemble(std::string_view middle) const;  // middle: at most 65535 bytes

 private:
  std::string
      head_;  // gzip header + deflate(prefix) ended by a sync flush (byte-aligned, not final)
  std::string tail_;  // deflate(suffix), final block, no trailer
  uint32_t prefix_crc_ = 0, suffix_crc_ = 0;
  uint64_t prefix_size_ = 0, suffix_size_ = 0;
};

}  // namespace press::server

#include "server/gzip.h"

#include <zlib.h>

#include <cstdlib>

namespace press::server {

namespace {

// Deflates `data` into out with the given flush mode; window_bits picks raw deflate (-15)
// or gzip (15 + 16).
bool deflate_into(std::string& out, std::string_view data, int level, int window_bits, int flush) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = uInt(data.size());
  const size_t start = out.size();
  out.resize(start + deflateBound(&z, uLong(data.size())) + 16);
  z.next_out = reinterpret_cast<Bytef*>(&out[start]);
  z.avail_out = uInt(out.size() - start);
  const int rc = deflate(&z, flush);
  const bool ok = flush == Z_FINISH ? rc == Z_STREAM_END : (rc == Z_OK || rc == Z_BUF_ERROR);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return ok && z.avail_in == 0;
}

void put_le32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += char((v >> (8 * i)) & 0xFF);
}

uint32_t crc_of(std::string_view s) {
  return uint32_t(crc32(0, reinterpret_cast<const Bytef*>(s.data()), uInt(s.size())));
}

}  // namespace

std::string gzip_compress(std::string_view data, int level) {
  std::string out;
  if (!deflate_into(out, data, level, 15 + 16, Z_FINISH)) return {};
  return out;
}

bool accepts_gzip(std::string_view header) {
  // Tokens separated by commas, each maybe with ";q=..."; gzip or * with q > 0 accepts.
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    pos = end + 1;
    const size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t'))
      coding.remove_prefix(1);
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t'))
      coding.remove_suffix(1);
    if (coding != "gzip" && coding != "x-gzip") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view params = item.substr(semi + 1);
    const size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    const std::string value(params.substr(q + 2));
    return std::strtod(value.c_str(), nullptr) > 0.0;
  }
  return false;
}

SplicedGzip::SplicedGzip(std::string_view prefix, std::string_view suffix, int level) {
  // gzip header: magic, deflate, no flags, no mtime, no extra flags, OS = Unix.
  static const char kHeader[10] = {'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, 0, 3};
  head_.assign(kHeader, sizeof kHeader);
  if (!deflate_into(head_, prefix, level, -15, Z_SYNC_FLUSH) ||
      !deflate_into(tail_, suffix, level, -15, Z_FINISH)) {
    std::abort();  // zlib only fails here when out of memory
  }
  prefix_crc_ = crc_of(prefix);
  suffix_crc_ = crc_of(suffix);
  prefix_size_ = prefix.size();
  suffix_size_ = suffix.size();
}

std::string SplicedGzip::assemble(std::string_view middle) const {
  std::string out;
  out.reserve(head_.size() + 5 + middle.size() + tail_.size() + 8);
  out = head_;
  // A stored block: after the sync flush the stream is byte-aligned, so the 3 header bits
  // (not final, type 00) and the padding to the byte boundary make one zero byte.
  const auto n = uint16_t(middle.size());
  out += '\0';
  out += char(n & 0xFF);
  out += char(n >> 8);
  out += char(~n & 0xFF);
  out += char((~n >> 8) & 0xFF);
  out.append(middle.data(), middle.size());
  out += tail_;
  uint32_t crc = uint32_t(crc32_combine(prefix_crc_, crc_of(middle), z_off_t(middle.size())));
  crc = uint32_t(crc32_combine(crc, suffix_crc_, z_off_t(suffix_size_)));
  put_le32(out, crc);
  put_le32(out, uint32_t(prefix_size_ + middle.size() + suffix_size_));
  return out;
}

}  // namespace press::server

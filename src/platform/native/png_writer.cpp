#include "platform/native/png_writer.h"

#include <zlib.h>

#include <vector>

#include "platform/native/file_storage.h"

namespace press::native {

namespace {

void put32(std::string& out, uint32_t v) {
  out += char(v >> 24);
  out += char(v >> 16);
  out += char(v >> 8);
  out += char(v);
}

void chunk(std::string& out, const char type[4], const std::string& data) {
  put32(out, uint32_t(data.size()));
  std::string body(type, 4);
  body += data;
  out += body;
  put32(out, uint32_t(crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()))));
}

}  // namespace

std::string write_png(const std::string& path, const uint8_t* pixels, int width, int height) {
  std::string raw;
  raw.reserve(size_t(height) * (size_t(width) * 4 + 1));
  for (int y = 0; y < height; ++y) {
    raw += '\0';  // filter: none
    raw.append(reinterpret_cast<const char*>(pixels) + size_t(y) * size_t(width) * 4,
               size_t(width) * 4);
  }
  uLongf size = compressBound(uLong(raw.size()));
  std::vector<Bytef> packed(size);
  if (compress2(packed.data(), &size, reinterpret_cast<const Bytef*>(raw.data()), uLong(raw.size()),
                6) != Z_OK)
    return "compression failed";
  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string header;
  put32(header, uint32_t(width));
  put32(header, uint32_t(height));
  header += char(8);  // bit depth
  header += char(6);  // RGBA
  header += std::string(3, '\0');
  chunk(png, "IHDR", header);
  chunk(png, "IDAT", std::string(reinterpret_cast<const char*>(packed.data()), size));
  chunk(png, "IEND", "");
  return write_file_atomically(path, png, 0644);
}

}  // namespace press::native

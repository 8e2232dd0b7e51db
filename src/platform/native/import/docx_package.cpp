#include "platform/native/import/docx_package.h"

#include <zip.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/diagnostic.h"
#include "core/file_kind.h"
#include "core/utf8.h"

namespace press::native::docx {

namespace {

// ---- OLE compound files: an old .doc, or an encrypted .docx ----------------------------

uint32_t le32(std::string_view b, size_t at) {
  if (at + 4 > b.size()) return 0xFFFFFFFFu;
  return uint32_t(uint8_t(b[at])) | uint32_t(uint8_t(b[at + 1])) << 8 |
         uint32_t(uint8_t(b[at + 2])) << 16 | uint32_t(uint8_t(b[at + 3])) << 24;
}

// The names in a compound file's directory (ASCII names only, which are all Office uses
// for its streams). Empty when the directory cannot be followed.
std::vector<std::string> ole_stream_names(std::string_view b) {
  std::vector<std::string> names;
  if (b.size() < 512) return names;
  const unsigned shift = uint8_t(b[0x1E]) | unsigned(uint8_t(b[0x1F])) << 8;
  if (shift != 9 && shift != 12) return names;
  const size_t sector = size_t(1) << shift;
  const size_t per_fat = sector / 4;
  auto offset = [&](uint32_t sid) { return (size_t(sid) + 1) * sector; };
  auto next = [&](uint32_t sid) -> uint32_t {
    const size_t fat_index = sid / per_fat;
    if (fat_index >= 109) return 0xFFFFFFFEu;  // beyond the header's DIFAT: give up
    const uint32_t fat_sector = le32(b, 0x4C + fat_index * 4);
    if (fat_sector >= 0xFFFFFFFAu) return 0xFFFFFFFEu;
    return le32(b, offset(fat_sector) + (sid % per_fat) * 4);
  };
  uint32_t sid = le32(b, 0x30);
  for (size_t guard = 0; sid < 0xFFFFFFFAu && guard <= b.size() / sector; ++guard) {
    const size_t at = offset(sid);
    if (at + sector > b.size()) break;
    for (size_t e = 0; e + 128 <= sector; e += 128) {
      const size_t entry = at + e;
      const unsigned length = uint8_t(b[entry + 64]) | unsigned(uint8_t(b[entry + 65])) << 8;
      std::string name;
      for (unsigned i = 0; i + 2 < length && i < 64; i += 2) {
        const unsigned c = uint8_t(b[entry + i]) | unsigned(uint8_t(b[entry + i + 1])) << 8;
        name += c >= 0x20 && c < 0x7F ? char(c) : '?';
      }
      if (!name.empty()) names.push_back(std::move(name));
    }
    sid = next(sid);
  }
  return names;
}

bool contains_utf16(std::string_view b, std::string_view ascii) {
  std::string wide;
  for (char c : ascii) {
    wide += c;
    wide += '\0';
  }
  return b.find(wide) != std::string_view::npos;
}

}  // namespace

Error invalid(std::string path, std::string message) {
  return Error::from(ErrorCode::invalid,
                     {{std::move(path), std::move(message), 0, 0, "bad_value"}});
}

Error too_large(std::string path, std::string message) {
  return Error::from(ErrorCode::too_large,
                     {{std::move(path), std::move(message), 0, 0, "too_large"}});
}

bool equals_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

Error ole_error(std::string_view bytes) {
  const std::vector<std::string> names = ole_stream_names(bytes);
  auto has = [&](std::string_view n) {
    if (names.empty()) return contains_utf16(bytes, n);
    for (const std::string& s : names)
      if (s == n) return true;
    return false;
  };
  if (has("EncryptedPackage")) return invalid({}, std::string(kDocxEncryptedMessage));
  if (!has("WordDocument")) {
    if (has("Workbook") || has("Book"))
      return invalid({}, "this is an old Excel .xls file, not a Word document");
    if (has("PowerPoint Document"))
      return invalid({}, "this is an old PowerPoint .ppt file, not a Word document");
  }
  return invalid({}, std::string(kDocxOldDocMessage));
}

// ---- The package ------------------------------------------------------------------------

std::string bytes_text(uint64_t n) {
  if (n >= (1ull << 20) && n % (1ull << 20) == 0) return std::to_string(n >> 20) + " MB";
  return std::to_string(n) + " bytes";
}

core::Result<std::unique_ptr<Package>> Package::open(std::string_view bytes,
                                                     const DocxLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Error::of(ErrorCode::internal, "libzip: " + why);
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) {
    zip_source_free(source);  // not taken over when the open fails
    const int code = zip_error_code_zip(&error);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (code == ZIP_ER_NOZIP) return invalid({}, std::string(kDocxNotZipMessage));
    return invalid({}, "the .docx file is damaged: " + why);
  }
  zip_error_fini(&error);
  return std::unique_ptr<Package>(new Package(archive, limits));
}

bool Package::has(const std::string& name) const {
  return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

core::Result<std::string> Package::read(const std::string& name) {
  const zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return Error::at(ErrorCode::not_found, name, "the part is missing");
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(zip_, zip_uint64_t(index), 0, &stat) != 0)
    return invalid(name, "the part cannot be read from the archive");
  if (stat.valid & ZIP_STAT_SIZE) {
    if (stat.size > limits_.max_part_bytes)
      return too_large(name, "would unpack to " + std::to_string(stat.size) +
                                 " bytes, more than the " + bytes_text(limits_.max_part_bytes) +
                                 " accepted for one part: refused as a possible zip bomb");
    if (stat.size > limits_.max_total_bytes - total_) return over_total(name);
  }
  zip_file_t* file = zip_fopen_index(zip_, zip_uint64_t(index), 0);
  if (!file) {
    const int code = zip_error_code_zip(zip_get_error(zip_));
    const std::string why = zip_strerror(zip_);
    zip_error_clear(zip_);
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
      return invalid({}, std::string(kDocxEncryptedMessage));
    return invalid(name, "the part cannot be unpacked: " + why);
  }
  std::string out;
  if (stat.valid & ZIP_STAT_SIZE) out.reserve(size_t(stat.size));
  char chunk[65536];
  for (;;) {
    const zip_int64_t got = zip_fread(file, chunk, sizeof chunk);
    if (got < 0) {
      const std::string why = zip_file_strerror(file);
      zip_fclose(file);
      return invalid(name, "the part is damaged: " + why);
    }
    if (got == 0) break;
    out.append(chunk, size_t(got));
    // The bytes really inflated, whatever the directory declared.
    if (out.size() > limits_.max_part_bytes) {
      zip_fclose(file);
      return too_large(name, "unpacks to more than the " + bytes_text(limits_.max_part_bytes) +
                                 " accepted for one part: refused as a possible zip bomb");
    }
    if (out.size() > limits_.max_total_bytes - total_) {
      zip_fclose(file);
      return over_total(name);
    }
  }
  zip_fclose(file);
  total_ += out.size();
  return out;
}

Error Package::over_total(const std::string& name) const {
  return too_large(name, "the parts read would unpack to more than the " +
                             bytes_text(limits_.max_total_bytes) +
                             " accepted in all: refused as a possible zip bomb");
}

}  // namespace press::native::docx

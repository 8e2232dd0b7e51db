#include "core/east_asian_width.h"

#include "core/text_scan.h"

namespace press::core {

int code_point_columns(char32_t cp) {
  if (cp < 0x7F) return cp >= 0x20 ? 1 : 0;
  if (scan::is_cjk_ideograph(cp)) return 2;
  if (cp <= 0xFFFF) return unicode::bmp_columns(cp);
  if (cp >= 0x20000 && cp <= 0x3FFFD && (cp & 0xFFFF) < 0xFFFE) return 2;  // CJK ext. planes
  if (unicode::is_zero_width(cp)) return 0;
  return unicode::is_wide(cp) ? 2 : 1;
}

int cluster_columns(std::string_view cluster) {
  const auto* s = reinterpret_cast<const unsigned char*>(cluster.data());
  size_t n = cluster.size(), i = 0;
  if (n == 0) return 0;
  char32_t base = scan::decode(s, n, i);
  int columns = code_point_columns(base);
  if (columns == 2 || i == n) return columns;
  if (scan::is_regional_indicator(base)) return 2;
  while (i < n) {
    if (scan::decode(s, n, i) == 0xFE0F) return 2;  // emoji presentation
  }
  return columns;
}

int cluster_columns(std::string_view cluster, char32_t base) {
  // One code point, as most clusters are: its lead byte says so, no decoding needed.
  const unsigned char lead = cluster.empty() ? 0 : static_cast<unsigned char>(cluster[0]);
  const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (cluster.size() <= length) return code_point_columns(base);
  return cluster_columns(cluster);
}

int text_columns(std::string_view text) {
  scan::Scanner scanner(text);
  scan::Cluster c;
  int columns = 0;
  while (scanner.next(c)) {
    if (c.end - c.begin == 1) {
      columns += c.base >= 0x20 && c.base < 0x7F ? 1 : 0;
    } else {
      columns += cluster_columns(text.substr(c.begin, c.end - c.begin));
    }
  }
  return columns;
}

}  // namespace press::core

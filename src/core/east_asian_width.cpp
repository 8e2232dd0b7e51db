#include "core/east_asian_width.h"

#include "core/text_scan.h"

namespace press::core {

int code_point_columns(char32_t cp) {
  if (cp < 0x7F) return cp >= 0x20 ? 1 : 0;
  if (cp < 0xA0) return 0;  // C1 controls, DEL
  if (cp < 0x300) return cp == 0xAD ? 0 : 1;
  if (scan::is_cjk_ideograph(cp)) return 2;
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

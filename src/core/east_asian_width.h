#pragma once
// Plain-text columns after UAX #11: East Asian Wide and Fullwidth characters (CJK,
// Hangul, kana, fullwidth forms, CJK punctuation, emoji) take two columns, combining
// marks and format characters none, everything else one. Ambiguous-width characters
// (“ ” … ·) count one, as terminals and wcwidth() do by default.
#include <string_view>

namespace press::core {

int code_point_columns(char32_t cp);
// Columns of one grapheme cluster (see next_cluster): its base's width, two for an emoji
// presentation sequence (VS16) or a flag.
int cluster_columns(std::string_view cluster);
// The same, given the cluster's first code point (what a layout measure receives).
int cluster_columns(std::string_view cluster, char32_t base);
int text_columns(std::string_view text);

}  // namespace press::core

#pragma once
// Find and replace over the body: matches with full-width and half-width forms folded
// together (ＡＢＣ１２３ finds ABC123, the ideographic space finds a space) and, unless asked,
// ASCII case too. Replace-all is one edit, so one undo step.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ui/markdown_edit.h"

namespace press::ui {

struct FindOptions {
  bool match_case = false;
};

// More matches than this are not listed (the count says "9999+").
constexpr size_t kMaxMatches = 9999;

// Every match of query in text, in order, not overlapping, as byte ranges of text.
std::vector<TextSelection> find_all(std::string_view text, std::string_view query,
                                    FindOptions options = {});

// The match to go to from the caret: the first starting at or after it (before it when
// backwards), wrapping around. npos when there are none.
size_t match_from(const std::vector<TextSelection>& matches, size_t caret, bool backwards);

// Every match replaced, as one edit; the caret after the last replacement.
TextEdit replace_all(std::string_view text, const std::vector<TextSelection>& matches,
                     std::string_view replacement);

}  // namespace press::ui

#pragma once
// Rule `brand-token`, and `link-domain` for domain names written in text (not a public
// API): Latin-letter tokens in the text, read where the matcher finds their first byte
// and judged by guard_tokens.h: "ag88" glued into Chinese text, "bet365", "978.com".
#include <cstddef>
#include <string>
#include <string_view>

#include "core/guard_compiled.h"
#include "core/guard_findings.h"
#include "core/guard_institution.h"
#include "core/guard_text.h"

namespace press::core {

class LatinTokenRules : public RuleFamily {
 public:
  using RuleFamily::RuleFamily;

  // Reads the token that begins at text[i], if one does, and judges it; returns where the
  // next token may begin. Called for every Latin byte the matcher reports (most of them the
  // lead byte of full-width punctuation), so the common "no token here" is inline.
  size_t read(std::string_view text, const Place& place, size_t i) {
    char ascii;
    size_t len;
    if (!token_char(text, i, ascii, len)) return i + 1;
    return read_token(text, place, i);
  }

  // Reads one token character (ASCII letter or digit, or its full-width form) at t[i].
  static bool token_char(std::string_view t, size_t i, char& ascii, size_t& len) {
    const auto c = (unsigned char)t[i];
    if (c < 0x80) {
      if (!guard_text::is_ascii_alnum(c)) return false;
      ascii = char(c);
      len = 1;
      return true;
    }
    if (c != 0xEF || i + 2 >= t.size()) return false;
    const auto b1 = (unsigned char)t[i + 1], b2 = (unsigned char)t[i + 2];
    if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) {
      ascii = char('0' + (b2 - 0x90));  // U+FF10..FF19
    } else if (b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA) {
      ascii = char('A' + (b2 - 0xA1));  // U+FF21..FF3A
    } else if (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A) {
      ascii = char('a' + (b2 - 0x81));  // U+FF41..FF5A
    } else {
      return false;
    }
    len = 3;
    return true;
  }

 private:
  size_t read_token(std::string_view text, const Place& place, size_t i);
  void judge_token(std::string_view text, const Place& place, size_t begin, size_t end,
                   bool letters, bool digits, bool dot);
  void judge_domain_mention(const Place& place, size_t begin, size_t end, bool mail);

  std::string token_;  // the token being judged, folded to ASCII
};

}  // namespace press::core

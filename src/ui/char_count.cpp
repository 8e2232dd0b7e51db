#include "ui/char_count.h"

#include "core/document.h"
#include "core/utf8.h"

namespace press::ui {

namespace {

// Everything from General Punctuation (U+2000) up is wide-script text: Han, kana, Hangul,
// CJK and full-width punctuation, curly quotes, ellipses and dashes all count one each.
bool counts_alone(char32_t cp) {
  return cp >= 0x2000;
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0 ||
         cp == 0x200B || cp == 0xFEFF;
}

struct Counter {
  size_t count = 0;
  bool in_word = false;

  void feed(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t i = 0;
    while (i < text.size()) {
      // Inline fast paths for ASCII and three-byte sequences (Chinese), the core's decoder
      // for the rest: this runs over the whole body after every change.
      char32_t cp;
      const unsigned c = s[i];
      if (c < 0x80) {
        cp = c;
        ++i;
      } else if ((c & 0xF0) == 0xE0 && i + 2 < text.size() && (s[i + 1] & 0xC0) == 0x80 &&
                 (s[i + 2] & 0xC0) == 0x80 && (c != 0xE0 || s[i + 1] >= 0xA0)) {
        cp = (c & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
        i += 3;
      } else {
        cp = core::utf8::decode(text, i);
      }
      if (is_space(cp)) {
        in_word = false;
      } else if (counts_alone(cp)) {
        ++count;
        in_word = false;
      } else if (!in_word) {
        ++count;
        in_word = true;
      }
    }
  }
};

}  // namespace

size_t count_characters(std::string_view text) {
  Counter c;
  c.feed(text);
  return c.count;
}

size_t count_characters(const core::Document& body) {
  Counter c;
  for (const core::Block& b : body.blocks) {
    c.in_word = false;
    for (uint32_t s = b.span_begin; s < b.span_end && s < body.spans.size(); ++s) {
      const core::Span& span = body.spans[s];
      if (span.kind == core::SpanKind::Text) {
        c.feed(body.span_text(span));
      } else if (span.kind != core::SpanKind::Image) {
        c.in_word = false;  // a line break separates words
      }
    }
  }
  return c.count;
}

}  // namespace press::ui

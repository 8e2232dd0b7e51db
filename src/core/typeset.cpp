// 一键排版 (see typeset.h). Two levels: the lines, read with enough of Markdown's block
// structure to know which are code, which indentation is structure and where paragraphs
// begin and end; and the inline text of each paragraph line, cut into units (characters,
// spaces, markup, and protected stretches: code spans, links' destinations, URLs...) on
// which the punctuation and spacing rules work. The inline rules feed each other (a
// converted mark is Chinese context for the next one), so a line is passed over until it
// stops changing: that is what makes the whole idempotent.
#include "core/typeset.h"

#include <algorithm>
#include <utility>

#include "core/text_scan.h"
#include "core/utf8.h"

namespace press::core {

namespace {

constexpr size_t npos = std::string_view::npos;

// ---- Characters ----------------------------------------------------------------------------

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) ||
         (c >= 0x3040 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF) ||  // kana
         (c >= 0x3100 && c <= 0x312F) || (c >= 0x31F0 && c <= 0x31FF) ||  // bopomofo, kana
         c == 0x3005 || c == 0x3007 ||                                    // 々 〇
         (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||  // full-width
         (c >= 0xFF41 && c <= 0xFF5A) || (c >= 0xFF66 && c <= 0xFF9F);    // letters, kana
}

// Punctuation that is only ever full-width: Chinese whatever is beside it.
bool is_fw_punct(char32_t c) {
  return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
         (c >= 0x3014 && c <= 0x301F) || c == 0x30FB || (c >= 0xFE10 && c <= 0xFE1F) ||
         (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65);
}

// Marks Chinese and English share (curly quotes, ellipsis, dashes, middle dot): Chinese
// context only when Chinese is beside them.
bool is_shared_punct(char32_t c) {
  return c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x2026 || c == 0x2014 ||
         c == 0x2015 || c == 0x00B7 || c == 0x2E3A;
}

bool is_space_char(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F;
}

bool is_zero_width(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}

bool is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_punct(unsigned char c) {
  return c >= 0x21 && c <= 0x7E && !is_alnum(c);
}

char32_t full_width(char32_t c) {
  switch (c) {
    case ',':
      return 0xFF0C;
    case ':':
      return 0xFF1A;
    case ';':
      return 0xFF1B;
    case '?':
      return 0xFF1F;
    case '!':
      return 0xFF01;
    case '(':
      return 0xFF08;
    case ')':
      return 0xFF09;
    case '.':
      return 0x3002;
    default:
      return c;
  }
}

// The marks that are reduced when repeated, by strength: of 、，：；。 the strongest of a
// run stays; ？ and ！ (6, 7) are kept over all of them.
int stop_rank(char32_t c) {
  switch (c) {
    case 0x3001:
      return 1;  // 、
    case 0xFF0C:
      return 2;  // ，
    case 0xFF1A:
      return 3;  // ：
    case 0xFF1B:
      return 4;  // ；
    case 0x3002:
      return 5;  // 。
    case 0xFF1F:
      return 6;  // ？
    case 0xFF01:
      return 7;  // ！
    default:
      return 0;
  }
}

char32_t decode_at(std::string_view s, size_t& i) {
  return scan::decode(reinterpret_cast<const unsigned char*>(s.data()), s.size(), i);
}

bool starts_with(std::string_view s, size_t at, std::string_view p) {
  return s.size() >= at + p.size() && s.compare(at, p.size(), p) == 0;
}

bool starts_with_nocase(std::string_view s, size_t at, std::string_view p) {
  if (s.size() < at + p.size()) return false;
  for (size_t k = 0; k < p.size(); ++k) {
    char c = s[at + k];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != p[k]) return false;
  }
  return true;
}

// An HTML entity at s[i] ('&'): its end, or 0.
size_t entity_end(std::string_view s, size_t i) {
  size_t j = i + 1;
  const size_t n = s.size();
  if (j < n && s[j] == '#') {
    ++j;
    const bool hex = j < n && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    const size_t from = j;
    while (j < n && j - from < (hex ? 6u : 7u) &&
           ((s[j] >= '0' && s[j] <= '9') ||
            (hex && ((s[j] >= 'a' && s[j] <= 'f') || (s[j] >= 'A' && s[j] <= 'F')))))
      ++j;
    return j > from && j < n && s[j] == ';' ? j + 1 : 0;
  }
  const size_t from = j;
  while (j < n && j - from < 32 && is_alnum(static_cast<unsigned char>(s[j]))) ++j;
  const bool named = j > from && !(s[from] >= '0' && s[from] <= '9');
  return named && j < n && s[j] == ';' ? j + 1 : 0;
}

// Entities that only draw space (Word's and the web's indentation).
constexpr std::string_view kBlankEntities[] = {
    "&nbsp;",   "&#160;",   "&#xa0;", "&#xA0;", "&ensp;",  "&emsp;",   "&thinsp;",
    "&#12288;", "&#x3000;", "&zwj;",  "&zwnj;", "&#8203;", "&#x200b;", "&#x200B;"};

// The end of the run from i of what draws nothing but space: ASCII and Unicode spaces,
// zero-width characters, and space entities.
size_t blank_run_end(std::string_view s, size_t i) {
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '&') {
      bool hit = false;
      for (std::string_view e : kBlankEntities)
        if (starts_with(s, i, e)) {
          i += e.size();
          hit = true;
          break;
        }
      if (!hit) break;
      continue;
    }
    if (c < 0x80) break;
    size_t j = i;
    const char32_t cp = decode_at(s, j);
    if (!is_space_char(cp) && !is_zero_width(cp)) break;
    i = j;
  }
  return i;
}

// ---- Inline text ---------------------------------------------------------------------------

enum class UnitKind : uint8_t {
  Char,    // a character of text
  Space,   // a space character (ASCII or Unicode)
  Opaque,  // kept as it is and stands for a word: code span, URL, image, entity, escape
  Markup,  // kept, and looked through for context: * _ ~ [ ]
  Dest,    // a link's (destination "title"): kept, and looked through
};

struct Unit {
  size_t begin, end;
  char32_t cp;
  UnitKind kind;
};

// What a line of a paragraph leaves open for the next one.
struct Carry {
  size_t ticks = 0;   // a code span of this many backticks
  bool dest = false;  // a link's destination: "](" ended the line
  bool any() const { return ticks || dest; }
  // Given, not changed: the lengths of the backtick runs in the paragraph's next lines (bit
  // n for n backticks, bit 16 for 16 or more): a run with no closer in its own line may
  // find it there.
  uint32_t later = 0;
};

uint32_t tick_bit(size_t len) {
  return uint32_t(1) << (len < 16 ? len : 16);
}

// The units of one line's inline text.
class Tokenizer {
 public:
  Tokenizer(std::string_view s, bool ref_labels) : s_(s), n_(s.size()), ref_labels_(ref_labels) {}

  // carry: what the line before left open (a code span, a link destination after "]("
  // at its end); on return, what this line leaves open.
  std::vector<Unit> run(Carry& carry) {
    index();
    size_t i = 0;
    if (carry.ticks) {
      const size_t close = closer(carry.ticks, 0);
      if (close == npos) {
        add(0, n_, UnitKind::Opaque);
        return std::move(units_);
      }
      i = close + carry.ticks;
      add(0, i, UnitKind::Opaque);
      carry.ticks = 0;
    } else if (carry.dest) {
      size_t e = dest_scan(0);
      carry.dest = false;
      if (e == npos && !has_code_span(0, n_)) {  // a title over more lines
        add(0, n_, UnitKind::Dest);
        carry.dest = true;
        return std::move(units_);
      }
      if ((!e || e == npos) && s_.find(')') != npos) e = s_.find(')') + 1;
      if (e && e != npos && !has_code_span(0, e)) i = add(0, e, UnitKind::Dest);
    }
    later_ = carry.later;
    size_t email = 0;
    while (i < n_) {
      const unsigned char c = static_cast<unsigned char>(s_[i]);
      while (email < emails_.size() && emails_[email].first < i) ++email;
      if (c == '`') {
        size_t j = i;
        while (j < n_ && s_[j] == '`') ++j;
        const size_t len = j - i;
        const size_t close = closer(len, j);
        if (close == npos) {
          if (carry.later & tick_bit(len)) {  // closed in a later line of the paragraph
            add(i, n_, UnitKind::Opaque);
            carry.ticks = len;
            break;
          }
          while (i < j) i = add(i, i + 1, UnitKind::Char, '`');  // never closed: literal
          continue;
        }
        i = add(i, close + len, UnitKind::Opaque);
        continue;
      }
      if (c == '\\') {
        if (i + 1 == n_) {  // a hard line break
          i = add(i, n_, UnitKind::Opaque);
          continue;
        }
        if (is_ascii_punct(static_cast<unsigned char>(s_[i + 1]))) {
          i = add(i, i + 2, UnitKind::Opaque);
          continue;
        }
      }
      if (c == '<') {
        if (const size_t e = autolink_end(i)) {
          i = add(i, e, UnitKind::Opaque);
          continue;
        }
      }
      // A picture, kept whole. A backtick inside makes it no picture: code spans come first.
      if (c == '!' && i + 1 < n_ && s_[i + 1] == '[') {
        const size_t m = match(i + 1);
        if (m != npos) {
          // A code span in the alt text comes first; one in the destination does not.
          const bool alt_code = has_code_span(i, m);
          size_t e = 0;
          if (m + 1 < n_ && s_[m + 1] == '(' && !alt_code) {
            e = dest_end(m + 1);
            if (e == npos) {  // the destination goes on in the next line
              add(i, n_, UnitKind::Opaque);
              carry.dest = true;
              break;
            }
          } else if (ref_labels_ && !alt_code) {
            e = m + 1;
            if (e < n_ && s_[e] == '[')
              if (const size_t m2 = match(e); m2 != npos && !has_code_span(e, m2)) e = m2 + 1;
          }
          if (e) {
            i = add(i, e, UnitKind::Opaque);
            continue;
          }
        }
      }
      if (c == ']') {
        add(i, i + 1, UnitKind::Markup);
        ++i;
        if (i < n_ && s_[i] == '(') {
          // After "[text]" the destination is the link's whatever it holds; after a "]"
          // whose "[" is on an earlier line, a code span starting in it would come first.
          const bool text_here = std::binary_search(closes_.begin(), closes_.end(), i - 1);
          const size_t e = dest_end(i);
          if (e == npos && (text_here || !has_code_span(i, n_))) {  // the destination goes on
            add(i, n_, UnitKind::Dest);
            carry.dest = true;
            break;
          }
          if (e && e != npos && (text_here || !has_code_span(i, e))) {
            i = add(i, e, UnitKind::Dest);
          } else if (!e && text_here) {
            // Not a destination as written; kept, so that typesetting does not make it one.
            const size_t close = s_.find(')', i);
            if (close != npos) i = add(i, close + 1, UnitKind::Dest);
          }
        }
        continue;
      }
      if (c == '[') {
        // With reference definitions in the body, a [label] is a key: kept as written.
        if (ref_labels_) {
          const size_t m = match(i);
          if (m != npos && !(m + 1 < n_ && s_[m + 1] == '(') && !has_code_span(i, m)) {
            i = add(i, m + 1, UnitKind::Opaque);
            continue;
          }
        }
        i = add(i, i + 1, UnitKind::Markup);
        continue;
      }
      if (c == '*' || c == '_' || c == '~') {
        i = add(i, i + 1, UnitKind::Markup);
        continue;
      }
      if (c == '&') {
        if (const size_t e = entity_end(s_, i)) {
          i = add(i, e, UnitKind::Opaque);
          continue;
        }
      }
      if (email < emails_.size() && emails_[email].first == i) {
        i = add(i, emails_[email].second, UnitKind::Opaque);
        continue;
      }
      if (const size_t e = url_end(i)) {
        i = add(i, e, UnitKind::Opaque);
        continue;
      }
      if (c < 0x80) {
        i = add(i, i + 1, c == ' ' || c == '\t' ? UnitKind::Space : UnitKind::Char, c);
        continue;
      }
      size_t j = i;
      const char32_t cp = decode_at(s_, j);
      i = add(i, j, is_space_char(cp) ? UnitKind::Space : UnitKind::Char, cp);
    }
    return std::move(units_);
  }

 private:
  // A code span starts in [begin, end) (a backtick run with a closer): it comes first, so
  // the link or picture around it is none.
  bool has_code_span(size_t begin, size_t end) const {
    for (size_t i = begin; i < end;) {
      if (s_[i] != '`') {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < n_ && s_[j] == '`') ++j;
      if (closer(j - i, j) != npos || (later_ & tick_bit(j - i))) return true;
      i = j;
    }
    return false;
  }

  size_t add(size_t begin, size_t end, UnitKind kind, char32_t cp = 0) {
    units_.push_back({begin, end, cp, kind});
    return end;
  }

  // Backtick runs (for code spans' closers), bracket pairs and e-mail addresses, each in one
  // pass, so that no construct is looked for by scanning the rest of the line again.
  void index() {
    for (size_t i = 0; i < n_;) {
      if (s_[i] != '`') {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < n_ && s_[j] == '`') ++j;
      ticks_.push_back({j - i, i});
      i = j;
    }
    std::sort(ticks_.begin(), ticks_.end());
    std::vector<size_t> open;
    for (size_t i = 0; i < n_; ++i) {
      if (s_[i] == '\\') {
        ++i;
      } else if (s_[i] == '[') {
        open.push_back(i);
      } else if (s_[i] == ']' && !open.empty()) {
        brackets_.push_back({open.back(), i});
        open.pop_back();
      }
    }
    std::sort(brackets_.begin(), brackets_.end());
    for (const auto& b : brackets_) closes_.push_back(b.second);
    std::sort(closes_.begin(), closes_.end());
    auto local = [](unsigned char c) {
      return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    };
    auto domain = [](unsigned char c) { return is_alnum(c) || c == '.' || c == '-'; };
    for (size_t at = s_.find('@'); at != npos; at = s_.find('@', at + 1)) {
      size_t a = at, b = at + 1;
      while (a > 0 && local(static_cast<unsigned char>(s_[a - 1]))) --a;
      while (b < n_ && domain(static_cast<unsigned char>(s_[b]))) ++b;
      while (b > at + 1 && (s_[b - 1] == '.' || s_[b - 1] == '-')) --b;
      while (a < at && s_[a] == '.') ++a;
      const std::string_view host = s_.substr(at + 1, b - at - 1);
      const size_t dot = host.find('.');
      if (a == at || dot == npos || dot == 0) continue;
      if (!emails_.empty() && a < emails_.back().second) continue;
      emails_.push_back({a, b});
    }
  }

  // The start of the first run of exactly len backticks at or after from, or npos.
  size_t closer(size_t len, size_t from) const {
    auto it = std::lower_bound(ticks_.begin(), ticks_.end(), std::make_pair(len, from));
    return it != ticks_.end() && it->first == len ? it->second : npos;
  }

  size_t match(size_t open) const {
    auto it = std::lower_bound(brackets_.begin(), brackets_.end(), std::make_pair(open, size_t(0)));
    return it != brackets_.end() && it->first == open ? it->second : npos;
  }

  // s_[open] == '(' after a link's text: the end of "(destination "title")", or 0 when it
  // does not end on this line (then it is no link: a code span may start inside it).
  size_t dest_end(size_t open) const { return dest_scan(open + 1); }

  // The end of `destination "title")` from `from`; npos when the line ends first (a
  // destination may go on in the next line); 0 when it is none.
  size_t dest_scan(size_t from) const {
    size_t i = from;
    auto skip_space = [&] {
      while (i < n_ && (s_[i] == ' ' || s_[i] == '\t')) ++i;
    };
    auto step = [&] {
      i += s_[i] == '\\' && i + 1 < n_ && is_ascii_punct(static_cast<unsigned char>(s_[i + 1])) ? 2
                                                                                                : 1;
    };
    skip_space();
    if (i < n_ && s_[i] == '<') {
      while (i < n_ && s_[i] != '>') step();
      if (i >= n_) return 0;  // <...> does not go over lines
      ++i;
    } else {
      int depth = 0;
      while (i < n_) {
        const char c = s_[i];
        if (c == ' ' || c == '\t') break;
        if (c == '(') ++depth;
        if (c == ')') {
          if (depth == 0) break;
          --depth;
        }
        step();
      }
    }
    skip_space();
    if (i < n_ && (s_[i] == '"' || s_[i] == '\'' || s_[i] == '(')) {
      const char close = s_[i] == '(' ? ')' : s_[i];
      ++i;
      while (i < n_ && s_[i] != close) step();
      if (i >= n_) return npos;
      ++i;
      skip_space();
    }
    if (i >= n_) return npos;
    return s_[i] == ')' ? i + 1 : 0;
  }

  // <scheme:...> or <user@host>: its end, or 0.
  size_t autolink_end(size_t i) const {
    size_t j = i + 1;
    bool colon = false, at = false;
    while (j < n_) {
      const unsigned char c = static_cast<unsigned char>(s_[j]);
      if (c == '>') break;
      if (c <= ' ' || c == '<') return 0;
      colon = colon || c == ':';
      at = at || c == '@';
      ++j;
    }
    if (j >= n_ || j == i + 1 || !(colon || at)) return 0;
    return j + 1;
  }

  // A bare URL at s_[i] (http://, https://, ftp://, www., mailto:): its end, or 0. Trailing
  // punctuation is not part of it, as with GFM's autolinks: "见https://a.cn/x," ends at x.
  size_t url_end(size_t i) const {
    if (i > 0 && is_alnum(static_cast<unsigned char>(s_[i - 1]))) return 0;
    size_t j;
    if (starts_with_nocase(s_, i, "http://"))
      j = i + 7;
    else if (starts_with_nocase(s_, i, "https://"))
      j = i + 8;
    else if (starts_with_nocase(s_, i, "ftp://"))
      j = i + 6;
    else if (starts_with_nocase(s_, i, "mailto:"))
      j = i + 7;
    else if (starts_with_nocase(s_, i, "www.") && i + 4 < n_ &&
             is_alnum(static_cast<unsigned char>(s_[i + 4])))
      j = i + 4;
    else
      return 0;
    const size_t from = j;
    int open = 0, close = 0;
    while (j < n_) {
      const unsigned char c = static_cast<unsigned char>(s_[j]);
      if (c <= ' ' || c >= 0x7F || c == '<' || c == '>' || c == '`' || c == '|' || c == '\\' ||
          c == '[' || c == ']')
        break;
      if (c == '&' && entity_end(s_, j)) break;  // "…x=1&amp;" ends before the entity
      open += c == '(';
      close += c == ')';
      ++j;
    }
    while (j > from) {
      const char c = s_[j - 1];
      if (c == ')' && close > open) {
        --close;
        --j;
      } else if (std::string_view("?!.,:*_~'\";").find(c) != npos) {
        --j;
      } else {
        break;
      }
    }
    return j > from ? j : 0;
  }

  std::string_view s_;
  size_t n_;
  bool ref_labels_;
  uint32_t later_ = 0;
  std::vector<Unit> units_;
  std::vector<std::pair<size_t, size_t>> ticks_;     // (length, start), sorted
  std::vector<std::pair<size_t, size_t>> brackets_;  // ([, ]), sorted
  std::vector<size_t> closes_;                       // the ]s of brackets_, sorted
  std::vector<std::pair<size_t, size_t>> emails_;    // [begin, end), in order
};

enum Cls : uint8_t {
  kHan,     // CJK ideograph, kana, full-width letter
  kFw,      // full-width punctuation
  kShared,  // “ ” ‘ ’ … — ·
  kWord,    // ASCII letter or digit, or a protected stretch
  kPunct,   // , : ; ? ! . (the convertible ones)
  kOther,   // anything else
  kSpace,
  kMark,  // markup, looked through
};

Cls classify(const Unit& u) {
  switch (u.kind) {
    case UnitKind::Space:
      return kSpace;
    case UnitKind::Markup:
    case UnitKind::Dest:
      return kMark;
    case UnitKind::Opaque:
      return kWord;
    case UnitKind::Char:
      break;
  }
  const char32_t c = u.cp;
  if (c < 0x80) {
    if (is_alnum(static_cast<unsigned char>(c))) return kWord;
    if (c == ',' || c == ':' || c == ';' || c == '?' || c == '!' || c == '.') return kPunct;
    return kOther;
  }
  if (is_han(c)) return kHan;
  if (is_fw_punct(c)) return kFw;
  if (is_shared_punct(c)) return kShared;
  return kOther;
}

// One pass of the inline rules over a line's text.
std::string inline_pass(std::string_view s, Carry& carry, bool ref_labels, bool keep_trailing) {
  const std::vector<Unit> u = Tokenizer(s, ref_labels).run(carry);
  const size_t n = u.size();
  std::vector<uint8_t> cls(n);
  for (size_t i = 0; i < n; ++i) cls[i] = classify(u[i]);
  auto significant = [&](size_t i) { return cls[i] != kSpace && cls[i] != kMark; };
  // The nearest unit before and after each one that is not a space or markup.
  std::vector<size_t> prev(n), next(n);
  for (size_t i = 0, last = npos; i < n; ++i) {
    prev[i] = last;
    if (significant(i)) last = i;
  }
  for (size_t i = n, last = npos; i-- > 0;) {
    next[i] = last;
    if (significant(i)) last = i;
  }
  auto chinese_strict = [&](size_t i) { return i != npos && (cls[i] == kHan || cls[i] == kFw); };
  // A run of shared marks is Chinese when Chinese is beside it.
  std::vector<uint8_t> shared_cjk(n, 0);
  for (size_t i = 0; i < n;) {
    if (cls[i] != kShared) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && cls[j] == kShared) ++j;
    const bool c = chinese_strict(prev[i]) || chinese_strict(next[j - 1]);
    for (size_t k = i; k < j; ++k) shared_cjk[k] = c;
    i = j;
  }
  auto chinese = [&](size_t i) {
    return i != npos && (cls[i] == kHan || cls[i] == kFw || (cls[i] == kShared && shared_cjk[i]));
  };

  auto after_bracket = [&](size_t k) {
    return k > 0 && u[k - 1].kind != UnitKind::Space && s[u[k - 1].end - 1] == ']';
  };
  std::vector<char32_t> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = u[i].cp;

  // Half-width marks next to Chinese. A run of them (",,", "?!") shares its context.
  for (size_t i = 0; i < n;) {
    if (cls[i] != kPunct) {
      ++i;
      continue;
    }
    size_t j = i, dots = 0;
    while (j < n && cls[j] == kPunct) dots += u[j++].cp == '.';
    const size_t before = prev[i], after = next[j - 1];
    const bool left = chinese(before), right = chinese(after);
    bool spaced = false;
    for (size_t k = j; k < n && k != after; ++k) spaced = spaced || cls[k] == kSpace;
    for (size_t k = i; k < j; ++k) {
      if (after_bracket(k)) continue;  // "[label]:" stays a reference definition's
      if (u[k].cp == '.') {
        // The end of a Chinese sentence: after Chinese, before Chinese, a space or nothing
        // ("报告.docx" and "..." stay).
        if (dots == 1 && left && (after == npos || right || spaced)) out[k] = full_width('.');
      } else if (left || right) {
        // "![" stays: it may open a picture whose text goes on in the next line.
        if (!(u[k].cp == '!' && k + 1 < n && s[u[k + 1].begin] == '['))
          out[k] = full_width(u[k].cp);
      }
    }
    i = j;
  }

  // Brackets: a half-width pair holding Chinese or following it, and the half of a pair
  // whose other half is full-width.
  std::vector<size_t> chinese_before(n + 1, 0);
  for (size_t i = 0; i < n; ++i) chinese_before[i + 1] = chinese_before[i] + (chinese(i) ? 1 : 0);
  std::vector<size_t> stack;
  for (size_t i = 0; i < n; ++i) {
    if (u[i].kind != UnitKind::Char) continue;
    const char32_t c = u[i].cp;
    if (c == '(' || c == 0xFF08) {
      stack.push_back(i);
    } else if ((c == ')' || c == 0xFF09) && !stack.empty()) {
      const size_t o = stack.back();
      stack.pop_back();
      const bool open_half = u[o].cp == '(', close_half = c == ')';
      if (open_half && after_bracket(o)) continue;  // "](" may be a link across lines
      if (open_half && close_half) {
        if (chinese_before[i] > chinese_before[o + 1] || chinese(prev[o])) {
          out[o] = full_width('(');
          out[i] = full_width(')');
        }
      } else if (open_half) {
        out[o] = full_width('(');
      } else if (close_half) {
        out[i] = full_width(')');
      }
    }
  }

  // Spaces, judged by what is beside them after the conversions above.
  auto now = [&](size_t i) -> Cls {
    return u[i].kind == UnitKind::Char && out[i] != u[i].cp ? kFw : Cls(cls[i]);
  };
  auto now_chinese = [&](size_t i) {
    const Cls c = now(i);
    return c == kHan || c == kFw || (c == kShared && shared_cjk[i]);
  };
  std::vector<uint8_t> drop(n, 0);
  for (size_t i = 0; i < n;) {
    if (cls[i] != kSpace) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && cls[j] == kSpace) ++j;
    if (i == 0) {
      // Leading: the line's indentation, the caller's business.
    } else if (j == n) {
      // Trailing: full-width spaces are nothing, and go with what is before them; the ASCII
      // spaces after the last one stay (two make a hard line break, as they did).
      if (keep_trailing) {
        i = j;
        continue;
      }
      size_t last = npos;
      for (size_t k = i; k < j; ++k)
        if (u[k].cp != ' ' && u[k].cp != '\t') last = k;
      if (last != npos)
        for (size_t k = i; k <= last; ++k) drop[k] = 1;
    } else {
      const Cls l = now(i - 1), r = now(j);
      const bool remove = (now_chinese(i - 1) && now_chinese(j)) || (l == kFw && r == kWord) ||
                          (l == kWord && r == kFw);
      if (remove)
        for (size_t k = i; k < j; ++k) drop[k] = 1;
    }
    i = j;
  }

  // Repeated marks.
  std::vector<size_t> run;
  auto reduce = [&] {
    bool pinned = false;
    for (size_t k : run) pinned = pinned || after_bracket(k);
    if (run.size() >= 2 && !pinned) {
      bool strong = false;
      for (size_t k : run) strong = strong || stop_rank(out[k]) >= 6;
      if (strong) {
        size_t last = npos;
        for (size_t k : run) {
          if (stop_rank(out[k]) < 6 || (last != npos && out[last] == out[k]))
            drop[k] = 1;
          else
            last = k;
        }
      } else {
        size_t best = run.front();
        for (size_t k : run)
          if (stop_rank(out[k]) > stop_rank(out[best])) best = k;
        for (size_t k : run)
          if (k != best) drop[k] = 1;
      }
    }
    run.clear();
  };
  for (size_t i = 0; i < n; ++i) {
    if (drop[i]) continue;
    if (u[i].kind == UnitKind::Char && stop_rank(out[i]))
      run.push_back(i);
    else
      reduce();
  }
  reduce();

  std::string r;
  r.reserve(s.size());
  for (size_t i = 0; i < n; ++i) {
    if (drop[i]) continue;
    if (u[i].kind == UnitKind::Char && out[i] != u[i].cp)
      utf8::append(r, out[i]);
    else
      r.append(s.data() + u[i].begin, u[i].end - u[i].begin);
  }
  return r;
}

// The inline rules until nothing changes (each pass only converts marks to full-width and
// removes characters, so this ends; a few passes at most).
std::string typeset_inline(std::string_view s, Carry& carry, bool ref_labels, bool keep_trailing) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    // No Chinese, nothing to do; only what the line leaves open to follow.
    Tokenizer(s, ref_labels).run(carry);
    return std::string(s);
  }
  const Carry in = carry;
  std::string cur(s);
  for (int pass = 0; pass < 8; ++pass) {
    Carry c = in;
    std::string next = inline_pass(cur, c, ref_labels, keep_trailing);
    carry = c;
    if (next == cur) break;
    cur.swap(next);
  }
  return cur;
}

// ---- Lines ---------------------------------------------------------------------------------

struct Indent {
  size_t cols = 0;   // columns (tabs to the next multiple of 4)
  size_t bytes = 0;  // offset where the indentation ends
};

Indent indent_at(std::string_view s, size_t from = 0, size_t col0 = 0) {
  size_t col = col0, i = from;
  for (; i < s.size(); ++i) {
    if (s[i] == ' ')
      ++col;
    else if (s[i] == '\t')
      col += 4 - col % 4;
    else
      break;
  }
  return {col - col0, i};
}

bool is_blank(std::string_view s) {
  return indent_at(s).bytes == s.size();
}

// The rest of a line is only '=' or only '-' (and trailing spaces): a setext underline.
bool is_setext(std::string_view s) {
  if (s.empty() || (s[0] != '=' && s[0] != '-')) return false;
  size_t i = 0;
  while (i < s.size() && s[i] == s[0]) ++i;
  return is_blank(s.substr(i));
}

bool is_thematic(std::string_view s) {
  if (s.empty() || (s[0] != '-' && s[0] != '*' && s[0] != '_')) return false;
  int count = 0;
  for (char c : s) {
    if (c == s[0])
      ++count;
    else if (c != ' ' && c != '\t')
      return false;
  }
  return count >= 3;
}

// "#" to "######" then a space or the end: the prefix's length, or 0.
size_t atx_prefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == '#') ++i;
  if (i == 0 || i > 6 || (i < s.size() && s[i] != ' ' && s[i] != '\t')) return 0;
  return indent_at(s, i).bytes;
}

struct Fence {
  char c = 0;
  size_t len = 0;
  bool quote = false;   // opened inside a quote
  size_t item_col = 0;  // opened inside a list item whose text starts at this column
};

Fence fence_open(std::string_view s) {
  if (s.empty() || (s[0] != '`' && s[0] != '~')) return {};
  size_t i = 0;
  while (i < s.size() && s[i] == s[0]) ++i;
  if (i < 3) return {};
  if (s[0] == '`' && s.find('`', i) != npos) return {};  // an inline code span
  return {s[0], i};
}

// A closing fence: at most 3 columns into its container (quotes' markers taken off).
bool fence_closes(std::string_view s, const Fence& f) {
  size_t i = 0;
  while (f.quote) {
    size_t k = i;
    while (k < s.size() && k - i < 3 && s[k] == ' ') ++k;
    if (k >= s.size() || s[k] != '>') break;
    i = k + 1;
    if (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  const Indent ind = indent_at(s, i);
  if (ind.cols >= f.item_col + 4) return false;
  i = ind.bytes;
  size_t j = i;
  while (j < s.size() && s[j] == f.c) ++j;
  return j - i >= f.len && is_blank(s.substr(j));
}

struct Marker {
  bool ok = false;
  bool ordered = false;
  unsigned long number = 0;
  size_t end = 0;  // just after the marker
};

Marker list_marker(std::string_view s, size_t i = 0) {
  Marker m;
  const size_t n = s.size();
  if (i < n && (s[i] == '-' || s[i] == '+' || s[i] == '*')) {
    m.end = i + 1;
  } else {
    size_t j = i;
    while (j < n && j - i < 10 && s[j] >= '0' && s[j] <= '9') {
      m.number = m.number * 10 + static_cast<unsigned long>(s[j] - '0');
      ++j;
    }
    if (j == i || j - i > 9 || j >= n || (s[j] != '.' && s[j] != ')')) return m;
    m.ordered = true;
    m.end = j + 1;
  }
  m.ok = m.end == n || s[m.end] == ' ' || s[m.end] == '\t';
  return m;
}

bool starts_container_or_block(std::string_view s) {
  return list_marker(s).ok || atx_prefix(s) || (!s.empty() && s[0] == '>') || fence_open(s).len ||
         is_thematic(s);
}

bool is_delimiter_row(std::string_view s);
bool defines_reference(std::string_view s);

// What a line's text begins, as far as Markdown blocks go: 0 nothing (a paragraph).
int line_start_kind(std::string_view s) {
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t')) s.remove_prefix(1);
  if (s.empty()) return 1;
  if (is_thematic(s)) return 2;
  if (is_setext(s)) return 3;
  if (list_marker(s).ok) return 4;
  if (atx_prefix(s)) return 5;
  if (s[0] == '>') return 6;
  if (fence_open(s).len) return 7;
  if (is_delimiter_row(s)) return 8;
  return 0;
}

// What is left of a line after its indentation was taken away would begin another block:
// then the indentation stays (it is all that keeps "　　1. 第一条" a paragraph).
bool starts_block(std::string_view s) {
  if (s.empty()) return true;
  if (starts_container_or_block(s) || is_setext(s)) return true;
  const char c = s[0];
  if (c == '|' || c == '=' || c == '+') return true;
  if ((c == '-' || c == '*' || c == '_') && s.size() > 1 && s[1] == c) return true;
  if (c == '[' && defines_reference(s)) return true;
  return false;
}

// "|---|:--:|": a table's delimiter row (under its header row).
bool is_delimiter_row(std::string_view s) {
  bool pipe = false, dash = false;
  for (char c : s) {
    if (c == '|')
      pipe = true;
    else if (c == '-')
      dash = true;
    else if (c != ':' && c != ' ' && c != '\t')
      return false;
  }
  return pipe && dash;
}

bool is_delimiter(char c) {
  return c == '*' || c == '_' || c == '~';
}

// Nothing but spaces (an entity or a zero-width character is not: an emphasis delimiter
// after it flanks differently than after a line's start).
bool only_spaces(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (!is_space_char(decode_at(s, i))) return false;
  }
  return true;
}

// "[label]:" (or "[label]：", what typesetting would make of it) after quote markers: a
// link reference definition. Its end (after the colon), or 0.
size_t reference_label_end(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '>')) ++i;
  if (i >= s.size() || s[i] != '[') return 0;
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == '[') {
      return 0;
    } else if (s[j] == ']') {
      if (j == i + 1) return 0;
      if (starts_with(s, j + 1, ":")) return j + 2;
      if (starts_with(s, j + 1, "：")) return j + 4;
      return 0;
    }
  }
  return 0;
}

bool defines_reference(std::string_view s) {
  return reference_label_end(s) != 0;
}

struct LineRec {
  size_t begin = 0, end = 0, next = 0;  // content [begin, end); the next line starts at next
  uint8_t blankish = 0;                 // 1: spaces only; 2: only characters that draw nothing
  bool blank = false;                   // in a run of blank lines (a blank unit)
  bool keep = true;                     // written out
  bool changed = false;                 // written as out rather than as it was
  std::string out;
};

class Typesetter {
 public:
  explicit Typesetter(std::string_view doc) : doc_(doc) {}

  Typeset run() {
    split();
    for (const LineRec& l : lines_) ref_labels_ = ref_labels_ || defines_reference(content(l));
    for (size_t i = 0; i < lines_.size(); ++i) {
      line(i);
      prev_line_ = content(lines_[i]);
    }
    if (in_run_) flush(lines_.size(), false);
    return assemble();
  }

 private:
  std::string_view content(const LineRec& l) const { return doc_.substr(l.begin, l.end - l.begin); }

  void split() {
    for (size_t at = 0; at < doc_.size();) {
      size_t nl = doc_.find('\n', at);
      LineRec l;
      l.begin = at;
      if (nl == npos) {
        l.end = l.next = doc_.size();
      } else {
        l.end = nl > at && doc_[nl - 1] == '\r' ? nl - 1 : nl;
        l.next = nl + 1;
      }
      const std::string_view s = content(l);
      const size_t ws = indent_at(s).bytes;
      if (ws == s.size())
        l.blankish = 1;
      else if (blank_run_end(s, ws) == s.size())
        l.blankish = 2;
      lines_.push_back(std::move(l));
      at = lines_.back().next;
    }
    // The next line that is not blank, for the blank paragraph rule.
    // The backtick runs of each paragraph's next lines. A blank paragraph does not end it
    // here: inside a code span it stays (empties_blank_paragraph), so a span can close
    // after it.
    later_ticks_.assign(lines_.size(), 0);
    for (size_t i = lines_.size(); i-- > 1;) {
      if (lines_[i].blankish == 1) continue;
      uint32_t runs = 0;
      const std::string_view t = content(lines_[i]);
      for (size_t k = 0; k < t.size();) {
        if (t[k] != '`') {
          ++k;
          continue;
        }
        size_t j = k;
        while (j < t.size() && t[j] == '`') ++j;
        runs |= tick_bit(j - k);
        k = j;
      }
      later_ticks_[i - 1] = runs | later_ticks_[i];
    }
    next_solid_.assign(lines_.size(), npos);
    for (size_t i = lines_.size(), solid = npos; i-- > 0;) {
      next_solid_[i] = solid;
      if (!lines_[i].blankish) solid = i;
    }
  }

  // ---- the structure -----------------------------------------------------------------

  void line(size_t li) {
    LineRec& l = lines_[li];
    const std::string_view s = content(l);
    const Indent ind = indent_at(s);
    if (fence_.len && !fence_ends_with_container(s, ind)) {
      if (fence_closes(s, fence_)) fence_ = {};
      close_block();
      flush_if_open(li, false);
      return;
    }
    fence_ = {};
    const bool continuing = prev_text_;
    if (l.blankish == 1 || (l.blankish == 2 && empties_blank_paragraph(li, ind, continuing))) {
      if (!in_run_) {
        in_run_ = true;
        run_start_ = li;
        code_before_run_ = in_code_;
        list_before_run_ = !lists_.empty();
      }
      l.blank = true;
      prev_text_ = false;
      prev_quote_ = 0;
      unsure_block_ = false;
      in_table_ = false;
      after_reference_ = 0;
      carry_ = {};
      return;
    }
    // md4c ends a list after an empty item and a blank line, and after two blank lines in
    // some items but not others: from here on, the list may be over or not. Until it is
    // over for sure, what would be code outside it is left alone (see structure()).
    if (empty_item_ || (in_run_ && list_before_run_ && li - run_start_ >= 2)) unsure_ = true;
    empty_item_ = false;
    // After a link reference definition: its destination ("[a]:" ended the line) or its
    // title ("..." '...' (...)) may follow.
    if (after_reference_) {
      const bool may_continue = after_reference_ == 2;
      after_reference_ = 0;
      const std::string_view rest = s.substr(ind.bytes);
      const size_t b = blank_run_end(rest, 0);  // "&nbsp;(...)" would be a title without it
      const bool title = b < rest.size() && (rest[b] == '"' || rest[b] == '\'' || rest[b] == '(');
      const bool dest = is_blank(prev_line_.substr(reference_label_end(prev_line_))) &&
                        !starts_container_or_block(rest);
      if (may_continue && (title || dest)) {
        verbatim(false);
        if (!title) after_reference_ = 2;  // a destination: a title may follow it
        flush_if_open(li, false);
        return;
      }
    }
    // The rest of a block that may be code, up to a line that starts a block either way.
    if (unsure_block_ && (ind.cols >= 4 || !starts_container_or_block(s.substr(ind.bytes)))) {
      verbatim(true);
      return;
    }
    unsure_block_ = false;
    const bool code = structure(li, s, ind, continuing);
    flush_if_open(li, code && code_before_run_);
  }

  // A fence opened in a quote ends with the quote (a line without '>'), and one opened in a
  // list item with the item (a line indented less than its text).
  bool fence_ends_with_container(std::string_view s, const Indent& ind) const {
    if (fence_.quote && (ind.cols >= 4 || ind.bytes >= s.size() || s[ind.bytes] != '>'))
      return true;
    return fence_.item_col && ind.bytes < s.size() && ind.cols < fence_.item_col;
  }

  void open_fence(Fence f, bool quoted) {
    f.quote = quoted;
    f.item_col = lists_.empty() || unsure_ ? 0 : lists_.back();
    fence_ = f;
    verbatim(false);
  }

  // A line of nothing but blank characters becomes an empty line, unless that would change
  // what the lines around it are: the next line would turn into code (4 columns after a
  // blank line) or stop being a heading's text, or the line is inside a code span or code.
  bool empties_blank_paragraph(size_t li, const Indent& ind, bool continuing) const {
    if (carry_.any() || in_table_ || (ind.cols >= 4 && !continuing)) return false;
    const size_t next = next_solid_[li];
    if (next == npos) return true;
    const std::string_view s = content(lines_[next]);
    const Indent ni = indent_at(s);
    return ni.cols < 4 && !is_setext(s.substr(ni.bytes));
  }

  // Returns true when the line is (indented) code.
  bool structure(size_t li, std::string_view s, const Indent& ind, bool continuing) {
    const std::string_view rest = s.substr(ind.bytes);
    if (in_table_) {
      // md4c takes every line up to a blank one as a row (headings and fences too), but
      // for indented code, lists, quotes and rules, which end the table.
      if (ind.cols >= 4) {
        in_table_ = false;
        verbatim(true);
        return true;
      }
      if (list_marker(rest).ok || rest[0] == '>' || is_thematic(rest)) {
        in_table_ = false;
        continuing = false;
      } else {
        text(li, ind.bytes, false, false);
        return false;
      }
    }
    // md4c's tables: a one-line paragraph (the header row), then the delimiter row.
    if (continuing && !prev_quote_ && paragraph_lines_ == 1 && is_delimiter_row(rest)) {
      verbatim(false);
      in_table_ = true;
      return false;
    }
    bool popped = false;
    if (!continuing || starts_container_or_block(rest))
      while (!lists_.empty() && lists_.back() > ind.cols) {
        lists_.pop_back();
        popped = true;
      }
    if (lists_.empty()) unsure_ = false;
    if (unsure_ && ind.cols >= 4 && !continuing) {
      // Code if the list is over, a paragraph of it if not: left alone to its end.
      verbatim(true);
      unsure_block_ = true;
      return true;
    }
    const size_t base = lists_.empty() ? 0 : lists_.back();
    if (ind.cols >= base + 4) {
      if (continuing) {
        // A lazy continuation: its indentation means nothing, but it is kept, so that the
        // line stays what it is if the line before ever becomes blank.
        const size_t quoted = prev_quote_;
        text(li, ind.bytes, true, false);
        prev_quote_ = quoted;
        return false;
      }
      verbatim(true);
      return true;
    }
    if (const Fence f = fence_open(rest); f.len) {
      open_fence(f, false);
      return false;
    }
    // An underline only under a paragraph of the same container.
    if ((continuing && !popped && !prev_quote_ && is_setext(rest)) || is_thematic(rest)) {
      verbatim(false);
      return false;
    }
    if (const size_t h = atx_prefix(rest)) {
      text(li, ind.bytes + h, false, true);
      return false;
    }
    if (rest[0] == '>') {
      quote(li, s, ind.bytes, ind.cols, continuing);
      return false;
    }
    if (const Marker m = list_marker(rest); m.ok) {
      // (md4c: a marker with nothing after it, not even a space.)
      const bool empty = m.end == rest.size();
      // A list interrupting a paragraph (of its own container) must start at 1 and have text.
      if (!(continuing && !popped && !prev_quote_ && ((m.ordered && m.number != 1) || empty))) {
        item(li, s, ind);
        return false;
      }
    }
    if (!continuing && defines_reference(rest)) {
      // Its destination may be on the next line, and its title after that: the lines
      // after it that could be either stay as they are.
      verbatim(false);
      after_reference_ = 2;
      return false;
    }
    const size_t quoted = prev_quote_;
    text(li, lists_.empty() ? 0 : ind.bytes, continuing, false);
    if (continuing) prev_quote_ = quoted;  // a lazy line of a quote's paragraph
    return false;
  }

  void item(size_t li, std::string_view s, Indent ind) {
    size_t pos = ind.bytes, col = ind.cols;
    for (;;) {
      const Marker m = list_marker(s, pos);
      const size_t marker_col = col + (m.end - pos);
      const Indent after = indent_at(s, m.end, marker_col);
      if (after.bytes == s.size() || after.cols >= 5) {
        // An empty item, or one that starts with code: the line stays as it is.
        lists_.push_back(marker_col + 1);
        verbatim(after.bytes != s.size());
        empty_item_ = after.bytes == s.size();
        return;
      }
      lists_.push_back(marker_col + after.cols);
      pos = after.bytes;
      col = marker_col + after.cols;
      const std::string_view rest = s.substr(pos);
      if (const Fence f = fence_open(rest); f.len) {
        open_fence(f, false);
        return;
      }
      if (is_thematic(rest)) {
        verbatim(false);
        return;
      }
      if (list_marker(rest).ok) continue;
      if (const size_t h = atx_prefix(rest)) {
        text(li, pos + h, false, true);
        return;
      }
      if (rest[0] == '>') {
        quote(li, s, pos, col, false);
        return;
      }
      text(li, pos, false, false);
      return;
    }
  }

  // Quote markers, and list markers inside quotes, are structure; the text after them is a
  // paragraph line (the indentation of lists inside quotes is not followed: it stays).
  void quote(size_t li, std::string_view s, size_t pos, size_t col, bool continuing) {
    size_t depth = 0;
    bool marker = false;
    size_t extra = 0;  // columns of a tab after '>' beyond the marker's own space
    for (;;) {
      const Indent ws = indent_at(s, pos, col);
      const size_t cols = ws.cols + extra;
      extra = 0;
      const bool same = continuing && depth == prev_quote_ && !marker;
      if (cols >= 4) {
        if (!same) {  // code in the quote
          verbatim(true);
          return;
        }
        pos = ws.bytes;
        break;
      }
      const size_t at = ws.bytes;
      col += ws.cols;
      if (at < s.size() && s[at] == '>') {
        ++depth;
        pos = at + 1;
        ++col;
        if (pos < s.size() && s[pos] == ' ') {
          ++pos;
          ++col;
        } else if (pos < s.size() && s[pos] == '\t') {
          const size_t width = 4 - col % 4;
          ++pos;
          col += width;
          extra = width - 1;
        }
        continue;
      }
      if (const Marker m = list_marker(s, at); m.ok && depth > 0) {
        const size_t marker_col = col + (m.end - at);
        const Indent after = indent_at(s, m.end, marker_col);
        if (after.bytes == s.size() || after.cols >= 5) {
          verbatim(after.bytes != s.size());
          return;
        }
        pos = after.bytes;
        col = marker_col + after.cols;
        marker = true;
        continue;
      }
      pos = at;
      break;
    }
    const bool same = continuing && depth == prev_quote_ && !marker;
    const std::string_view rest = s.substr(pos);
    if (rest.empty() || (same && is_setext(rest)) || is_thematic(rest)) {
      verbatim(false);
      return;
    }
    if (const Fence f = fence_open(rest); f.len) {
      open_fence(f, true);
      return;
    }
    if (const size_t h = atx_prefix(rest)) {
      text(li, pos + h, false, true);
      return;
    }
    text(li, pos, same, false);
    prev_quote_ = depth;
  }

  void close_block() {
    prev_text_ = false;
    prev_quote_ = 0;
    carry_ = {};
  }

  void verbatim(bool code) {
    close_block();
    in_code_ = code;
  }

  // A line of inline text: prefix bytes of structure, then the text. continuation: the line
  // continues the paragraph of the line before (a code span may be open across them).
  void text(size_t li, size_t prefix, bool continuation, bool heading) {
    LineRec& l = lines_[li];
    const std::string_view s = content(l);
    if (!continuation) carry_ = {};
    paragraph_lines_ = continuation ? paragraph_lines_ + 1 : 1;
    in_code_ = false;
    prev_text_ = !heading;
    prev_quote_ = 0;
    carry_.later = later_ticks_[li];
    std::string_view body = s.substr(prefix);
    if (defines_reference(body)) {
      // "[label]: destination" is a definition or not by what its characters are: left
      // as it is, even where it is only text.
      Tokenizer(body, ref_labels_).run(carry_);
      if (heading) carry_ = {};
      return;
    }
    size_t cut = 0;
    if (!carry_.any()) {
      const size_t r = blank_run_end(body, 0);
      if (r > 0 && r < body.size() && !starts_block(body.substr(r)) &&
          !(is_delimiter(body[r]) && !only_spaces(body.substr(0, r))))
        cut = r;
    }
    body = body.substr(cut);
    const Carry in = carry_;
    std::string typeset = typeset_inline(body, carry_, ref_labels_, false);
    // "*　" without its full-width space would be a list item, "***　" a rule, "```　" a
    // fence, "x\\　" a hard line break: then the trailing spaces stay.
    const bool ends_backslash = !typeset.empty() && typeset.back() == '\\';
    if (typeset.size() < body.size() &&
        (line_start_kind(typeset) != line_start_kind(body) ||
         (ends_backslash && (body.empty() || body.back() != '\\')))) {
      carry_ = in;
      typeset = typeset_inline(body, carry_, ref_labels_, true);
    }
    if (cut || typeset != body) {
      l.changed = true;
      l.out.assign(s.data(), prefix);
      l.out += typeset;
    }
    if (heading) carry_ = {};
  }

  void flush_if_open(size_t li, bool code_continues) {
    if (in_run_) flush(li, code_continues);
  }

  // A run of blank lines ends before line `end`: kept as it is inside indented code, none
  // at the start or the end of the body, else one empty line.
  void flush(size_t end, bool code_continues) {
    in_run_ = false;
    if (code_continues) {
      for (size_t i = run_start_; i < end; ++i) lines_[i].blank = true;
      return;
    }
    const bool edge = run_start_ == 0 || end == lines_.size();
    for (size_t i = run_start_; i < end; ++i) {
      LineRec& l = lines_[i];
      if (list_before_run_ && !edge) {
        // Inside a list every blank line stays: md4c ends a list item after two of them
        // in some places (its reading of "an item begins with at most one blank line").
        l.changed = l.end > l.begin;
        l.out.clear();
      } else if (i == run_start_ && !edge) {
        l.changed = l.end > l.begin;
        l.out.clear();
      } else {
        l.keep = false;
      }
    }
  }

  // ---- the result ----------------------------------------------------------------------

  void append_line(std::string& out, const LineRec& l) const {
    if (!l.keep) return;
    if (l.changed)
      out += l.out;
    else
      out.append(doc_.data() + l.begin, l.end - l.begin);
    out.append(doc_.data() + l.end, l.next - l.end);
  }

  Typeset assemble() const {
    Typeset t;
    t.body.reserve(doc_.size());
    size_t paragraph = 0;
    for (size_t i = 0; i < lines_.size();) {
      size_t j = i;
      bool touched = false;
      while (j < lines_.size() && lines_[j].blank == lines_[i].blank) {
        touched = touched || lines_[j].changed || !lines_[j].keep;
        ++j;
      }
      const bool blank = lines_[i].blank;
      const size_t begin = lines_[i].begin, end = lines_[j - 1].next;
      if (!touched) {
        t.body.append(doc_.data() + begin, end - begin);
      } else {
        std::string after;
        for (size_t k = i; k < j; ++k) append_line(after, lines_[k]);
        const std::string_view before = doc_.substr(begin, end - begin);
        if (after != before) {
          TypesetChange c;
          c.paragraph = paragraph;
          c.blank = blank;
          c.line = i + 1;
          c.begin = begin;
          c.end = end;
          c.before.assign(before);
          c.after = after;
          diff(c);
          t.edits += c.edits;
          t.changes.push_back(std::move(c));
        }
        t.body += after;
      }
      if (!blank) ++paragraph;
      i = j;
    }
    return t;
  }

  // before → after as pieces. Every change is a removal or a mark made full-width, so
  // `after` is `before` with characters removed or converted: matching each character of
  // `after` with the earliest character of `before` that gives it is a correct alignment.
  static void diff(TypesetChange& c) {
    const std::string_view o = c.before, r = c.after;
    auto add = [&](TypesetPiece::Kind kind, std::string_view text) {
      if (!c.pieces.empty() && c.pieces.back().kind == kind)
        c.pieces.back().text += text;
      else
        c.pieces.push_back({kind, std::string(text)});
    };
    size_t i = 0, j = 0;
    while (j < r.size() && i < o.size()) {
      size_t i2 = i, j2 = j;
      const char32_t a = decode_at(o, i2), b = decode_at(r, j2);
      if (o.substr(i, i2 - i) == r.substr(j, j2 - j)) {
        add(TypesetPiece::Kind::Same, o.substr(i, i2 - i));
        j = j2;
      } else if (a < 0x80 && full_width(a) == b && a != b) {
        add(TypesetPiece::Kind::Removed, o.substr(i, i2 - i));
        add(TypesetPiece::Kind::Added, r.substr(j, j2 - j));
        j = j2;
      } else {
        add(TypesetPiece::Kind::Removed, o.substr(i, i2 - i));
      }
      i = i2;
    }
    if (j < r.size()) {  // cannot happen; say the whole thing changed rather than mislead
      c.pieces.clear();
      add(TypesetPiece::Kind::Removed, o);
      add(TypesetPiece::Kind::Added, r);
    } else if (i < o.size()) {
      add(TypesetPiece::Kind::Removed, o.substr(i));
    }
    // A removal next to an addition is one place ("," → "，" and the space after it).
    c.edits = 0;
    bool in_edit = false;
    for (const TypesetPiece& p : c.pieces) {
      const bool edit = p.kind != TypesetPiece::Kind::Same;
      if (edit && !in_edit) ++c.edits;
      in_edit = edit;
    }
  }

  std::string_view doc_;
  std::vector<LineRec> lines_;
  std::vector<size_t> next_solid_;
  std::vector<uint32_t> later_ticks_;
  bool ref_labels_ = false;
  // The structure so far.
  Fence fence_;                // an open fenced code block
  std::vector<size_t> lists_;  // content columns of the open list items, outermost first
  bool prev_text_ = false;     // the line before was paragraph text (this one may continue it)
  size_t prev_quote_ = 0;      // ... in a quote this deep
  bool in_code_ = false;       // the line before was indented code
  Carry carry_;                // a code span or link open across lines of a paragraph
  // A run of blank lines not yet written.
  bool in_run_ = false;
  size_t run_start_ = 0;
  bool code_before_run_ = false;
  bool list_before_run_ = false;
  bool empty_item_ = false;     // the line before the run was a list item without text
  bool unsure_ = false;         // md4c may have ended the open lists (see line())
  bool unsure_block_ = false;   // in a block that is code if they were ended
  bool in_table_ = false;       // after a table's delimiter row, until a blank line
  int after_reference_ = 0;     // 2: the line before defined a link reference
  std::string_view prev_line_;  // the line before (its text)
  size_t paragraph_lines_ = 0;  // lines of the paragraph so far (when prev_text_)
};

}  // namespace

Typeset typeset_body(std::string_view markdown) {
  return Typesetter(markdown).run();
}

}  // namespace press::core

// 一键排版's inline pass (typeset_inline.h).
#include "core/typeset_inline.h"

#include <algorithm>
#include <utility>

#include "core/typeset_chars.h"

namespace press::core::typeset_text {

namespace {

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

}  // namespace

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

void carry_over(std::string_view line, bool ref_labels, Carry& carry) {
  Tokenizer(line, ref_labels).run(carry);
}

}  // namespace press::core::typeset_text

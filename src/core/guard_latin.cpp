#include "core/guard_latin.h"

#include "core/guard_tokens.h"
#include "core/site.h"

namespace press::core {

using guard_text::code_point_at;
using guard_text::code_point_before;
using guard_text::is_chinese_context;

namespace {

constexpr size_t kMaxToken = 253;  // longest domain name; longer runs are not names

// Reads a '.' or '-' (or its full-width form) that joins two parts of a token at t[i].
bool joiner(std::string_view t, size_t i, char& ascii, size_t& len) {
  const auto c = (unsigned char)t[i];
  if (c == '.' || c == '-') {
    ascii = char(c);
    len = 1;
    return true;
  }
  if (c == 0xEF && i + 2 < t.size() && (unsigned char)t[i + 1] == 0xBC &&
      ((unsigned char)t[i + 2] == 0x8E || (unsigned char)t[i + 2] == 0x8D)) {
    ascii = (unsigned char)t[i + 2] == 0x8E ? '.' : '-';  // U+FF0E, U+FF0D
    len = 3;
    return true;
  }
  return false;
}

}  // namespace

size_t LatinTokenRules::read_token(std::string_view text, const Place& place, size_t i) {
  // read() saw a token character at text[i].
  const size_t n = text.size();
  char a;
  size_t len;
  const size_t begin = i;
  token_.clear();
  bool letters = false, digits = false, dot = false;
  while (i < n) {
    if (token_char(text, i, a, len)) {
      if (token_.size() < kMaxToken + 1) token_ += a;
      letters |= !(a >= '0' && a <= '9');
      digits |= a >= '0' && a <= '9';
      i += len;
      continue;
    }
    char j;
    size_t jlen;
    if (joiner(text, i, j, jlen) && i + jlen < n && token_char(text, i + jlen, a, len)) {
      if (token_.size() < kMaxToken + 1) token_ += j;
      dot |= j == '.';
      i += jlen;
      continue;
    }
    break;
  }
  if (token_.size() <= kMaxToken) judge_token(text, place, begin, i, letters, digits, dot);
  return i;
}

void LatinTokenRules::judge_token(std::string_view text, const Place& place, size_t begin,
                                  size_t end, bool letters, bool digits, bool dot) {
  const char before = begin > 0 ? text[begin - 1] : '\0';
  const char after = end < text.size() ? text[end] : '\0';
  if (after == '@') return;  // the name of a mail box
  const bool url_host = before == '/' && begin >= 2 && text[begin - 2] == '/';
  if (!url_host && (before == '/' || before == '=' || before == '?' || before == '&' ||
                    before == '#' || before == '%' || before == '_' || before == '\\'))
    return;  // part of a URL's path or query, or a colour
  if (token_.size() > 2 && token_[0] == '0' && (token_[1] == 'x' || token_[1] == 'X')) return;

  if (dot && guard_tokens::looks_like_domain(token_)) {
    judge_domain_mention(place, begin, end, before == '@');
    return;
  }
  if (!letters) return;  // numbers, dates, phone numbers
  const bool glued = is_chinese_context(code_point_before(text, begin)) ||
                     is_chinese_context(code_point_at(text, end));
  if (!digits && !glued) return;  // a word of Latin-script text
  const guard_tokens::Verdict v = guard_tokens::judge_word(token_, glued);
  if (v.found && g_.allowed_around(text, begin, end)) return;
  if (v.found)
    findings_.emit(place, Rule::BrandToken, v.severity, begin, end, "“" + token_ + "” " + v.reason);

  institution_.after_token(text, place, token_, begin, end, v);
}

void LatinTokenRules::judge_domain_mention(const Place& place, size_t begin, size_t end,
                                           bool mail) {
  const std::string host = guard_text::lower_ascii(token_);
  if (host_in_domains(host, g_.own_domains) || host_in_domains(host, g_.link_domains)) return;
  const guard_tokens::Verdict v = guard_tokens::judge_host_spam(host);
  if (v.found) {
    findings_.emit(place, Rule::BrandToken, Severity::Blocking, begin, end,
                   "“" + token_ + "” is a domain name and " + v.reason);
  } else if (!mail) {
    findings_.emit(place, Rule::LinkDomain, Severity::Warning, begin, end,
                   "“" + token_ + "” names a domain outside the site's own and allowed domains");
  }
}

}  // namespace press::core

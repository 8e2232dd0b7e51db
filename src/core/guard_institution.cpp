#include "core/guard_institution.h"

#include <algorithm>
#include <cstring>

#include "core/guard_lexicon.h"
#include "core/guard_text.h"
#include "core/utf8.h"

namespace press::core {

using guard_text::code_point_at;

namespace {

// Words after a name that make it the subject of a Party organisation: no foreign company,
// site or brand has these, so an unexplained Latin token before them is worth a look.
constexpr const char* kPartyRoles[] = {"党委副书记", "党委书记", "纪委书记", "党委", "纪委"};

// Chinese names of betting and gaming businesses end like this; no institution with a
// Party committee does ("市体育局党委" has 局 between), so "米兰体育党委书记" is a brand
// in the institution's place even when the brand is not in the lexicon.
constexpr const char* kBrandEndings[] = {"体育", "娱乐", "棋牌", "彩票", "电竞", "官网", "平台"};

// Levenshtein distance in code points; both strings are short names.
size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// The first of words that stands at text[pos], or null.
const char* word_at(std::string_view text, size_t pos, lexicon::List<const char*> words) {
  for (const char* w : words)
    if (text.compare(pos, std::strlen(w), w) == 0) return w;
  return nullptr;
}

// End of a role word or institution suffix right after text[pos] (one separator such as
// "·" or a space may stand between), or npos.
size_t role_after(std::string_view text, size_t pos, std::string_view& role) {
  for (int skip = 0; skip < 2 && pos < text.size(); ++skip) {
    const char* r = word_at(text, pos, lexicon::role_words());
    if (!r) r = word_at(text, pos, lexicon::institution_suffixes());
    if (r) {
      role = r;
      return pos + role.size();
    }
    const char32_t cp = code_point_at(text, pos);
    if (cp != ' ' && cp != 0x00B7 && cp != 0x30FB && cp != '-' && cp != 0x2014) break;
    size_t next = pos;
    utf8::decode(text, next);
    pos = next;
  }
  return std::string_view::npos;
}

bool is_party_role(std::string_view role) {
  for (const char* r : kPartyRoles)
    if (role == r) return true;
  return false;
}

std::string stands_in_place(std::string_view name, std::string_view role) {
  return "“" + std::string(name) + "” stands where an institution's name belongs (before “" +
         std::string(role) + "”)";
}

}  // namespace

// Is a business name ending like a betting brand's right before the role? (Lexicon brands
// and Latin tokens there are reported on their own.)
void InstitutionRules::party_role(std::string_view text, const Place& place, size_t begin,
                                  size_t end, bool after_blocking_term) {
  if (after_blocking_term) return;
  for (const char* ending : kBrandEndings) {
    const size_t n = std::strlen(ending);
    if (begin < n || text.compare(begin - n, n, ending) != 0) continue;
    std::string_view role;
    size_t role_end = role_after(text, begin, role);
    if (role_end == std::string_view::npos) role_end = end;
    const std::string name(text.substr(begin - n, role_end - (begin - n)));
    findings_.emit(
        place, Rule::InstitutionName, Severity::Warning, begin - n, role_end,
        "“" + name + "”: a name ending in “" + ending +
            "”, like a betting or gaming brand's, stands where an institution's name belongs");
    return;
  }
}

// A name that starts like the site's, ends like an institution and is one or two edits
// from it is a misspelt or forged own name ("浙江工贸职业学院" for 浙江工贸职业技术学院).
// Other colleges (浙江东方职业技术学院) do not start with it and are never reported.
void InstitutionRules::own_name(std::string_view text, const Place& place, size_t begin,
                                size_t end) {
  const std::string& own = g_.institution;
  if (text.compare(begin, own.size(), own) == 0) return;
  size_t q = end;
  for (int steps = 0; steps <= 8 && q < text.size(); ++steps) {
    for (const char* suffix : lexicon::institution_suffixes()) {
      const size_t n = std::strlen(suffix);
      if (text.compare(q, n, suffix) != 0) continue;
      const std::string_view name = text.substr(begin, q + n - begin);
      const size_t d = edit_distance(guard_text::code_points(name), g_.institution_code_points);
      if (d >= 1 && d <= 2)
        findings_.emit(
            place, Rule::InstitutionName, Severity::Warning, begin, q + n,
            "“" + std::string(name) + "” is close to, but not, this site's name “" + own + "”");
      return;
    }
    if (!guard_text::is_han(code_point_at(text, q))) return;
    utf8::decode(text, q);
  }
}

void InstitutionRules::after_brand_term(std::string_view text, const Place& place, size_t begin,
                                        size_t end) {
  std::string_view role;
  const size_t role_end = role_after(text, end, role);
  // The Latin half of a brand written before it belongs to the name: "ag88真人娱乐牵头".
  while (begin > 0 && guard_text::is_ascii_alnum((unsigned char)text[begin - 1])) --begin;
  if (role_end != std::string_view::npos)
    findings_.emit(
        place, Rule::InstitutionName, Severity::Blocking, begin, role_end,
        stands_in_place(text.substr(begin, end - begin), role) + ": the mark of a defaced page");
}

void InstitutionRules::after_token(std::string_view text, const Place& place,
                                   std::string_view token, size_t begin, size_t end,
                                   const guard_tokens::Verdict& v) {
  std::string_view role;
  const size_t role_end = role_after(text, end, role);
  if (role_end == std::string_view::npos) return;
  if (v.found && v.severity == Severity::Blocking) {
    findings_.emit(place, Rule::InstitutionName, Severity::Blocking, begin, role_end,
                   stands_in_place(token, role) + ": the mark of a defaced page");
  } else if (is_party_role(role) && !g_.allowed_around(text, begin, role_end)) {
    findings_.emit(
        place, Rule::InstitutionName, Severity::Warning, begin, role_end,
        stands_in_place(token, role) + ": only Chinese institutions have Party committees");
  }
}

}  // namespace press::core

#include "core/guard_tokens.h"

#include <vector>

#include "core/guard_lexicon.h"
#include "core/guard_text.h"
#include "core/site.h"

namespace press::core::guard_tokens {

using guard_text::equals_ci;

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

const lexicon::BrandLetters* brand_letters(std::string_view letters) {
  for (const lexicon::BrandLetters& b : lexicon::brand_letters())
    if (equals_ci(letters, b.letters)) return &b;
  return nullptr;
}

}  // namespace

bool lucky_digits(std::string_view d) {
  bool only_lucky = true, doubled_lucky = false, tripled = false;
  for (size_t i = 0; i < d.size(); ++i) {
    const char c = d[i];
    if (c != '0' && c != '6' && c != '8' && c != '9') only_lucky = false;
    if (i >= 1 && d[i - 1] == c && c != '0') doubled_lucky |= c == '6' || c == '8' || c == '9';
    if (i >= 2 && d[i - 1] == c && d[i - 2] == c && c != '0') tripled = true;
  }
  return (only_lucky && doubled_lucky) || tripled;
}

Verdict judge_word(std::string_view token, bool glued) {
  Verdict v;
  bool has_digit = false, lucky = false, brand = false, hyphen = false;
  size_t letters = 0, upper = 0, longest_digits = 0;
  const lexicon::BrandLetters* brand_needing_digits = nullptr;
  std::string_view brand_name;
  for (size_t i = 0; i < token.size();) {
    size_t k = i;
    if (is_digit(token[i])) {
      while (k < token.size() && is_digit(token[k])) ++k;
      has_digit = true;
      if (k - i > longest_digits) longest_digits = k - i;
      lucky |= lucky_digits(token.substr(i, k - i));
    } else if (is_letter(token[i])) {
      while (k < token.size() && is_letter(token[k])) {
        upper += token[k] >= 'A' && token[k] <= 'Z';
        ++k;
      }
      letters += k - i;
      if (const lexicon::BrandLetters* b = brand_letters(token.substr(i, k - i))) {
        if (b->needs_digits) {
          brand_needing_digits = b;
        } else {
          brand = true;
        }
        brand_name = token.substr(i, k - i);
      }
    } else {
      hyphen |= token[i] == '-';
      k = i + 1;  // '.' or '-'
    }
    i = k;
  }
  if (letters == 0) return v;  // numbers, dates, phone numbers
  // "Kaiyun" alone is more likely a name in pinyin than the brand, which is written
  // "kaiyun" or "KAIYUN".
  const bool capitalised = token.size() > 1 && token[0] >= 'A' && token[0] <= 'Z' && upper == 1;
  if (brand && !has_digit && capitalised) brand = false;

  if ((brand && (has_digit || glued)) || (brand_needing_digits && has_digit)) {
    v.found = true;
    v.severity = Severity::Blocking;
    v.reason = "contains “" + std::string(brand_name) + "”, a gambling brand's name";
  } else if (lucky && ((upper == letters && letters <= 2) || hyphen)) {
    // "G1888" (a train), "C88888" (a plate), "i9-9900K" (a processor): looks like one.
    v.found = true;
    v.severity = Severity::Warning;
    v.reason = "has gambling brands' lucky digits; fine if it is a train, plate or model number";
  } else if (lucky) {
    v.found = true;
    v.severity = Severity::Blocking;
    v.reason = "mixes letters with lucky digits, as gambling brands do (ag88, hg0088)";
  } else if (glued && upper == 0 && letters >= 2 && longest_digits >= 3) {
    v.found = true;
    v.severity = Severity::Warning;
    v.reason = "is letters and digits glued to Chinese text, as spam brands are written";
  }
  return v;
}

bool looks_like_domain(std::string_view token) {
  const size_t dot = token.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= token.size()) return false;
  const std::string_view tld = token.substr(dot + 1);
  for (const char* t : lexicon::top_level_domains())
    if (equals_ci(tld, t)) return true;
  return false;
}

std::string_view registrable_label(std::string_view host) {
  // Split off up to three labels from the right.
  std::string_view labels[3];
  size_t count = 0;
  std::string_view rest = host;
  while (count < 3 && !rest.empty()) {
    const size_t dot = rest.rfind('.');
    labels[count++] = dot == std::string_view::npos ? rest : rest.substr(dot + 1);
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(0, dot);
  }
  if (count < 2) return host;
  // "com.cn", "edu.cn", "co.uk": the second-level label is not the site's name.
  static constexpr const char* kSecondLevel[] = {"com", "net", "org", "edu", "gov", "ac", "co"};
  if (count == 3 && labels[0].size() == 2)
    for (const char* s : kSecondLevel)
      if (equals_ci(labels[1], s)) return labels[2];
  return labels[1];
}

Verdict judge_host_spam(std::string_view host) {
  Verdict v;
  std::string_view rest = host;
  while (!rest.empty()) {
    const size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    Verdict w = judge_word(label, false);
    if (w.found && w.severity == Severity::Blocking) {
      v.found = true;
      v.severity = Severity::Blocking;
      v.reason = "its name “" + std::string(label) + "” " + w.reason;
      return v;
    }
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  }
  std::vector<std::string> common;
  for (const char* c : lexicon::common_domains()) common.emplace_back(c);
  if (host_in_domains(host, common)) return v;
  const std::string_view name = registrable_label(host);
  bool all_digits = !name.empty();
  for (char c : name) all_digits &= is_digit(c) || c == '-';
  if (all_digits && looks_like_domain(host)) {
    v.found = true;
    v.severity = Severity::Blocking;
    v.reason = "its name “" + std::string(name) + "” is a number, the way gambling sites are named";
  }
  return v;
}

}  // namespace press::core::guard_tokens

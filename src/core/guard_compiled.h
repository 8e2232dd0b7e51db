#pragma once
// The content guard compiled from a site profile (not a public API): one matcher for every
// term, login phrase, invisible character, Party role and the distinctive part of the
// site's own name, and what each of its patterns stands for.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/guard.h"
#include "core/guard_matcher.h"

namespace press::core {

// What a matcher hit means, and so which rule family reads it.
enum class PatternKind : uint8_t {
  Term,          // Rule::Lexicon or Rule::LoginPhrase (guard_terms.h)
  Invisible,     // Rule::InvisibleChar (guard_terms.h)
  OwnName,       // the start of the site's own name (guard_institution.h)
  PartyRole,     // "党委" or "纪委" (guard_institution.h)
  Misstatement,  // Rule::Misstatement (guard_misstatements.h)
};

struct Pattern {
  PatternKind kind = PatternKind::Term;
  Severity severity = Severity::Blocking;
  Rule rule = Rule::Lexicon;
  bool from_site = false;
  uint32_t size = 0;
  std::string text;
  const char* category = "";
  char32_t code_point = 0;
  const char* name = "";
  std::vector<std::pair<uint32_t, uint32_t>> allowed;  // (allowed word, offset of the term in it)
  // Misstatements: the right form, its note, and where the wrong form stands inside it.
  std::string right, note;
  std::vector<uint32_t> right_offsets;
};

// Everything check() needs, compiled from the site profile once.
struct CompiledGuard {
  TermMatcher matcher;
  std::vector<Pattern> patterns;           // by matcher id
  std::vector<std::string> allowed_words;  // ASCII lower-cased

  std::string institution;
  std::u32string institution_code_points;
  std::vector<std::string> own_domains, link_domains;

  explicit CompiledGuard(const SiteProfile& site);

  // True when a hit of term pattern p at text[begin] lies inside one of its allowed words.
  bool term_allowed(const Pattern& p, std::string_view text, size_t begin) const;
  // True when text[begin, end) lies inside an occurrence of any allowed word.
  bool allowed_around(std::string_view text, size_t begin, size_t end) const;

 private:
  void add_term(std::string_view text, Severity severity, Rule rule, const char* category,
                bool from_site);
  void add_misstatement(std::string_view wrong, std::string_view right, std::string_view note,
                        bool serious, bool from_site);
};

}  // namespace press::core

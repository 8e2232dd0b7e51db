// Compiling a site profile into the guard's matcher and pattern table.
#include "core/guard_compiled.h"

#include "core/guard_lexicon.h"
#include "core/guard_misstatements.h"
#include "core/guard_text.h"
#include "core/utf8.h"

namespace press::core {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

// The distinctive part of an institution's name: 浙江工贸 of 浙江工贸职业技术学院.
std::string own_name_core(const std::string& institution) {
  for (const char* suffix : lexicon::institution_suffixes()) {
    const std::string_view s(suffix);
    if (institution.size() > s.size() &&
        institution.compare(institution.size() - s.size(), s.size(), s) == 0)
      return institution.substr(0, institution.size() - s.size());
  }
  return {};
}

}  // namespace

CompiledGuard::CompiledGuard(const SiteProfile& site)
    : institution(trim(site.institution)),
      own_domains(site.own_domains),
      link_domains(site.allowed_link_domains) {
  institution_code_points = guard_text::code_points(institution);

  for (const lexicon::Term& t : lexicon::terms())
    add_term(t.text, t.severity, Rule::Lexicon, t.category, false);
  for (const lexicon::Term& t : lexicon::login_phrases())
    add_term(t.text, t.severity, Rule::LoginPhrase, t.category, false);
  for (const std::string& t : site.guard.blocked_terms)
    add_term(trim(t), Severity::Blocking, Rule::Lexicon, "site", true);
  for (const std::string& t : site.guard.warning_terms)
    add_term(trim(t), Severity::Warning, Rule::Lexicon, "site", true);

  for (const char* w : lexicon::allowed_words())
    allowed_words.push_back(guard_text::lower_ascii(w));
  for (const std::string& w : site.guard.allowed_terms) {
    std::string word = guard_text::lower_ascii(trim(w));
    if (!word.empty()) allowed_words.push_back(std::move(word));
  }
  // Which allowed words contain which term, and where: a hit is then checked in O(1).
  for (Pattern& p : patterns) {
    const std::string term = guard_text::lower_ascii(p.text);
    for (uint32_t w = 0; w < allowed_words.size(); ++w)
      for (size_t at = allowed_words[w].find(term); at != std::string::npos;
           at = allowed_words[w].find(term, at + 1))
        p.allowed.emplace_back(w, uint32_t(at));
  }

  for (const lexicon::InvisibleRange& r : lexicon::invisible_ranges()) {
    for (char32_t cp = r.first; cp <= r.last; ++cp) {
      Pattern p;
      p.kind = PatternKind::Invisible;
      p.rule = Rule::InvisibleChar;
      p.code_point = cp;
      p.name = r.name;
      utf8::append(p.text, cp);
      p.size = uint32_t(p.text.size());
      matcher.add(p.text);
      patterns.push_back(std::move(p));
    }
  }

  for (const char* role : {"党委", "纪委"}) {
    Pattern p;
    p.kind = PatternKind::PartyRole;
    p.rule = Rule::InstitutionName;
    p.text = role;
    p.size = uint32_t(p.text.size());
    matcher.add(p.text);
    patterns.push_back(std::move(p));
  }

  for (const BuiltinMisstatement& m : builtin_misstatements())
    add_misstatement(m.wrong, m.right, m.note, m.serious, false);
  for (const Misstatement& m : site.guard.misstatements)
    add_misstatement(trim(m.wrong), trim(m.right), m.note, m.serious, true);

  // Near-misses of the site's own name start with its distinctive part; two ideographs
  // ("浙江" of 浙江大学) are a place name, not distinctive.
  const std::string core = own_name_core(institution);
  if (utf8::count_code_points(core) >= 3) {
    Pattern p;
    p.kind = PatternKind::OwnName;
    p.rule = Rule::InstitutionName;
    p.text = core;
    p.size = uint32_t(core.size());
    matcher.add(core);
    patterns.push_back(std::move(p));
  }
  matcher.compile();
}

void CompiledGuard::add_term(std::string_view text, Severity severity, Rule rule,
                             const char* category, bool from_site) {
  if (text.empty()) return;
  Pattern p;
  p.kind = PatternKind::Term;
  p.severity = severity;
  p.rule = rule;
  p.from_site = from_site;
  p.text = std::string(text);
  p.size = uint32_t(text.size());
  p.category = category;
  matcher.add(text);
  patterns.push_back(std::move(p));
}

void CompiledGuard::add_misstatement(std::string_view wrong, std::string_view right,
                                     std::string_view note, bool serious, bool from_site) {
  if (wrong.empty() || wrong == right) return;
  Pattern p;
  p.kind = PatternKind::Misstatement;
  p.severity = serious ? Severity::Blocking : Severity::Warning;
  p.rule = Rule::Misstatement;
  p.from_site = from_site;
  p.text = std::string(wrong);
  p.size = uint32_t(wrong.size());
  p.right = std::string(right);
  p.note = std::string(note);
  for (size_t at = p.right.find(p.text); at != std::string::npos; at = p.right.find(p.text, at + 1))
    p.right_offsets.push_back(uint32_t(at));
  matcher.add(p.text);
  patterns.push_back(std::move(p));
}

// True when text[begin, end) lies inside an occurrence of an allowed word.
bool CompiledGuard::allowed_around(std::string_view text, size_t begin, size_t end) const {
  const std::string_view hit = text.substr(begin, end - begin);
  for (const std::string& w : allowed_words) {
    if (w.size() < hit.size()) continue;
    for (size_t o = 0; o + hit.size() <= w.size(); ++o) {
      if (!guard_text::equals_ci(std::string_view(w).substr(o, hit.size()), hit) || o > begin)
        continue;
      if (guard_text::starts_with_ci(text, begin - o, w)) return true;
    }
  }
  return false;
}

bool CompiledGuard::term_allowed(const Pattern& p, std::string_view text, size_t begin) const {
  for (const auto& [word, offset] : p.allowed) {
    if (offset > begin) continue;
    if (guard_text::starts_with_ci(text, begin - offset, allowed_words[word])) return true;
  }
  return false;
}

}  // namespace press::core

#include "core/guard_terms.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iterator>

#include "core/guard_lexicon.h"
#include "core/utf8.h"

namespace press::core {

namespace {

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", unsigned(cp));
  return buf;
}

bool is_invisible(char32_t cp) {
  for (const lexicon::InvisibleRange& r : lexicon::invisible_ranges())
    if (cp >= r.first && cp <= r.last) return true;
  return false;
}

}  // namespace

void TermRules::invisible(std::string_view text, const Place& place, size_t begin, uint32_t id) {
  const Pattern& p = g_.patterns[id];
  const size_t end = begin + p.size;
  if (p.code_point == '\r' && end < text.size() && text[end] == '\n') return;  // CRLF
  hidden_ = true;
  findings_.emit(place, Rule::InvisibleChar, Severity::Blocking, begin, end,
                 "invisible character " + code_point_name(p.code_point) + " (" + p.name +
                     "): it hides text from reviewers and splits words past the filter");
}

void TermRules::end_unit(std::string_view text, const Place& place) {
  flush_terms(text, place, SIZE_MAX);
  if (hidden_) scan_without_invisible(text, place);
}

// Hits of one rule inside another are reported once, by the longest (and most severe):
// "澳门金沙" and not also "金沙". Hits arrive in order of their begin; a pending hit is
// final once a hit begins past its end.
void TermRules::push_term(const Hit& h, std::string_view text, const Place& place) {
  flush_terms(text, place, h.begin);
  const Pattern& ph = g_.patterns[h.id];
  for (const Hit& p : pending_) {
    const Pattern& pp = g_.patterns[p.id];
    if (pp.rule == ph.rule && p.begin <= h.begin && h.end <= p.end && pp.severity >= ph.severity)
      return;
  }
  pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                [&](const Hit& p) {
                                  const Pattern& pp = g_.patterns[p.id];
                                  return pp.rule == ph.rule && h.begin <= p.begin &&
                                         p.end <= h.end && ph.severity >= pp.severity;
                                }),
                 pending_.end());
  pending_.push_back(h);
}

void TermRules::flush_terms(std::string_view text, const Place& place, size_t now) {
  size_t kept = 0;
  for (size_t i = 0; i < pending_.size(); ++i) {
    const Hit& p = pending_[i];
    if (now >= p.end) {
      report_term(p, text, place);
    } else {
      pending_[kept++] = p;
    }
  }
  pending_.resize(kept);
}

void TermRules::report_term(const Hit& h, std::string_view text, const Place& place) {
  const Pattern& p = g_.patterns[h.id];
  std::string message = "“" + p.text + "”";
  if (p.from_site) {
    message += p.severity == Severity::Blocking ? " is a blocked term of this site"
                                                : " is a term this site asks editors to check";
  } else if (p.rule == Rule::LoginPhrase) {
    message += " is a login-entrance phrase, the tail of an injected gambling link";
  } else {
    message += std::string(" is ") + p.category + " vocabulary";
    if (p.severity == Severity::Warning)
      message += "; check the context (anti-fraud education may name it)";
  }
  if (h.split) message += "; written with invisible characters inside to slip past filters";
  findings_.emit(place, p.rule, p.severity, h.place_begin, h.place_end, std::move(message));

  // A brand in a sentence about an institution: "<brand>党委书记", "和<brand>牵头".
  if (p.rule == Rule::Lexicon && p.severity == Severity::Blocking && !h.split)
    institution_.after_brand_term(text, place, h.place_begin, h.end);
}

// Terms hidden by invisible characters ("博\u200B彩"): read the text again without them.
// Only hostile text gets here, so the copy costs nothing in ordinary use.
void TermRules::scan_without_invisible(std::string_view text, const Place& place) {
  clean_.clear();
  removed_.clear();  // (offset in clean_, bytes removed so far) after each removal
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    const char32_t cp = utf8::decode(text, i);
    if (is_invisible(cp)) {
      removed_.push_back({clean_.size(), i - clean_.size()});
    } else {
      clean_.append(text.data() + at, i - at);
    }
  }
  const auto original = [&](size_t pos, bool is_end) {
    // Removed bytes before pos (for an end: before the last byte of the hit).
    const size_t probe = is_end ? pos - 1 : pos;
    auto it =
        std::upper_bound(removed_.begin(), removed_.end(), probe,
                         [](size_t v, const std::pair<size_t, size_t>& r) { return v < r.first; });
    return pos + (it == removed_.begin() ? 0 : std::prev(it)->second);
  };
  pending_.clear();
  g_.matcher.scan(clean_, [&](size_t begin, uint32_t id) {
    const Pattern& p = g_.patterns[id];
    if (p.kind != PatternKind::Term) return;
    const size_t end = begin + p.size;
    const size_t ob = original(begin, false), oe = original(end, true);
    if (oe - ob == p.size || g_.term_allowed(p, clean_, begin))
      return;  // reported by the first pass
    push_term({begin, end, ob, oe, id, true}, clean_, place);
  });
  flush_terms(clean_, place, SIZE_MAX);
}

}  // namespace press::core

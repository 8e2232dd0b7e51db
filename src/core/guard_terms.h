#pragma once
// Rules `lexicon`, `login-phrase` and `invisible-char` (not a public API): what the
// matcher finds as a term or a hidden character in one unit of text, with terms written
// with invisible characters inside found on a second reading without them.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/guard_compiled.h"
#include "core/guard_findings.h"
#include "core/guard_institution.h"

namespace press::core {

class TermRules : public RuleFamily {
 public:
  using RuleFamily::RuleFamily;

  // One unit of text: begin_unit(), its matcher hits in order, end_unit().
  void begin_unit() {
    pending_.clear();
    hidden_ = false;
  }
  // A Term pattern's hit at text[begin].
  void term(std::string_view text, const Place& place, size_t begin, uint32_t id) {
    const Pattern& p = g_.patterns[id];
    if (!g_.term_allowed(p, text, begin))
      push_term({begin, begin + p.size, begin, begin + p.size, id, false}, text, place);
  }
  // An Invisible pattern's hit at text[begin].
  void invisible(std::string_view text, const Place& place, size_t begin, uint32_t id);
  void end_unit(std::string_view text, const Place& place);

  // True when a blocking term hit not yet reported ends at pos.
  bool blocking_term_ends_at(size_t pos) const {
    for (const Hit& h : pending_)
      if (h.end == pos && g_.patterns[h.id].severity == Severity::Blocking) return true;
    return false;
  }

 private:
  struct Hit {
    size_t begin, end;              // in the scanned text
    size_t place_begin, place_end;  // in the unit text the Place describes
    uint32_t id;
    bool split;  // found only with invisible characters skipped
  };

  void push_term(const Hit& h, std::string_view text, const Place& place);
  void flush_terms(std::string_view text, const Place& place, size_t now);
  void report_term(const Hit& h, std::string_view text, const Place& place);
  void scan_without_invisible(std::string_view text, const Place& place);

  std::vector<Hit> pending_;
  bool hidden_ = false;  // the unit has invisible characters
  std::string clean_;    // the unit without them
  std::vector<std::pair<size_t, size_t>> removed_;
};

}  // namespace press::core

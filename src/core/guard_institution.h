#pragma once
// Rule `institution-name` (not a public API): something other than an institution where
// its name belongs, the mark of a defaced page: a gambling brand or an unexplained Latin
// token before "党委书记" or "牵头", a name ending like a betting brand's before "党委", a
// near miss of the site's own name. The traversal and the other families call in here
// when they meet such a place.
#include <string>
#include <string_view>

#include "core/guard_compiled.h"
#include "core/guard_findings.h"
#include "core/guard_tokens.h"

namespace press::core {

class InstitutionRules {
 public:
  InstitutionRules(const CompiledGuard& g, Findings& findings) : g_(g), findings_(findings) {}

  // "党委" or "纪委" at text[begin, end). after_blocking_term: a blocking term ends at
  // begin, and so is reported on its own.
  void party_role(std::string_view text, const Place& place, size_t begin, size_t end,
                  bool after_blocking_term);
  // The distinctive part of the site's name at text[begin, end).
  void own_name(std::string_view text, const Place& place, size_t begin, size_t end);
  // A blocking lexicon term at text[begin, end): before a role word it is a brand in the
  // institution's place ("ag88真人娱乐牵头", with the Latin half written before it).
  void after_brand_term(std::string_view text, const Place& place, size_t begin, size_t end);
  // A Latin token at text[begin, end), judged v: before a role word it stands where the
  // institution's name belongs.
  void after_token(std::string_view text, const Place& place, std::string_view token, size_t begin,
                   size_t end, const guard_tokens::Verdict& v);

 private:
  const CompiledGuard& g_;
  Findings& findings_;
};

// What the other rule families work with: the compiled guard, where findings go, and the
// institution rule for the names they meet in an institution's place.
class RuleFamily {
 public:
  RuleFamily(const CompiledGuard& g, Findings& findings, InstitutionRules& institution)
      : g_(g), findings_(findings), institution_(institution) {}

 protected:
  const CompiledGuard& g_;
  Findings& findings_;
  InstitutionRules& institution_;
};

}  // namespace press::core

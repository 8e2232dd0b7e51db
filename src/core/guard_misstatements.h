#pragma once
// Misstatements (Rule::Misstatement): wrong forms of official names and formulations, each
// with its right form as the finding's suggestion, so the editor corrects it in one click.
// A built-in starter list (below, in guard_misstatements.cpp, each entry with its source)
// and the site profile's own ("guard.misstatements", core/site.h), such as the
// institution's name as it is commonly misspelt. The wrong forms join the guard's one
// matcher (guard_compiled.cpp); a hit that is part of its right form written out
// ("新时代中国特色社会主义思想" inside "习近平新时代中国特色社会主义思想") is not a finding.
#include <string_view>

#include "core/guard_compiled.h"
#include "core/guard_findings.h"
#include "core/site.h"

namespace press::core {

struct BuiltinMisstatement {
  const char* wrong;
  const char* right;
  const char* note;
  bool serious;
};
struct BuiltinMisstatements {
  const BuiltinMisstatement* items;
  size_t size;
  const BuiltinMisstatement* begin() const { return items; }
  const BuiltinMisstatement* end() const { return items + size; }
};
BuiltinMisstatements builtin_misstatements();

// A hit of misstatement pattern p at text[begin].
void misstatement_hit(const Pattern& p, std::string_view text, const Place& place, size_t begin,
                      Findings& findings);

}  // namespace press::core

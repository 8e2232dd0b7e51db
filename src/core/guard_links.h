#pragma once
// Rule `link-domain` (not a public API): where a link leads. A scheme the URL policy does
// not allow, a spam site's host, a bare IP address, a punycode name, or any host outside
// the site's own and allowed domains.
#include <cstddef>
#include <string_view>

#include "core/guard_compiled.h"
#include "core/guard_findings.h"

namespace press::core {

// Judges the link target url (allowed: by the URL policy); findings cover unit text
// [0, size) at place.
void judge_link(const CompiledGuard& g, Findings& findings, std::string_view url,
                const Place& place, size_t size, bool allowed);

}  // namespace press::core

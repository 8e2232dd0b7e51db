#pragma once
// Headings that skip a level ("##" then "####"): a screen reader's outline then has a hole,
// and GB/T 37668 and WCAG (1.3.1) ask for levels in order. A warning on the heading's line.
// Only a heading deeper than the one before it by more than one is reported; the first
// heading may be at any level, and going back up ("####" then "##") is fine.
#include <string_view>

#include "core/document.h"
#include "core/guard_findings.h"

namespace press::core {

void check_headings(std::string_view markdown, const Document& doc, Findings& findings);

}  // namespace press::core

#pragma once
// Tables whose body has a row with nothing in any cell: the table editor's "add row" left
// unfilled, or a pasted range with blank lines. The portal shows them as empty stripes, so
// they are a warning, placed on the row's line in the Markdown. A header row with nothing in
// it is a warning too (Rule::TableHeader): the table then names none of its columns.
#include <string_view>

#include "core/document.h"
#include "core/guard_findings.h"

namespace press::core {

void check_tables(std::string_view markdown, const Document& doc, Findings& findings);

}  // namespace press::core

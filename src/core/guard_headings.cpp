#include "core/guard_headings.h"

#include <string>

namespace press::core {

void check_headings(std::string_view markdown, const Document& doc, Findings& findings) {
  int previous = 0;  // the level of the heading before, 0 before the first
  for (const Block& b : doc.blocks) {
    if (b.kind != BlockKind::Heading) continue;
    const int level = b.level;
    if (previous > 0 && level > previous + 1 && b.source_offset < markdown.size()) {
      size_t end = markdown.find('\n', b.source_offset);
      if (end == std::string_view::npos) end = markdown.size();
      if (end > b.source_offset && markdown[end - 1] == '\r') --end;
      // An ATX heading's line with the right number of '#' is the correction; a setext
      // heading ("===" under it) cannot be given a deeper level in one line, so none.
      const std::string_view line = markdown.substr(b.source_offset, end - b.source_offset);
      const size_t hashes = line.find_first_not_of('#');
      std::string suggestion;
      if (hashes == size_t(level) && hashes < line.size() && line[hashes] == ' ')
        suggestion = std::string(size_t(previous + 1), '#') + std::string(line.substr(hashes));
      Place place;
      place.field = "body";
      place.field_text = markdown;
      place.base = b.source_offset;
      findings.emit(place, Rule::HeadingSkip, Severity::Warning, 0, end - b.source_offset,
                    "a level-" + std::to_string(level) + " heading after a level-" +
                        std::to_string(previous) + " one: use level " +
                        std::to_string(previous + 1) + " here",
                    std::move(suggestion));
    }
    previous = level;
  }
}

}  // namespace press::core

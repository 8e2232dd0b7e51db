#include "core/text_layout.h"

#include "core/text_scan.h"

namespace press::core {

void layout_paragraph(std::string_view text, const LayoutOptions& options, MeasureRef measure,
                      std::vector<LineBox>& out) {
  const float width = options.width;
  scan::Scanner scanner(text);
  scan::Cluster c;
  scan::BreakState breaks;

  // The line being filled. x is the advance from its begin (spaces included), content_*
  // stop at the last cluster that is not a space.
  LineBox line;
  line.x = options.first_line_indent;
  float x = 0, content_width = 0;
  size_t content_end = 0;
  // The last break opportunity on this line and the state there.
  size_t opportunity = 0;  // 0: none (a line never breaks at its own begin)
  float opportunity_x = 0, opportunity_content_width = 0;
  size_t opportunity_content_end = 0;

  auto emit = [&](size_t end, size_t next, float line_width) {
    line.end = uint32_t(end);
    line.next = uint32_t(next);
    line.width = line_width;
    out.push_back(line);
    line.begin = uint32_t(next);
    line.x = 0;
    opportunity = 0;
  };

  while (scanner.next(c)) {
    if (c.cls == BreakClass::Newline) {
      emit(content_end, c.end, content_width);
      x = content_width = 0;
      content_end = c.end;
      breaks.reset();
      continue;
    }
    if (breaks.feed(c.cls)) {
      opportunity = c.begin;
      opportunity_x = x;
      opportunity_content_end = content_end;
      opportunity_content_width = content_width;
    }
    float advance = measure(std::string_view(text.data() + c.begin, c.end - c.begin), c.base);
    if (c.cls == BreakClass::Space) {
      x += advance;  // spaces hang past the edge; they never push a line over
      continue;
    }
    if (line.x + x + advance > width && c.begin > line.begin) {
      if (opportunity > line.begin) {
        // Move everything after the last opportunity to a new line.
        emit(opportunity_content_end, opportunity, opportunity_content_width);
        x -= opportunity_x;
        content_width -= opportunity_x;
        if (content_end < line.begin) {
          content_end = line.begin;
          content_width = 0;
        }
      }
      if (line.x + x + advance > width && c.begin > line.begin) {
        // One unbreakable run is wider than the line: split it between clusters.
        emit(content_end, c.begin, content_width);
        x = content_width = 0;
      }
    }
    x += advance;
    content_width = x;
    content_end = c.end;
  }
  if (content_end < line.begin) content_end = line.begin;
  emit(content_end, text.size(), content_width);
}

float caret_x(std::string_view text, const LineBox& line, size_t pos, MeasureRef measure) {
  if (pos > line.next) pos = line.next;
  float x = line.x;
  scan::Scanner scanner(text, line.begin);
  scan::Cluster c;
  while (scanner.next(c) && c.end <= pos) {
    if (c.cls == BreakClass::Newline) break;
    x += measure(text.substr(c.begin, c.end - c.begin), c.base);
  }
  return x;
}

size_t hit_test(std::string_view text, const LineBox& line, float x, MeasureRef measure) {
  float left = line.x;
  if (x <= left) return line.begin;
  scan::Scanner scanner(text, line.begin);
  scan::Cluster c;
  while (c.end < line.next && scanner.next(c)) {
    if (c.cls == BreakClass::Newline) return c.begin;
    float right = left + measure(text.substr(c.begin, c.end - c.begin), c.base);
    if (x < right) return x - left < right - x ? c.begin : c.end;
    left = right;
  }
  return line.next;
}

}  // namespace press::core

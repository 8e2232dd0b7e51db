#include "core/guard_findings.h"

#include <algorithm>

#include "core/utf8.h"

namespace press::core {

namespace {

int field_rank(const std::string& field) {
  static constexpr const char* kOrder[] = {"title", "author", "source", "body", "link", "editor"};
  for (int i = 0; i < 6; ++i)
    if (field == kOrder[i]) return i;
  return 6;
}

}  // namespace

void Findings::begin_body(std::string_view markdown, const Document& doc) {
  add_field("body", markdown);
  markdown_ = markdown;
  verbatim_.assign(doc.spans.size(), -1);
}

void Findings::emit(const Place& place, Rule rule, Severity severity, size_t begin, size_t end,
                    std::string message, std::string suggestion) {
  if (!limits_.admit(severity, report_.findings.size())) return;
  size_t b, e;
  to_field(place, begin, end, b, e);
  Finding f;
  f.severity = severity;
  f.rule = rule_id(rule);
  f.field = place.field;
  f.offset = b;
  f.size = e - b;
  f.text = std::string(place.field_text.substr(b, e - b));
  f.message = std::move(message);
  f.suggestion = std::move(suggestion);
  report_.findings.push_back(std::move(f));
}

void Findings::take_recorded(Findings& recorded) {
  for (Finding& f : recorded.report_.findings)
    if (limits_.admit(f.severity, report_.findings.size()))
      report_.findings.push_back(std::move(f));
  limits_.add_left_out(recorded.limits_);
}

void Findings::finish() {
  std::vector<Finding>& f = report_.findings;
  // Sorted by place, ties in the order found: indices sorted with the index as the last
  // key are that order without stable_sort's merge code (a few KB of the web payload).
  std::vector<size_t> order(f.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&f](size_t x, size_t y) {
    const Finding &a = f[x], &b = f[y];
    const int ra = field_rank(a.field), rb = field_rank(b.field);
    if (ra != rb) return ra < rb;
    if (a.offset != b.offset) return a.offset < b.offset;
    if (a.size != b.size) return a.size < b.size;  // a brand before the sentence it stands in
    return x < y;
  });
  std::vector<Finding> sorted;
  sorted.reserve(f.size());
  for (size_t i : order) sorted.push_back(std::move(f[i]));
  f = std::move(sorted);
  // Lines and columns, one walk per field (locate() from the start for each finding
  // would be quadratic in a long body).
  for (const auto& [name, text] : texts_) {
    size_t at = 0;
    int line = 1, column = 1;
    for (Finding& x : f) {
      if (x.field != name) continue;
      const size_t target = std::min(x.offset, text.size());
      if (target < at) {  // overlapping findings: start over (rare)
        at = 0;
        line = column = 1;
      }
      while (at < target) {
        if (text[at] == '\n') {
          ++line;
          column = 1;
          ++at;
        } else {
          utf8::decode(text, at);
          ++column;
        }
      }
      x.line = line;
      x.column = column;
    }
  }
  limits_.append_limit_finding(f);
}

// Unit text range -> field byte range.
void Findings::to_field(const Place& place, size_t begin, size_t end, size_t& b, size_t& e) {
  const size_t limit = place.field_text.size();
  if (place.fixed) {
    b = place.fixed_offset;
    e = place.fixed_offset + place.fixed_size;
  } else if (!place.doc) {
    b = place.base + begin;
    e = place.base + end;
  } else {
    b = body_offset(place, begin, false);
    e = end > begin ? body_offset(place, end, true) : b;
  }
  b = std::min(b, limit);
  e = std::min(std::max(e, b), limit);
}

// Markdown offset of a position in a run of body spans. A span copied verbatim from the
// Markdown maps byte for byte; a decoded one (entity, replacement character, line break)
// maps as a whole to its source.
size_t Findings::body_offset(const Place& place, size_t pos, bool is_end) {
  const std::vector<Span>& spans = place.doc->spans;
  const size_t text_pos = place.text_begin + pos;
  const size_t probe = is_end ? text_pos - 1 : text_pos;
  // Last span of the run starting at or before probe.
  uint32_t lo = place.first_span, hi = place.last_span;
  while (hi - lo > 1) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (spans[mid].offset <= probe)
      lo = mid;
    else
      hi = mid;
  }
  const Span& s = spans[lo];
  const size_t delta = text_pos - std::min<size_t>(text_pos, s.offset);
  if (verbatim(*place.doc, lo)) return s.source_offset + std::min<size_t>(delta, s.size);
  return is_end ? s.source_offset + decoded_source_size(s) : s.source_offset;
}

bool Findings::verbatim(const Document& doc, uint32_t k) {
  int8_t& v = verbatim_[k];
  if (v < 0) {
    const Span& s = doc.spans[k];
    v = s.source_offset <= markdown_.size() && markdown_.size() - s.source_offset >= s.size &&
        markdown_.compare(s.source_offset, s.size, doc.span_text(s)) == 0;
  }
  return v > 0;
}

size_t Findings::decoded_source_size(const Span& s) const {
  if (s.kind == SpanKind::SoftBreak || s.kind == SpanKind::HardBreak) return 0;
  if (s.source_offset < markdown_.size() && markdown_[s.source_offset] == '&') {
    const size_t semicolon = markdown_.find(';', s.source_offset);
    if (semicolon != std::string_view::npos && semicolon - s.source_offset <= 40)
      return semicolon + 1 - s.source_offset;
  }
  return s.kind == SpanKind::Image ? s.size : 1;
}

}  // namespace press::core

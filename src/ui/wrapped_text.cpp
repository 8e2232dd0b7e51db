#include "ui/wrapped_text.h"

#include <algorithm>

namespace press::ui {

WrappedText::WrappedText() {
  set_text({});
}

// ---- Text -------------------------------------------------------------------------------

void WrappedText::set_text(std::string_view text) {
  paragraphs_.clear();
  paragraphs_.emplace_back();
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      paragraphs_.emplace_back();
    } else {
      // Append runs at once rather than byte by byte.
      size_t j = i;
      while (j < text.size() && text[j] != '\r' && text[j] != '\n') ++j;
      paragraphs_.back().text.append(text.substr(i, j - i));
      i = j - 1;
    }
  }
  offsets_valid_from_ = 0;
  any_dirty_ = lines_changed_ = true;
}

std::string WrappedText::text() const {
  std::string out;
  out.reserve(size());
  for (size_t i = 0; i < paragraphs_.size(); ++i) {
    if (i > 0) out += '\n';
    out += paragraphs_[i].text;
  }
  return out;
}

void WrappedText::update_offsets() const {
  if (offsets_valid_from_ >= paragraphs_.size() && offsets_.size() == paragraphs_.size()) return;
  offsets_.resize(paragraphs_.size());
  size_t i = std::min(offsets_valid_from_, paragraphs_.size());
  size_t at = i == 0 ? 0 : offsets_[i - 1] + paragraphs_[i - 1].text.size() + 1;
  for (; i < paragraphs_.size(); ++i) {
    offsets_[i] = at;
    at += paragraphs_[i].text.size() + 1;
  }
  offsets_valid_from_ = paragraphs_.size();
}

size_t WrappedText::size() const {
  update_offsets();
  return offsets_.back() + paragraphs_.back().text.size();
}

size_t WrappedText::offset_of(TextPos p) const {
  update_offsets();
  if (p.para >= paragraphs_.size()) return size();
  return offsets_[p.para] + std::min<size_t>(p.offset, paragraphs_[p.para].text.size());
}

TextPos WrappedText::pos_of(size_t offset) const {
  update_offsets();
  auto it = std::upper_bound(offsets_.begin(), offsets_.end(), offset);
  const size_t para = size_t(it - offsets_.begin()) - 1;
  const size_t in = std::min(offset - offsets_[para], paragraphs_[para].text.size());
  return {uint32_t(para), uint32_t(in)};
}

TextPos WrappedText::end() const {
  return {uint32_t(paragraphs_.size() - 1), uint32_t(paragraphs_.back().text.size())};
}

std::string WrappedText::substr(TextPos a, TextPos b) const {
  if (b < a) std::swap(a, b);
  std::string out;
  if (a.para == b.para) return paragraphs_[a.para].text.substr(a.offset, b.offset - a.offset);
  out = paragraphs_[a.para].text.substr(a.offset);
  for (uint32_t p = a.para + 1; p < b.para; ++p) {
    out += '\n';
    out += paragraphs_[p].text;
  }
  out += '\n';
  out.append(paragraphs_[b.para].text, 0, b.offset);
  return out;
}

void WrappedText::mark_dirty(size_t para) {
  paragraphs_[para].dirty = true;
  any_dirty_ = true;
}

TextPos WrappedText::replace(TextPos a, TextPos b, std::string_view text) {
  if (b < a) std::swap(a, b);
  a.para = std::min<uint32_t>(a.para, uint32_t(paragraphs_.size() - 1));
  b.para = std::min<uint32_t>(b.para, uint32_t(paragraphs_.size() - 1));
  a.offset = std::min<uint32_t>(a.offset, uint32_t(paragraphs_[a.para].text.size()));
  b.offset = std::min<uint32_t>(b.offset, uint32_t(paragraphs_[b.para].text.size()));

  // The text after b moves to the end of the insertion.
  std::string& first = paragraphs_[a.para].text;
  const size_t newline = text.find('\n');
  if (a.para == b.para && newline == std::string_view::npos) {
    // The common case, a keystroke: one paragraph, edited in place.
    first.replace(a.offset, b.offset - a.offset, text);
    mark_dirty(a.para);
    offsets_valid_from_ = std::min<size_t>(offsets_valid_from_, a.para + 1);
    return {a.para, uint32_t(a.offset + text.size())};
  }

  std::string tail = paragraphs_[b.para].text.substr(b.offset);
  first.resize(a.offset);
  // Paragraphs strictly after a up to b go away.
  if (b.para > a.para) {
    paragraphs_.erase(paragraphs_.begin() + a.para + 1, paragraphs_.begin() + b.para + 1);
  }
  // Split the inserted text into lines: the first joins paragraph a, the others become
  // new paragraphs, the tail joins the last one.
  size_t line_start = 0;
  size_t end_of_line = text.find('\n');
  paragraphs_[a.para].text.append(text.substr(0, end_of_line));
  mark_dirty(a.para);
  std::vector<Paragraph> added;
  while (end_of_line != std::string_view::npos) {
    line_start = end_of_line + 1;
    end_of_line = text.find('\n', line_start);
    Paragraph p;
    p.text.assign(text.substr(line_start, end_of_line == std::string_view::npos
                                              ? std::string_view::npos
                                              : end_of_line - line_start));
    added.push_back(std::move(p));
  }
  paragraphs_.insert(paragraphs_.begin() + a.para + 1, std::make_move_iterator(added.begin()),
                     std::make_move_iterator(added.end()));
  const uint32_t last = uint32_t(a.para + added.size());
  const uint32_t caret = uint32_t(paragraphs_[last].text.size());
  paragraphs_[last].text += tail;
  mark_dirty(last);
  offsets_valid_from_ = std::min<size_t>(offsets_valid_from_, a.para + 1);
  lines_changed_ = true;
  return {last, caret};
}

// ---- Layout -----------------------------------------------------------------------------

void WrappedText::set_faces(std::vector<const GlyphMetrics*> faces, FaceOf face_of) {
  if (faces == faces_ && face_of == face_of_) return;
  faces_ = std::move(faces);
  face_of_ = face_of;
  face_measures_.clear();
  for (const GlyphMetrics* m : faces_) face_measures_.push_back(MetricsMeasure{m});
  invalidate_layout();
}

float WrappedText::line_height(size_t para) const {
  const uint8_t face = paragraphs_[para].face;
  if (face == 0 || face > faces_.size()) return line_height();
  return faces_[face - 1]->line_height();
}

void WrappedText::set_layout(float width, float first_line_indent, const GlyphMetrics* metrics) {
  // The other faces' generations count too: their atlas may be rebuilt on its own.
  uint64_t generation = metrics ? metrics->generation() : 0;
  for (const GlyphMetrics* m : faces_) generation = generation * 31 + m->generation();
  if (width == width_ && first_line_indent == indent_ && metrics == metrics_ &&
      generation == metrics_generation_)
    return;
  width_ = width;
  indent_ = first_line_indent;
  metrics_ = metrics;
  measure_.metrics = metrics;
  metrics_generation_ = generation;
  invalidate_layout();
}

void WrappedText::invalidate_layout() {
  for (Paragraph& p : paragraphs_) p.dirty = true;
  any_dirty_ = true;
  lines_changed_ = true;  // line heights may change without the line counts
}

void WrappedText::update_layout() {
  last_layout_count_ = 0;
  if (!any_dirty_ && !lines_changed_) return;
  if (!metrics_) return;
  const core::LayoutOptions options{width_, indent_};
  for (Paragraph& p : paragraphs_) {
    if (!p.dirty) continue;
    const size_t before = p.lines.size();
    const uint8_t face_before = p.face;
    p.face = face_of_ ? std::min<uint8_t>(face_of_(p.text), uint8_t(faces_.size())) : 0;
    p.lines.clear();
    core::layout_paragraph(p.text, options, measure(size_t(&p - paragraphs_.data())), p.lines);
    p.dirty = false;
    lines_changed_ |= p.lines.size() != before || p.face != face_before;
    ++last_layout_count_;
  }
  any_dirty_ = false;
  if (!lines_changed_) return;
  // Line counts moved: rebuild the running totals (a few thousand additions at most).
  first_line_.resize(paragraphs_.size() + 1);
  top_.resize(paragraphs_.size() + 1);
  size_t total = 0;
  float y = 0;
  for (size_t i = 0; i < paragraphs_.size(); ++i) {
    first_line_[i] = total;
    top_[i] = y;
    total += paragraphs_[i].lines.size();
    y += float(paragraphs_[i].lines.size()) * line_height(i);
  }
  first_line_[paragraphs_.size()] = total;
  top_[paragraphs_.size()] = y;
  total_lines_ = total;
  total_height_ = y;
  lines_changed_ = false;
}

LineRef WrappedText::line_at_index(size_t index) const {
  if (total_lines_ == 0) return {};
  if (index >= total_lines_) index = total_lines_ - 1;
  auto it = std::upper_bound(first_line_.begin(), first_line_.begin() + paragraphs_.size(), index);
  const size_t para = size_t(it - first_line_.begin()) - 1;
  return {uint32_t(para), uint32_t(index - first_line_[para])};
}

LineRef WrappedText::line_at_y(float y) const {
  if (total_lines_ == 0 || y <= 0) return line_at_index(0);
  if (y >= total_height_) return line_at_index(total_lines_ - 1);
  auto it = std::upper_bound(top_.begin(), top_.begin() + paragraphs_.size(), y);
  size_t para = size_t(it - top_.begin()) - 1;
  // Skip back over paragraphs without lines (none after a layout, but be safe).
  while (para > 0 && paragraphs_[para].lines.empty()) --para;
  const float h = line_height(para);
  const size_t n = paragraphs_[para].lines.size();
  size_t line = h > 0 ? size_t((y - top_[para]) / h) : 0;
  if (line >= n) line = n ? n - 1 : 0;
  return {uint32_t(para), uint32_t(line)};
}

LineRef WrappedText::line_of(TextPos p, bool upstream) const {
  const std::vector<core::LineBox>& lines = paragraphs_[p.para].lines;
  if (lines.empty()) return {p.para, 0};
  // The last line starting at or before the offset.
  auto it = std::upper_bound(lines.begin(), lines.end(), p.offset,
                             [](uint32_t off, const core::LineBox& l) { return off < l.begin; });
  size_t index = it == lines.begin() ? 0 : size_t(it - lines.begin()) - 1;
  if (upstream && index > 0 && lines[index].begin == p.offset) --index;
  return {p.para, uint32_t(index)};
}

float WrappedText::caret_x(LineRef r, uint32_t offset) const {
  return core::caret_x(paragraphs_[r.para].text, line(r), offset, measure(r.para));
}

uint32_t WrappedText::hit_test(LineRef r, float x) const {
  return uint32_t(core::hit_test(paragraphs_[r.para].text, line(r), x, measure(r.para)));
}

core::MeasureRef WrappedText::measure() const {
  return core::MeasureRef(measure_);
}

core::MeasureRef WrappedText::measure(size_t para) const {
  const uint8_t face = paragraphs_[para].face;
  if (face == 0 || face > face_measures_.size()) return core::MeasureRef(measure_);
  return core::MeasureRef(face_measures_[face - 1]);
}

float WrappedText::MetricsMeasure::operator()(std::string_view cluster, char32_t base) const {
  return metrics->advance(cluster, base);
}

}  // namespace press::ui

#pragma once
// Text stored as paragraphs (the lines between '\n'), each with its cached soft-wrapped
// layout. An edit touches one paragraph's string (no copy of the whole text) and marks
// only the paragraphs it touched for layout; a width or font change marks all of them.
// The body editor edits through it and the preview painter can read the same cache.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text_layout.h"
#include "ui/text_metrics.h"

namespace press::ui {

// A place in the text: paragraph index and byte offset inside that paragraph.
struct TextPos {
  uint32_t para = 0;
  uint32_t offset = 0;
  friend bool operator==(TextPos a, TextPos b) { return a.para == b.para && a.offset == b.offset; }
  friend bool operator!=(TextPos a, TextPos b) { return !(a == b); }
  friend bool operator<(TextPos a, TextPos b) {
    return a.para != b.para ? a.para < b.para : a.offset < b.offset;
  }
};

// One visual line: paragraph index and line index inside it.
struct LineRef {
  uint32_t para = 0;
  uint32_t line = 0;
};

class WrappedText {
 public:
  WrappedText();

  // ---- Text ---------------------------------------------------------------------------
  // Replaces everything; "\r\n" and "\r" become "\n".
  void set_text(std::string_view text);
  std::string text() const;
  size_t size() const;  // bytes, '\n' between paragraphs included
  size_t paragraph_count() const { return paragraphs_.size(); }
  std::string_view paragraph(size_t i) const { return paragraphs_[i].text; }

  // Global byte offsets (as in text()) and positions, both ways; offsets are clamped.
  size_t offset_of(TextPos p) const;
  TextPos pos_of(size_t offset) const;
  TextPos end() const;
  std::string substr(TextPos a, TextPos b) const;

  // Replaces [a, b) with text, which may hold '\n' (already normalized: no '\r').
  // Returns the position just after the inserted text.
  TextPos replace(TextPos a, TextPos b, std::string_view text);

  // ---- Layout -------------------------------------------------------------------------
  // Width available to lines and the first line's indent, in the metrics' pixels. A
  // change of either, or of the metrics' generation, lays everything out again.
  void set_layout(float width, float first_line_indent, const GlyphMetrics* metrics);
  void invalidate_layout();
  // Lays out the paragraphs that need it. Cheap when nothing changed.
  void update_layout();

  // Paragraphs in another face: face_of(paragraph) picks an index into faces, where 0 is
  // the metrics of set_layout() and k is faces[k - 1] (the body editor's headings are
  // bigger and bold). A paragraph's lines are as tall as its face's line height. The
  // metrics must outlive the text or be replaced; nullptr face_of: one face for all.
  using FaceOf = uint8_t (*)(std::string_view paragraph);
  void set_faces(std::vector<const GlyphMetrics*> faces, FaceOf face_of);

  const GlyphMetrics* metrics() const { return metrics_; }
  float width() const { return width_; }
  // The default face's line height, and the height of one line of paragraph para.
  float line_height() const { return metrics_ ? metrics_->line_height() : 0.f; }
  float line_height(size_t para) const;
  size_t line_count() const { return total_lines_; }
  float height() const { return total_height_; }

  const std::vector<core::LineBox>& lines(size_t para) const { return paragraphs_[para].lines; }
  const core::LineBox& line(LineRef r) const { return paragraphs_[r.para].lines[r.line]; }
  // Index of a visual line among all lines, and back.
  size_t line_index(LineRef r) const { return first_line_[r.para] + r.line; }
  LineRef line_at_index(size_t index) const;
  // The visual line under y (from the top of the text), clamped to the first and last.
  LineRef line_at_y(float y) const;
  float line_top(LineRef r) const {
    return r.para < top_.size() ? top_[r.para] + float(r.line) * line_height(r.para) : 0.f;
  }

  // The line that shows a caret at p. A position where a soft-wrapped line ends is also
  // where the next one begins: upstream picks the end of the earlier line.
  LineRef line_of(TextPos p, bool upstream) const;
  bool is_last_line(LineRef r) const { return r.line + 1 == paragraphs_[r.para].lines.size(); }
  // x of a caret at p on line r (p must be on it), and the position nearest to x.
  float caret_x(LineRef r, uint32_t offset) const;
  uint32_t hit_test(LineRef r, float x) const;
  core::MeasureRef measure() const;  // the default face
  core::MeasureRef measure(size_t para) const;

  // How many paragraphs the last update_layout() laid out (tests and benchmarks).
  size_t last_layout_count() const { return last_layout_count_; }

 private:
  // The callable behind measure(): lives as long as this object.
  struct MetricsMeasure {
    const GlyphMetrics* metrics = nullptr;
    float operator()(std::string_view cluster, char32_t base) const;
  };

  struct Paragraph {
    std::string text;
    std::vector<core::LineBox> lines;
    bool dirty = true;
    uint8_t face = 0;
  };

  void mark_dirty(size_t para);
  void update_offsets() const;

  std::vector<Paragraph> paragraphs_;
  // first_line_[i]: lines before paragraph i (size paragraph_count + 1).
  std::vector<size_t> first_line_;
  size_t total_lines_ = 0;
  // top_[i]: y of paragraph i's first line (size paragraph_count + 1).
  std::vector<float> top_;
  float total_height_ = 0;
  bool any_dirty_ = true;
  bool lines_changed_ = true;

  // offsets_[i]: global offset of paragraph i, rebuilt lazily after edits.
  mutable std::vector<size_t> offsets_;
  mutable size_t offsets_valid_from_ = 0;

  const GlyphMetrics* metrics_ = nullptr;
  MetricsMeasure measure_;
  uint64_t metrics_generation_ = 0;
  std::vector<const GlyphMetrics*> faces_;
  std::vector<MetricsMeasure> face_measures_;
  FaceOf face_of_ = nullptr;
  float width_ = 0;
  float indent_ = 0;
  size_t last_layout_count_ = 0;
};

}  // namespace press::ui

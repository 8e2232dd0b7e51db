#pragma once
// Greedy paragraph layout on the break opportunities of line_break.h. Advances come
// from the caller, so the same code lays out ImGui pixels and plain-text columns.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

namespace press::core {

// Advance of one cluster: its bytes and its first code point. A non-owning reference
// to any callable `float(std::string_view cluster, char32_t base)`; the callable must
// outlive the call it is passed to.
class MeasureRef {
 public:
  using Function = float (*)(std::string_view cluster, char32_t base);

  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, MeasureRef> &&
                                              !std::is_function_v<F>>>
  MeasureRef(const F& f)  // NOLINT: implicit on purpose, pass a lambda directly
      : call_([](Target t, std::string_view cluster, char32_t base) {
          return static_cast<float>((*static_cast<const F*>(t.object))(cluster, base));
        }) {
    target_.object = &f;
  }
  MeasureRef(Function f)  // NOLINT
      : call_([](Target t, std::string_view cluster, char32_t base) {
          return t.function(cluster, base);
        }) {
    target_.function = f;
  }

  float operator()(std::string_view cluster, char32_t base) const {
    return call_(target_, cluster, base);
  }

 private:
  union Target {
    const void* object;
    Function function;
  };
  Target target_;
  float (*call_)(Target, std::string_view, char32_t);
};

// One visual line of a paragraph. Offsets are bytes into the paragraph's text.
struct LineBox {
  uint32_t begin = 0;  // first byte of the line
  uint32_t end = 0;    // one past the last visible cluster (hanging spaces, newline excluded)
  uint32_t next = 0;   // where the next line begins; the paragraph's size for the last line
  float x = 0;         // start of the first cluster: the first line's indent, else 0
  float width = 0;     // advance of [begin, end), not counting x
};

struct LayoutOptions {
  float width = 0;              // available width; a line overflows it only for one cluster
  float first_line_indent = 0;  // added before the paragraph's first line (two characters)
};

// Appends the lines of one paragraph (newlines inside are mandatory breaks) to out, so
// several paragraphs can share one vector. Always at least one line: an empty paragraph
// has one empty line. A Latin word, number or URL wider than the line is split between
// clusters; nothing else ever is. No allocation besides out's growth.
void layout_paragraph(std::string_view text, const LayoutOptions& options, MeasureRef measure,
                      std::vector<LineBox>& out);

// Caret x of byte offset pos on a line, from the line's left edge (x included). pos is
// clamped to [begin, next]; positions among hanging spaces lie beyond width.
float caret_x(std::string_view text, const LineBox& line, size_t pos, MeasureRef measure);

// The cluster boundary in [begin, next] nearest to x (from the line's left edge). When it
// returns next on a line that is not the paragraph's last, the caret belongs at this
// line's end (upstream), not at the start of the following line.
size_t hit_test(std::string_view text, const LineBox& line, float x, MeasureRef measure);

}  // namespace press::core

// Markdown -> Document: the md4c adapter.
//
// md4c calls back for every block, span and run of text; MarkdownParser turns those calls
// into the flat Document of document.h. Text is copied once into Document::text; a span
// is only a range of it, so no allocation happens per span.
#include <md4c.h>

#include <cstdint>
#include <cstring>

#include "core/document.h"
#include "core/html_entities.h"
#include "core/memory_hints.h"
#include "core/utf8.h"

namespace press::core {

namespace {

// CommonMark + GFM tables and strikethrough. Raw HTML is not recognised, so a <script>
// in the body is ordinary text and comes out escaped.
constexpr unsigned kParserFlags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML;

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Appends text with every invalid UTF-8 byte replaced by U+FFFD.
void append_sanitized(std::string& out, std::string_view text) {
  while (!text.empty()) {
    const size_t bad = utf8::valid_prefix(text);
    out.append(text.data(), bad);
    if (bad == text.size()) return;
    out.append(kReplacement, 3);
    text.remove_prefix(bad + 1);
  }
}

// One md4c text run of type MD_TEXT_ENTITY ("&amp;", "&#38;", "&#x26;"): decoded, or kept
// literally when the name is unknown (CommonMark).
void append_entity(std::string& out, std::string_view entity) {
  size_t i = 0;
  const bool decoded = entity.size() > 2 && entity[1] == '#' ? decode_numeric_entity(entity, i, out)
                                                             : decode_named_entity(entity, i, out);
  if (!decoded) append_sanitized(out, entity);
}

// An md4c attribute (link href, title, image src) is a sequence of substrings typed like
// text runs; this joins them decoded.
std::string decode_attribute(const MD_ATTRIBUTE& attr) {
  std::string out;
  if (!attr.text || attr.size == 0) return out;
  out.reserve(attr.size);
  for (size_t i = 0; attr.substr_offsets[i] < attr.size; ++i) {
    const MD_OFFSET off = attr.substr_offsets[i];
    const std::string_view part(attr.text + off, attr.substr_offsets[i + 1] - off);
    switch (attr.substr_types[i]) {
      case MD_TEXT_ENTITY:
        append_entity(out, part);
        break;
      case MD_TEXT_NULLCHAR:
        out.append(kReplacement, 3);
        break;
      default:
        append_sanitized(out, part);
        break;
    }
  }
  return out;
}

bool is_text_block(BlockKind k) {
  switch (k) {
    case BlockKind::Paragraph:
    case BlockKind::Heading:
    case BlockKind::CodeBlock:
    case BlockKind::TableHeaderCell:
    case BlockKind::TableCell:
      return true;
    default:
      return false;
  }
}

Align to_align(MD_ALIGN a) {
  switch (a) {
    case MD_ALIGN_LEFT:
      return Align::Left;
    case MD_ALIGN_CENTER:
      return Align::Center;
    case MD_ALIGN_RIGHT:
      return Align::Right;
    default:
      return Align::Default;
  }
}

class MarkdownParser {
 public:
  MarkdownParser(std::string_view markdown, Utf8Check check) : input_(markdown), check_(check) {}

  Document parse() {
    input_valid_ = check_ == Utf8Check::ByCaller ? input_.size() : utf8::valid_prefix(input_);
    // Sized from the input so the big buffers are allocated once, not regrown and copied.
    // The text is at most the input (plus a few U+FFFD); the block and span estimates cover
    // markup-dense input and cost little otherwise, as untouched capacity is never paged in.
    doc_.text.reserve(input_.size() + 16);
    advise_huge_pages(doc_.text.data(), doc_.text.capacity());
    doc_.blocks.reserve(input_.size() / 16 + 16);
    doc_.spans.reserve(input_.size() / 8 + 16);

    MD_PARSER parser{};
    parser.flags = kParserFlags;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) {
      return self(u)->enter_block(t, d);
    };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* u) {
      return self(u)->leave_block(t, d);
    };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return self(u)->enter_span(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* u) { return self(u)->leave_span(t, d); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
      return self(u)->text(t, s, n);
    };
    if (md_parse(input_.data(), MD_SIZE(input_.size()), &parser, this) != 0 || doc_.blocks.empty())
      recover();
    return std::move(doc_);
  }

 private:
  static MarkdownParser* self(void* userdata) { return static_cast<MarkdownParser*>(userdata); }

  // --- Blocks -------------------------------------------------------------------------

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    close_implicit_paragraph();
    can_merge_ = false;
    Block b;
    switch (type) {
      case MD_BLOCK_DOC:
        b.kind = BlockKind::Document;
        break;
      case MD_BLOCK_QUOTE:
        b.kind = BlockKind::Quote;
        break;
      case MD_BLOCK_UL:
        b.kind = BlockKind::BulletList;
        b.tight = static_cast<MD_BLOCK_UL_DETAIL*>(detail)->is_tight != 0;
        break;
      case MD_BLOCK_OL: {
        const auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
        b.kind = BlockKind::OrderedList;
        b.tight = d->is_tight != 0;
        b.start = d->start;
        break;
      }
      case MD_BLOCK_LI:
        b.kind = BlockKind::ListItem;
        break;
      case MD_BLOCK_HR:
        b.kind = BlockKind::ThematicBreak;
        break;
      case MD_BLOCK_H:
        b.kind = BlockKind::Heading;
        b.level = uint8_t(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        break;
      case MD_BLOCK_CODE:
        b.kind = BlockKind::CodeBlock;
        break;
      case MD_BLOCK_TABLE:
        b.kind = BlockKind::Table;
        break;
      case MD_BLOCK_THEAD:
        b.kind = BlockKind::TableHead;
        break;
      case MD_BLOCK_TBODY:
        b.kind = BlockKind::TableBody;
        break;
      case MD_BLOCK_TR:
        b.kind = BlockKind::TableRow;
        break;
      case MD_BLOCK_TH:
        b.kind = BlockKind::TableHeaderCell;
        b.align = to_align(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align);
        break;
      case MD_BLOCK_TD:
        b.kind = BlockKind::TableCell;
        b.align = to_align(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align);
        break;
      default:
        b.kind = BlockKind::Paragraph;
        break;  // MD_BLOCK_P (HTML blocks are off)
    }
    open_block(b);
    if (type == MD_BLOCK_DOC) pending_from_ = open_.size();  // the root starts at 0
    if (type == MD_BLOCK_CODE && static_cast<MD_BLOCK_CODE_DETAIL*>(detail)->fence_char) {
      // A fenced block starts at its fence, which is no text: place it now and step over
      // the fence line so the code text that follows is found after it.
      const size_t fence = next_block_line();
      resolve_pending(fence, fence);
      cursor_ = line_end(fence);
      fenced_code_ = true;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type, void*) {
    close_implicit_paragraph();
    can_merge_ = false;
    const uint32_t index = open_.back();
    Block& b = doc_.blocks[index];
    if (pending_from_ < open_.size()) {
      if (b.kind == BlockKind::TableCell || b.kind == BlockKind::TableHeaderCell) {
        resolve_pending(cursor_, cursor_);  // an empty cell: where the row's text stopped
      } else {
        // No text inside (rule, empty item): it is the next line not yet consumed.
        const size_t at = next_block_line();
        resolve_pending(at, at);
        cursor_ = line_end(at);
      }
    }
    if (type == MD_BLOCK_CODE && fenced_code_) skip_line_if(is_fence_line);
    if (type == MD_BLOCK_CODE) fenced_code_ = false;
    if (type == MD_BLOCK_H && !is_atx_heading_line(b.source_offset))
      skip_line_if(is_setext_underline);
    if (type == MD_BLOCK_THEAD) skip_line_if([](std::string_view) { return true; });  // |---|---|
    close_block();
    return 0;
  }

  void open_block(const Block& proto) {
    Block b = proto;
    b.span_begin = b.span_end = uint32_t(doc_.spans.size());
    doc_.blocks.push_back(b);
    open_.push_back(uint32_t(doc_.blocks.size() - 1));
  }

  void close_block() {
    Block& b = doc_.blocks[open_.back()];
    b.end = uint32_t(doc_.blocks.size());
    if (is_text_block(b.kind)) b.span_end = uint32_t(doc_.spans.size());
    open_.pop_back();
    if (pending_from_ > open_.size()) pending_from_ = open_.size();
  }

  // Tight list items get their text without a paragraph around it; the model still wraps
  // it in a Paragraph so every span belongs to one text block (the list keeps `tight`).
  void ensure_text_block() {
    if (is_text_block(doc_.blocks[open_.back()].kind)) return;
    open_block(Block{});
    implicit_paragraph_ = true;
  }

  void close_implicit_paragraph() {
    if (!implicit_paragraph_) return;
    implicit_paragraph_ = false;
    close_block();
  }

  // --- Spans --------------------------------------------------------------------------

  int enter_span(MD_SPANTYPE type, void* detail) {
    can_merge_ = false;
    switch (type) {
      case MD_SPAN_EM:
        ++italic_;
        break;
      case MD_SPAN_STRONG:
        ++bold_;
        break;
      case MD_SPAN_DEL:
        ++strike_;
        break;
      case MD_SPAN_CODE:
        ++code_;
        break;
      case MD_SPAN_A: {
        const auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
        link_stack_.push_back(link_);
        link_ = add_link(d->href, d->title);
        break;
      }
      case MD_SPAN_IMG: {
        const auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        const int32_t link =
            add_link(d->src, d->title);  // nested images' sources too: the guard sees every URL
        if (image_depth_++ == 0) {
          ensure_text_block();
          doc_.links[size_t(link)].enclosing = link_;  // "[![alt](src)](target)" keeps target
          image_link_ = link;
          image_text_begin_ = uint32_t(doc_.text.size());
          image_source_ = -1;
          image_start_ = image_alt_start();
        }
        break;
      }
      default:
        break;
    }
    return 0;
  }

  // md4c 0.5.2 can leave a span it never entered (a link inside an image's alt text with
  // unbalanced brackets: "leave A" comes before its "enter A"), so nothing here assumes
  // the callbacks are balanced: counters stop at zero and an empty link stack is kept.
  static void leave(int& depth) {
    if (depth > 0) --depth;
  }

  int leave_span(MD_SPANTYPE type, void*) {
    can_merge_ = false;
    switch (type) {
      case MD_SPAN_EM:
        leave(italic_);
        break;
      case MD_SPAN_STRONG:
        leave(bold_);
        break;
      case MD_SPAN_DEL:
        leave(strike_);
        break;
      case MD_SPAN_CODE:
        leave(code_);
        break;
      case MD_SPAN_A:
        if (!link_stack_.empty()) {
          link_ = link_stack_.back();
          link_stack_.pop_back();
        }
        break;
      case MD_SPAN_IMG:
        if (image_depth_ == 0) break;
        if (--image_depth_ == 0) {
          Span s;
          s.kind = SpanKind::Image;
          s.style = style();
          s.link = image_link_;
          s.offset = image_text_begin_;
          s.size = uint32_t(doc_.text.size() - image_text_begin_);
          s.source_offset = uint32_t(image_source_ >= 0 ? size_t(image_source_) : image_start_);
          doc_.spans.push_back(s);
        }
        break;
      default:
        break;
    }
    return 0;
  }

  // md4c gives an image no position. Its text has none before the alt text (empty alt
  // text has none at all), so its place is the first "![" not yet read, just after it,
  // looked for on the next few lines; the cursor when there is none.
  size_t image_alt_start() const {
    constexpr size_t kWindow = 1024;
    if (cursor_ >= input_.size()) return cursor_;
    const std::string_view rest = input_.substr(cursor_, kWindow);
    const size_t at = rest.find("![");
    return at == std::string_view::npos ? cursor_ : cursor_ + at + 2;
  }

  int32_t add_link(const MD_ATTRIBUTE& url, const MD_ATTRIBUTE& title) {
    Link link;
    link.url = decode_attribute(url);
    link.title = decode_attribute(title);
    link.allowed = url_allowed(link.url);
    doc_.links.push_back(std::move(link));
    return int32_t(doc_.links.size() - 1);
  }

  uint8_t style() const {
    return uint8_t((bold_ ? kBold : 0) | (italic_ ? kItalic : 0) | (strike_ ? kStrike : 0) |
                   (code_ ? kCode : 0));
  }

  // --- Text ---------------------------------------------------------------------------

  int text(MD_TEXTTYPE type, const MD_CHAR* p, MD_SIZE n) {
    ensure_text_block();
    switch (type) {
      case MD_TEXT_NULLCHAR: {
        // md4c hands over a static string; the NUL itself is the next one in the input.
        const void* nul = cursor_ < input_.size()
                              ? std::memchr(input_.data() + cursor_, 0, input_.size() - cursor_)
                              : nullptr;
        const size_t at = nul ? size_t(static_cast<const char*>(nul) - input_.data()) : cursor_;
        add_decoded(SpanKind::Text, kReplacement, at, at + 1);
        break;
      }
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR:
        if (image_depth_) {
          doc_.text += ' ';  // alt text is one line
        } else {
          // md4c passes a static "\n"; the break is the end of the line the cursor is on.
          const size_t at = line_end(cursor_);
          add_decoded(type == MD_TEXT_BR ? SpanKind::HardBreak : SpanKind::SoftBreak, "\n", at,
                      next_line(at));
        }
        break;
      case MD_TEXT_ENTITY: {
        const size_t at = in_input(p) ? size_t(p - input_.data()) : cursor_;
        const size_t before = doc_.text.size();
        append_entity(doc_.text, {p, n});
        finish_decoded(SpanKind::Text, before, at, at + n);
        break;
      }
      default:  // normal text, code, and (never with our flags) raw HTML: all verbatim
        add_verbatim(p, n);
        break;
    }
    return 0;
  }

  // Text copied byte for byte. md4c's runs point into the input except for a few static
  // strings (code indentation, "\n" at code line ends); those that match the input at the
  // cursor are treated as input so code blocks stay one span per source-contiguous run.
  void add_verbatim(const char* p, size_t n) {
    size_t at;
    if (in_input(p)) {
      at = size_t(p - input_.data());
    } else if (cursor_ + n <= input_.size() && std::memcmp(input_.data() + cursor_, p, n) == 0) {
      at = cursor_;
    } else {
      // Not input text (indentation md4c re-creates): belongs to no source bytes.
      add_decoded(SpanKind::Text, {p, n}, cursor_, cursor_);
      return;
    }
    std::string_view run(input_.data() + at, n);
    if (at + n <= input_valid_) {  // the usual case: checked once for the whole input
      add_exact(run.data(), n, at);
      return;
    }
    while (!run.empty()) {
      const size_t good = utf8::valid_prefix(run);
      if (good) add_exact(run.data(), good, at);
      if (good == run.size()) break;
      // Each invalid byte becomes its own U+FFFD span, so offsets inside exact spans stay exact.
      add_decoded(SpanKind::Text, kReplacement, at + good, at + good + 1);
      run.remove_prefix(good + 1);
      at += good + 1;
    }
  }

  // A run whose decoded bytes equal the input bytes at `at`; merged into the previous span
  // when it continues it in the source with the same style and link.
  void add_exact(const char* p, size_t n, size_t at) {
    resolve_pending_for_text(at);
    if (image_depth_) {
      if (image_source_ < 0) image_source_ = int64_t(at);
      doc_.text.append(p, n);
    } else if (can_merge_ && doc_.spans.back().style == style() &&
               doc_.spans.back().link == link_ &&
               doc_.spans.back().source_offset + doc_.spans.back().size == at) {
      doc_.text.append(p, n);
      doc_.spans.back().size += uint32_t(n);
    } else {
      push_span(SpanKind::Text, doc_.text.size(), n, at);
      doc_.text.append(p, n);
      can_merge_ = true;
    }
    cursor_ = at + n;
  }

  // Text that differs from its source (entities, U+FFFD, breaks): always a span of its own.
  void add_decoded(SpanKind kind, std::string_view decoded, size_t at, size_t source_end) {
    const size_t before = doc_.text.size();
    doc_.text.append(decoded.data(), decoded.size());
    finish_decoded(kind, before, at, source_end);
  }

  void finish_decoded(SpanKind kind, size_t text_begin, size_t at, size_t source_end) {
    resolve_pending_for_text(at);
    if (image_depth_) {
      if (image_source_ < 0) image_source_ = int64_t(at);
    } else {
      push_span(kind, text_begin, doc_.text.size() - text_begin, at);
    }
    can_merge_ = false;
    if (source_end > cursor_) cursor_ = source_end < input_.size() ? source_end : input_.size();
  }

  void push_span(SpanKind kind, size_t offset, size_t size, size_t at) {
    Span s;
    s.kind = kind;
    s.style = style();
    s.link = kind == SpanKind::Text ? link_ : -1;
    s.offset = uint32_t(offset);
    s.size = uint32_t(size);
    s.source_offset = uint32_t(at);
    doc_.spans.push_back(s);
  }

  bool in_input(const char* p) const {
    const auto a = reinterpret_cast<uintptr_t>(p);
    const auto begin = reinterpret_cast<uintptr_t>(input_.data());
    return a >= begin && a < begin + input_.size();
  }

  // --- Block source offsets ---------------------------------------------------------------
  // md4c reports no positions for blocks, only for text. A block therefore takes its
  // position from the first text inside it (the start of that line, after indentation;
  // table cells the text itself). Blocks without text (rules, empty items, fenced code
  // fences) take the first non-blank line after the text seen so far. open_[pending_from_..]
  // are the open blocks still waiting for a position.

  void resolve_pending_for_text(size_t at) {
    if (pending_from_ >= open_.size()) return;
    size_t line = at;
    while (line > 0 && input_[line - 1] != '\n' && input_[line - 1] != '\r') --line;
    while (line < at && (input_[line] == ' ' || input_[line] == '\t')) ++line;
    resolve_pending(line, at);
  }

  void resolve_pending(size_t line, size_t at) {
    for (size_t i = pending_from_; i < open_.size(); ++i) {
      Block& b = doc_.blocks[open_[i]];
      const bool cell = b.kind == BlockKind::TableCell || b.kind == BlockKind::TableHeaderCell;
      b.source_offset = uint32_t(cell ? at : line);
    }
    pending_from_ = open_.size();
  }

  size_t line_end(size_t pos) const {
    while (pos < input_.size() && input_[pos] != '\n' && input_[pos] != '\r') ++pos;
    return pos;
  }

  size_t next_line(size_t pos) const {
    pos = line_end(pos);
    if (pos < input_.size() && input_[pos] == '\r') ++pos;
    if (pos < input_.size() && input_[pos] == '\n') ++pos;
    return pos;
  }

  // First non-blank line not yet consumed, at its first non-space byte.
  size_t next_block_line() {
    size_t pos = at_line_start(cursor_) ? cursor_ : next_line(cursor_);
    for (;;) {
      size_t k = pos;
      while (k < input_.size() && (input_[k] == ' ' || input_[k] == '\t')) ++k;
      if (k >= input_.size()) return pos;
      if (input_[k] != '\n' && input_[k] != '\r') return k;
      pos = next_line(k);
    }
  }

  bool at_line_start(size_t pos) const {
    return pos == 0 || input_[pos - 1] == '\n' || input_[pos - 1] == '\r';
  }

  template <class Test>
  void skip_line_if(Test test) {
    const size_t begin = at_line_start(cursor_) ? cursor_ : next_line(cursor_);
    const size_t end = line_end(begin);
    if (begin < input_.size() && test(input_.substr(begin, end - begin))) cursor_ = end;
  }

  // Line content after container markers ("> ", indentation).
  static std::string_view strip_prefix(std::string_view line) {
    size_t k = 0;
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t' || line[k] == '>')) ++k;
    return line.substr(k);
  }

  static bool is_fence_line(std::string_view line) {
    line = strip_prefix(line);
    size_t k = 0;
    while (k < line.size() && (line[k] == '`' || line[k] == '~')) ++k;
    return k >= 3;
  }

  static bool is_setext_underline(std::string_view line) {
    line = strip_prefix(line);
    if (line.empty() || (line[0] != '=' && line[0] != '-')) return false;
    for (char c : line)
      if (c != line[0] && c != ' ' && c != '\t') return false;
    return true;
  }

  bool is_atx_heading_line(size_t offset) const {
    if (offset >= input_.size()) return false;
    const std::string_view rest = strip_prefix(input_.substr(offset, 64));
    return !rest.empty() && rest[0] == '#';
  }

  // md4c stopped early (it only does so when out of memory): return what was built, closed.
  void recover() {
    if (doc_.blocks.empty()) {
      Block root;
      root.kind = BlockKind::Document;
      doc_.blocks.push_back(root);
      open_.push_back(0);
    }
    close_implicit_paragraph();
    while (!open_.empty()) close_block();
  }

  std::string_view input_;
  Utf8Check check_;
  size_t input_valid_ = 0;  // input_[0, input_valid_) is valid UTF-8 (or taken as such)
  Document doc_;

  std::vector<uint32_t> open_;  // indices of the open blocks, outermost first
  size_t pending_from_ = 0;
  bool implicit_paragraph_ = false;
  bool fenced_code_ = false;

  int bold_ = 0, italic_ = 0, strike_ = 0, code_ = 0;
  int32_t link_ = -1;
  std::vector<int32_t> link_stack_;

  int image_depth_ = 0;
  int32_t image_link_ = -1;
  uint32_t image_text_begin_ = 0;
  int64_t image_source_ = -1;
  size_t image_start_ = 0;  // just after the image's "![", as far as it could be found

  size_t cursor_ = 0;       // input offset just past the last text seen
  bool can_merge_ = false;  // the last span is exact text of the current block ending at cursor_
};

}  // namespace

Document parse_markdown(std::string_view markdown, Utf8Check check) {
  return MarkdownParser(markdown, check).parse();
}

}  // namespace press::core

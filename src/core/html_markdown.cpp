// HTML tree -> blocks (html_import_blocks.h) -> Markdown. The walk below decides what is
// kept; html_import_write.cpp decides how it is written.
#include "core/html_markdown.h"

#include <algorithm>

#include "core/guard_text.h"
#include "core/html_import_blocks.h"
#include "core/html_import_rules.h"
#include "core/html_import_style.h"
#include "core/url_policy.h"
#include "core/utf8.h"

namespace press::core {

namespace {

using guard_text::equals_ci;
using guard_text::starts_with_ci;
using html_import::Block;
using html_import::Blocks;
using html_import::ClassLooks;
using html_import::Run;
using html_import::StyleLook;
using html_import::TableCell;
using namespace html_import;  // the element and text rules (html_import_rules.h)

class Converter {
 public:
  explicit Converter(const HtmlTree& tree) : tree_(tree) {}

  HtmlImport run() {
    prepare(tree_.root);
    visit(tree_.root);
    finish_block();
    take_title();
    result_.markdown = html_import::write_markdown(blocks_, result_.images);
    result_.truncated = tree_.truncated;
    return std::move(result_);
  }

 private:
  // The style sheets and the <title>, before the walk: a class rule applies to elements
  // above it in the document as well.
  void prepare(const HtmlNode& node) {
    for (const HtmlNode& child : node.children) {
      if (child.type != HtmlNode::Type::Element) continue;
      if (child.name == "style") {
        std::string css;
        gather_text(child, css);
        classes_.add_style_sheet(css);
      } else if (child.name == "title") {
        if (result_.title.empty()) {
          std::string text;
          gather_text(child, text);
          result_.title = collapse(text);
        }
      } else {
        prepare(child);
      }
    }
  }

  // ---- The walk -------------------------------------------------------------------------
  void visit(const HtmlNode& node) {
    for (const HtmlNode& child : node.children) {
      switch (child.type) {
        case HtmlNode::Type::Text:
          add_text(child.text);
          break;
        case HtmlNode::Type::Comment:
          break;
        case HtmlNode::Type::Element:
          visit_element(child);
          break;
      }
    }
  }

  void visit_element(const HtmlNode& node) {
    const std::string_view name = node.name;
    if (is_dropped(name)) return;
    if (name == "del" || name == "ins") {  // Word's tracked changes: deletions go
      const std::string* cls = node.attribute("class");
      if (name == "del" && cls && equals_ci(*cls, "msoDel")) return;
    }
    StyleLook look;
    if (const std::string* cls = node.attribute("class"))
      look = classes_.look_of_classes(name, *cls);
    if (const std::string* style = node.attribute("style")) {
      const StyleLook inline_look = html_import::look_of_style(*style);
      if (inline_look.bold != StyleLook::Inherit) look.bold = inline_look.bold;
      if (inline_look.italic != StyleLook::Inherit) look.italic = inline_look.italic;
      if (inline_look.strike != StyleLook::Inherit) look.strike = inline_look.strike;
      look.hidden = look.hidden || inline_look.hidden;
      look.list_marker = inline_look.list_marker;
      look.list_level = inline_look.list_level;
      look.list_id = inline_look.list_id;
      look.outline_level = inline_look.outline_level;
    }
    if (node.attribute("hidden")) look.hidden = true;
    if (look.hidden) return;
    if (look.list_marker) {  // Word's "1." or bullet of a fake list item
      if (marker_depth_++ == 0) marker_.clear();
      visit(node);
      --marker_depth_;
      return;
    }
    if (pre_depth_ > 0) {  // inside <pre> only text and line breaks count
      if (name == "br")
        add_text("\n");
      else
        visit(node);
      return;
    }

    const uint8_t saved_look = look_;
    const int saved_link = link_;
    apply(look, node);

    if (name == "br") {
      line_break();
    } else if (name == "img") {
      image(node);
    } else if (name == "hr") {
      finish_block();
      push_block(Block::Kind::Rule);
      finish_block();
    } else if (name == "a") {
      link(node);
      visit(node);
    } else if (const int level = heading_level(name)) {
      heading(node, level);
    } else if (name == "p" && look.outline_level > 0) {
      heading(node, look.outline_level);
    } else if (name == "p" && look.list_level > 0 && soft_ == 0) {
      word_list_paragraph(node, look);
    } else if (name == "ul" || name == "ol" || name == "menu") {
      list(node, name == "ol");
    } else if (name == "li") {
      list_item(node);
    } else if (name == "table") {
      table(node);
    } else if (name == "blockquote") {
      finish_block();
      ++quote_;
      visit(node);
      finish_block();
      --quote_;
    } else if (name == "pre") {
      finish_block();
      push_block(Block::Kind::Code);
      ++pre_depth_;
      visit(node);
      --pre_depth_;
      finish_block();
    } else if (name == "td" || name == "th") {  // a cell outside any table
      block_boundary();
      visit(node);
      block_boundary();
    } else if (is_block(name)) {
      const bool title = name == "p" && is_title_paragraph(node);
      block_boundary();
      if (soft_ == 0 && (title || is_centered(node))) {
        if (title) title_block_ = blocks_.blocks.size();
        push_block(Block::Kind::Paragraph).centered = true;
      }
      visit(node);
      block_boundary();
    } else {
      visit(node);  // inline: span, font, b, i, u, sup, o:p, unknown tags
    }
    look_ = saved_look;
    link_ = saved_link;
  }

  void apply(const StyleLook& look, const HtmlNode& node) {
    const std::string_view name = node.name;
    if (name == "b" || name == "strong") look_ |= html_import::kBold;
    if (name == "i" || name == "em" || name == "cite" || name == "dfn" || name == "var")
      look_ |= html_import::kItalic;
    if (name == "s" || name == "strike" || name == "del") look_ |= html_import::kStrike;
    if (name == "code" || name == "kbd" || name == "samp" || name == "tt")
      look_ |= html_import::kCode;
    auto set = [&](StyleLook::Tri tri, uint8_t flag) {
      if (tri == StyleLook::On) look_ |= flag;
      if (tri == StyleLook::Off) look_ &= uint8_t(~flag);
    };
    set(look.bold, html_import::kBold);
    set(look.italic, html_import::kItalic);
    set(look.strike, html_import::kStrike);
  }

  static bool is_centered(const HtmlNode& node) {
    const std::string* align = node.attribute("align");
    if (align && equals_ci(*align, "center")) return true;
    const std::string* style = node.attribute("style");
    return style && equals_ci(html_import::style_value(*style, "text-align"), "center");
  }

  static bool is_title_paragraph(const HtmlNode& node) {
    const std::string* cls = node.attribute("class");
    return cls && equals_ci(*cls, "MsoTitle");
  }

  // ---- Blocks ---------------------------------------------------------------------------
  Block& push_block(Block::Kind kind) {
    finish_block();
    blocks_.blocks.emplace_back();
    Block& block = blocks_.blocks.back();
    block.kind = kind;
    block.quote = quote_;
    open_ = true;
    last_char_ = 0;
    pending_space_ = Space::None;
    return block;
  }

  Block& current() {
    if (!open_) push_block(Block::Kind::Paragraph);
    return blocks_.blocks.back();
  }

  // A block element's edge: a new paragraph, or only a space inside a list item, a
  // heading or a table cell, whose text stays on one line.
  void block_boundary() {
    if (soft_ > 0) {
      if (open_ && last_char_ != 0) pending_space_ = Space::Space;
      return;
    }
    finish_block();
  }

  void line_break() {
    if (pre_depth_ > 0) return add_text("\n");
    block_boundary();
  }

  void finish_block() {
    if (!open_) return;
    open_ = false;
    Block& block = blocks_.blocks.back();
    trim(block);
    if (block.kind == Block::Kind::Paragraph) typed_list_item(block);
    if (block.kind == Block::Kind::Code) {
      if (block.code.find_first_not_of(" \n\t") == std::string::npos) blocks_.blocks.pop_back();
      return;
    }
    const bool empty = block.kind != Block::Kind::Rule && block.kind != Block::Kind::Table &&
                       std::none_of(block.runs.begin(), block.runs.end(), [](const Run& r) {
                         return r.kind == Run::Kind::Image || !r.text.empty();
                       });
    if (empty || (block.kind == Block::Kind::Table && block.rows.empty()) || caption(block)) {
      if (title_block_ == blocks_.blocks.size() - 1) title_block_ = kNone;
      blocks_.blocks.pop_back();
    }
  }

  // A short centred line right under a picture is its caption, as Word, WPS and news
  // pages set them: it becomes the picture's caption (the portal's figure caption).
  bool caption(const Block& block) {
    const size_t index = blocks_.blocks.size() - 1;
    if (block.kind != Block::Kind::Paragraph || !block.centered || index == 0 ||
        title_block_ == index)
      return false;
    const Block& previous = blocks_.blocks[index - 1];
    if (previous.kind != Block::Kind::Paragraph || previous.runs.size() != 1 ||
        previous.runs[0].kind != Run::Kind::Image || previous.quote != block.quote)
      return false;
    std::string text;
    for (const Run& run : block.runs) {
      if (run.kind != Run::Kind::Text || run.link >= 0) return false;
      text += run.text;
    }
    ImportedImage& image = result_.images[size_t(previous.runs[0].image)];
    if (!image.caption.empty() || utf8::count_code_points(text) > 80) return false;
    image.caption = collapse(text);
    return true;
  }

  // Leading spaces and the full-width spaces Word indents with; trailing spaces.
  static void trim(Block& block) {
    auto& runs = block.runs;
    while (!runs.empty() && runs.front().kind == Run::Kind::Text) {
      std::string& text = runs.front().text;
      size_t i = 0;
      while (i < text.size()) {
        size_t next = i;
        const char32_t cp = utf8::decode(text, next);
        if (cp != ' ' && cp != 0x3000) break;
        i = next;
      }
      text.erase(0, i);
      if (!text.empty()) break;
      runs.erase(runs.begin());
    }
    while (!runs.empty() && runs.back().kind == Run::Kind::Text) {
      std::string& text = runs.back().text;
      while (!text.empty() && text.back() == ' ') text.pop_back();
      if (!text.empty()) break;
      runs.pop_back();
    }
  }

  // A paragraph typed as a list item ("● text", "1. text") in a document that has no list.
  void typed_list_item(Block& block) {
    if (block.quote != 0 || block.runs.empty() || block.runs.front().kind != Run::Kind::Text)
      return;
    std::string& text = block.runs.front().text;
    size_t i = 0;
    const char32_t first = utf8::decode(text, i);
    int number = 0;
    size_t end = 0;
    if (is_bullet(first)) {
      end = i;
    } else {
      size_t d = 0;
      while (d < text.size() && d < 3 && text[d] >= '0' && text[d] <= '9')
        number = number * 10 + (text[d++] - '0');
      // "1." then text; not "1.5亿" (a decimal point), "2024. 年份" (a year), "1.。"
      if (d == 0 || d > 2 || d >= text.size() || text[d] != '.' || number == 0) return;
      end = d + 1;
      while (end < text.size() && text[end] == ' ') ++end;
      size_t after = end;
      if (after >= text.size() || (text[after] >= '0' && text[after] <= '9')) return;
      const char32_t next = utf8::decode(text, after);
      if (!guard_text::is_han(next) && !((next | 0x20) >= 'a' && (next | 0x20) <= 'z')) return;
    }
    while (end < text.size() && text[end] == ' ') ++end;
    if (end >= text.size() && block.runs.size() == 1) return;  // a marker alone
    text.erase(0, end);
    if (text.empty()) block.runs.erase(block.runs.begin());
    make_list_item(block, 1, number > 0, number > 0 ? number : 1, "typed");
  }

  // Consecutive items of one source list share a list number; others start a new list.
  void make_list_item(Block& block, int level, bool ordered, int number,
                      const std::string& source) {
    const size_t index = blocks_.blocks.size() - 1;
    const Block* previous = index > 0 ? &blocks_.blocks[index - 1] : nullptr;
    const bool continues = previous && previous->kind == Block::Kind::ListItem &&
                           previous->quote == block.quote && source == list_source_;
    block.kind = Block::Kind::ListItem;
    block.level = level;
    block.ordered = ordered;
    block.number = number;
    if (!continues) ++list_count_;
    block.list = list_count_;
    list_source_ = source;
  }

  void heading(const HtmlNode& node, int level) {
    finish_block();
    push_block(Block::Kind::Heading).level = level;
    if (first_heading_ == kNone) first_heading_ = blocks_.blocks.size() - 1;
    ++soft_;
    look_ &= uint8_t(~html_import::kBold);  // a heading is bold already
    heading_depth_++;
    visit(node);
    heading_depth_--;
    --soft_;
    finish_block();
  }

  void word_list_paragraph(const HtmlNode& node, const StyleLook& look) {
    finish_block();
    push_block(Block::Kind::Paragraph);
    const size_t index = blocks_.blocks.size() - 1;
    marker_.clear();
    visit(node);
    if (!open_ || blocks_.blocks.size() - 1 != index) {  // a picture split it
      finish_block();
      return;
    }
    const int number = marker_number(marker_);
    make_list_item(blocks_.blocks.back(), look.list_level, number != 0, number > 0 ? number : 1,
                   "word:" + look.list_id);
    finish_block();
  }

  void list(const HtmlNode& node, bool ordered) {
    finish_block();
    int start = 1;
    if (const std::string* s = node.attribute("start")) {
      int n = 0;
      for (char c : *s)
        if (c >= '0' && c <= '9' && n < 100'000) n = n * 10 + (c - '0');
      if (n > 0) start = n;
    }
    lists_.push_back({ordered, start, ++list_count_});
    const int saved_soft = soft_;
    soft_ = 0;  // a list in a list item ends the item's line
    visit(node);
    soft_ = saved_soft;
    finish_block();
    lists_.pop_back();
  }

  void list_item(const HtmlNode& node) {
    finish_block();
    ListFrame frame = lists_.empty() ? ListFrame{false, 1, ++list_count_} : lists_.back();
    Block& block = push_block(Block::Kind::ListItem);
    block.level = int(std::max<size_t>(lists_.size(), 1));
    block.ordered = frame.ordered;
    block.number = frame.next;
    block.list = lists_.empty() ? frame.list : lists_.front().list;
    if (!lists_.empty()) lists_.back().next++;
    ++soft_;
    visit(node);
    --soft_;
    finish_block();
  }

  struct ListFrame {
    bool ordered;
    int next;
    int list;
  };

  // ---- Tables -----------------------------------------------------------------------------
  void table(const HtmlNode& node) {
    finish_block();
    std::vector<const HtmlNode*> rows;
    collect_rows(node, rows, 0);
    size_t cell_count = 0;
    for (const HtmlNode* row : rows) cell_count += cells_of(*row).size();
    if (cell_count <= 1 || holds_blocks(node, 0) || soft_ > 0) {  // layout: its content only
      const int saved_soft = soft_;
      soft_ = 0;
      visit(node);
      soft_ = saved_soft;
      finish_block();
      return;
    }
    std::vector<std::vector<TableCell>> grid =
        html_import::table_grid(rows, [this](const HtmlNode& cell) { return cell_runs(cell); });
    if (grid.empty()) return;
    for (TableCell& cell : grid.front())  // the header row is bold already
      for (Run& run : cell.runs) run.look &= uint8_t(~html_import::kBold);
    Block& block = push_block(Block::Kind::Table);
    block.rows = std::move(grid);
    open_ = false;
  }

  std::vector<Run> cell_runs(const HtmlNode& cell) {
    push_block(Block::Kind::Paragraph);
    const size_t index = blocks_.blocks.size() - 1;
    ++soft_;
    visit(cell);
    --soft_;
    Block& block = blocks_.blocks[index];
    trim(block);
    std::vector<Run> runs = std::move(block.runs);
    blocks_.blocks.resize(index);
    open_ = false;
    return runs;
  }

  // ---- Inline content -------------------------------------------------------------------
  void link(const HtmlNode& node) {
    const std::string* href = node.attribute("href");
    if (!href) return;  // an anchor (Word's _Toc bookmarks)
    const std::string url = collapse(*href);
    if (url.empty() || url[0] == '#') return;  // a jump within the copied page
    const bool absolute = starts_with_ci(url, 0, "http://") || starts_with_ci(url, 0, "https://") ||
                          starts_with_ci(url, 0, "mailto:");
    if (!absolute || !url_allowed(url)) {
      ++result_.dropped_links;
      link_ = -1;
      return;
    }
    blocks_.links.push_back(url);
    link_ = int(blocks_.links.size() - 1);
  }

  void image(const HtmlNode& node) {
    const std::string* data_src = node.attribute("data-src");
    const std::string* src = node.attribute("src");
    std::string url = collapse(data_src && !data_src->empty() ? *data_src : src ? *src : "");
    if (url.empty()) return;
    auto size_attr = [&](std::string_view name) {
      const std::string* v = node.attribute(name);
      if (!v) return -1;
      int n = 0;
      for (char c : *v) {
        if (c < '0' || c > '9') break;
        if (n < 100'000) n = n * 10 + (c - '0');
      }
      return n;
    };
    const int width = size_attr("width"), height = size_attr("height");
    if ((width >= 0 && width <= 1) || (height >= 0 && height <= 1)) return;  // a tracking pixel
    ImportedImage image;
    if (starts_with_ci(url, 0, "data:")) {
      if (!starts_with_ci(url, 0, "data:image/") || starts_with_ci(url, 0, "data:image/svg"))
        return;  // lazy-loading placeholders, and nothing a page may show as a picture
      image.source = ImportedImage::Source::Data;
    } else if (starts_with_ci(url, 0, "file:")) {
      image.source = ImportedImage::Source::Local;
      image.local_index = local_images_++;
    } else if (starts_with_ci(url, 0, "http://") || starts_with_ci(url, 0, "https://")) {
      image.source = ImportedImage::Source::Remote;
    } else if (starts_with_ci(url, 0, "//")) {
      image.source = ImportedImage::Source::Remote;
      url = "https:" + url;
    } else if (starts_with_ci(url, 0, "docx:")) {
      image.source = ImportedImage::Source::Part;
    }
    image.src = std::move(url);
    if (const std::string* alt = node.attribute("alt")) image.alt = collapse(*alt);
    // WeChat's and many CMSs' alt says nothing about the picture; an honest empty alt
    // lets the accessibility check ask for a real one.
    if (image.alt == "图片" || equals_ci(image.alt, "image") || equals_ci(image.alt, "img"))
      image.alt.clear();
    if (const std::string* title = node.attribute("title")) image.caption = collapse(*title);
    result_.images.push_back(std::move(image));

    Run run;
    run.kind = Run::Kind::Image;
    run.image = int(result_.images.size() - 1);
    run.link = link_;
    if (soft_ > 0 || marker_depth_ > 0) {  // inline in a cell, an item or a heading
      flush_space();
      current().runs.push_back(std::move(run));
      last_char_ = 'x';
      return;
    }
    // Elsewhere a picture is a paragraph of its own (a figure in the portal).
    finish_block();
    push_block(Block::Kind::Paragraph).runs.push_back(std::move(run));
    finish_block();
  }

  enum class Space : uint8_t { None, Space, Newline };

  void flush_space() {
    if (pending_space_ != Space::None && open_ && last_char_ != 0) append(" ");
    pending_space_ = Space::None;
  }

  void add_text(std::string_view text) {
    if (marker_depth_ > 0) {
      marker_ += text;
      return;
    }
    if (pre_depth_ > 0) {
      Block& block = current();
      for (size_t i = 0; i < text.size();) {
        const char32_t cp = utf8::decode(text, i);
        if (cp == '\r') continue;
        if (cp == 0xA0)
          block.code += ' ';
        else if (cp == '\n' || cp == '\t' || !is_invisible(cp))
          utf8::append(block.code, cp);
      }
      return;
    }
    current();  // opening the block resets the spacing state, so before reading any
    std::string piece;
    for (size_t i = 0; i < text.size();) {
      const char32_t cp = utf8::decode(text, i);
      if (is_collapsible_space(cp)) {
        if (cp == '\n' && pending_space_ == Space::None)
          pending_space_ = Space::Newline;
        else if (cp != '\n' && cp != '\r')
          pending_space_ = Space::Space;
        continue;
      }
      if (is_invisible(cp)) continue;
      if (pending_space_ != Space::None) {
        // Word wraps its HTML source at 80 columns, also between two Chinese characters:
        // that line end is no space in the text.
        const bool joins = pending_space_ == Space::Newline &&
                           guard_text::is_chinese_context(last_char_) &&
                           guard_text::is_chinese_context(cp);
        if (last_char_ != 0 && !joins) piece += ' ';
        pending_space_ = Space::None;
      }
      utf8::append(piece, cp);
      last_char_ = cp;
    }
    if (!piece.empty()) append(piece);
  }

  void append(std::string_view piece) {
    Block& block = current();
    const uint8_t look = heading_depth_ > 0 ? uint8_t(look_ & ~html_import::kBold) : look_;
    if (!block.runs.empty() && block.runs.back().kind == Run::Kind::Text &&
        block.runs.back().look == look && block.runs.back().link == link_) {
      block.runs.back().text += piece;
    } else {
      Run run;
      run.text = std::string(piece);
      run.look = look;
      run.link = link_;
      block.runs.push_back(std::move(run));
    }
    if (last_char_ == 0) last_char_ = ' ';
  }

  // ---- The title ------------------------------------------------------------------------
  // The <title>, else Word's title paragraph, else a document's one top heading at its
  // start; a title found in the body leaves it (the portal shows the title above it) and
  // is offered as title_markdown for a caller that keeps the article's own title.
  void take_title() {
    size_t from_body = title_block_;
    if (from_body == kNone && first_heading_ == 0 && !blocks_.blocks.empty() &&
        blocks_.blocks[0].kind == Block::Kind::Heading) {
      const int level = blocks_.blocks[0].level;
      const auto same = std::count_if(
          blocks_.blocks.begin(), blocks_.blocks.end(),
          [&](const Block& b) { return b.kind == Block::Kind::Heading && b.level <= level; });
      if (same == 1) from_body = 0;
    }
    // WPS and many Word users set the title as a centred bold line of Normal style.
    if (from_body == kNone && result_.title.empty() && !blocks_.blocks.empty()) {
      const Block& first = blocks_.blocks[0];
      size_t length = 0;
      const bool bold = first.kind == Block::Kind::Paragraph && first.centered &&
                        !first.runs.empty() &&
                        std::all_of(first.runs.begin(), first.runs.end(), [&](const Run& r) {
                          length += utf8::count_code_points(r.text);
                          return r.kind == Run::Kind::Text && r.link < 0 &&
                                 ((r.look & html_import::kBold) ||
                                  r.text.find_first_not_of(' ') == std::string::npos);
                        });
      if (bold && length <= 60) from_body = 0;
    }
    if (from_body == kNone || from_body >= blocks_.blocks.size()) return;
    Block title = std::move(blocks_.blocks[from_body]);
    blocks_.blocks.erase(blocks_.blocks.begin() + std::ptrdiff_t(from_body));
    std::string text;
    for (const Run& run : title.runs)
      if (run.kind == Run::Kind::Text) text += run.text;
    text = collapse(text);
    if (result_.title.empty()) result_.title = text;
    if (!text.empty()) result_.title_markdown = "## " + escape_markdown_text(text) + "\n";
  }

  static constexpr size_t kNone = size_t(-1);

  const HtmlTree& tree_;
  HtmlImport result_;
  Blocks blocks_;
  ClassLooks classes_;
  bool open_ = false;  // blocks_.blocks.back() still takes text
  uint8_t look_ = 0;
  int link_ = -1;
  int soft_ = 0, pre_depth_ = 0, marker_depth_ = 0, heading_depth_ = 0;
  int quote_ = 0;
  Space pending_space_ = Space::None;
  char32_t last_char_ = 0;  // the last character of the open block, 0 before its first
  std::string marker_;      // the text of Word's list marker in the current paragraph
  std::vector<ListFrame> lists_;
  int list_count_ = 0;
  std::string list_source_;
  int local_images_ = 0;
  size_t title_block_ = kNone, first_heading_ = kNone;
};

}  // namespace

HtmlImport html_to_markdown(const HtmlTree& tree) {
  return Converter(tree).run();
}

}  // namespace press::core

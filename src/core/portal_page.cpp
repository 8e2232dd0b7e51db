// Portal HTML writer: Document -> body fragment, Article + site -> the full article page
// (which parts the page shows is decided by page_layout.cpp; head, breadcrumb and footer
// markup is page_html.cpp's, shared with the list pages).
//
// Output is byte-stable: the same input always gives the same bytes, so `press render`,
// the server and the tests can compare pages. Every string that came from a user goes
// through append_escaped_html (text) or append_url (href/src).
#include "core/portal_page.h"

#include <cstdint>
#include <cstring>

#include "core/memory_hints.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/body_media.h"
#include "core/media.h"
#include "core/page_html.h"

namespace press::core {

namespace {

void append(std::string& out, std::string_view s) {
  out.append(s.data(), s.size());
}

// Replacement for each byte that must not appear raw in HTML text or attributes.
struct EscapeTable {
  std::string_view replacement[256] = {};
  constexpr EscapeTable() {
    replacement[(unsigned char)'&'] = "&amp;";
    replacement[(unsigned char)'<'] = "&lt;";
    replacement[(unsigned char)'>'] = "&gt;";
    replacement[(unsigned char)'"'] = "&quot;";
    replacement[(unsigned char)'\''] = "&#39;";
  }
};
constexpr EscapeTable kEscape;

// Ensures the output is at the start of a line before a block tag (cmark's "cr").
void line_start(std::string& out) {
  if (!out.empty() && out.back() != '\n') out += '\n';
}

// Absolute targets (with a scheme, or "//host") open in a new tab.
bool is_absolute_url(std::string_view url) {
  const size_t k = url.find_first_of(":/\\?#");
  if (k == std::string_view::npos) return false;
  if (url[k] == ':') return true;
  return k == 0 && url.size() > 1 && (url[1] == '/' || url[1] == '\\');
}

// A link or image target: a media reference as its /media/ URL (see page_url()).
void append_target(std::string& out, std::string_view url) {
  if (is_media_path(url)) {
    if (const std::optional<MediaRef> ref = parse_media_ref(url)) {
      append_url(out, media_url(*ref));
      return;
    }
  }
  append_url(out, url);
}

void append_link_open(std::string& out, const Link& link) {
  append(out, "<a href=\"");
  append_target(out, link.url);
  out += '"';
  if (!link.title.empty()) {
    append(out, " title=\"");
    append_escaped_html(out, link.title);
    out += '"';
  }
  if (is_absolute_url(link.url)) append(out, " rel=\"noopener\" target=\"_blank\"");
  out += '>';
}

// Writes a text block's spans. Spans carry style bits and a link index rather than a tree,
// so the writer keeps a stack of open inline tags and, at each span, closes the tags the
// span no longer wants and opens the ones it lacks; the result is always well nested.
class InlineWriter {
 public:
  InlineWriter(std::string& out, const Document& doc) : out_(out), doc_(doc) {}

  void write(uint32_t begin, uint32_t end) {
    for (uint32_t i = begin; i < end; ++i) {
      const Span& s = doc_.spans[i];
      switch (s.kind) {
        case SpanKind::Text: {
          const bool linked = s.link >= 0 && size_t(s.link) < doc_.links.size() &&
                              doc_.links[size_t(s.link)].allowed;
          transition(s.style, linked ? s.link : -1);
          append_escaped_html(out_, doc_.span_text(s));
          break;
        }
        case SpanKind::SoftBreak:
          out_ += '\n';
          break;
        case SpanKind::HardBreak:
          append(out_, "<br>\n");
          break;
        case SpanKind::Image:
          write_image(s);
          break;
      }
    }
    transition(0, -1);
  }

 private:
  enum Tag : uint8_t { kTagA, kTagStrong, kTagEm, kTagDel, kTagCode };

  bool wanted(Tag t, uint8_t style, int32_t link) const {
    switch (t) {
      case kTagA:
        return link >= 0 && link == open_link_;
      case kTagStrong:
        return style & kBold;
      case kTagEm:
        return style & kItalic;
      case kTagDel:
        return style & kStrike;
      case kTagCode:
        return style & kCode;
    }
    return false;
  }

  bool is_open(Tag t) const {
    for (int i = 0; i < depth_; ++i)
      if (stack_[i] == t) return true;
    return false;
  }

  void transition(uint8_t style, int32_t link) {
    int keep = 0;
    while (keep < depth_ && wanted(stack_[keep], style, link)) ++keep;
    while (depth_ > keep) close(stack_[--depth_]);
    if (link >= 0 && !is_open(kTagA)) {
      open_link_ = link;
      append_link_open(out_, doc_.links[size_t(link)]);
      stack_[depth_++] = kTagA;
    }
    const Tag order[] = {kTagStrong, kTagEm, kTagDel, kTagCode};
    for (const Tag t : order)
      if (wanted(t, style, link) && !is_open(t)) open(t);
  }

  void open(Tag t) {
    static const char* const kOpen[] = {"", "<strong>", "<em>", "<del>", "<code>"};
    append(out_, kOpen[t]);
    stack_[depth_++] = t;
  }

  void close(Tag t) {
    static const char* const kClose[] = {"</a>", "</strong>", "</em>", "</del>", "</code>"};
    append(out_, kClose[t]);
    if (t == kTagA) open_link_ = -1;
  }

  // An image the policy refuses shows its alt text, as a browser does for a broken image.
  // An image inside a link stays inside it.
  void write_image(const Span& s) {
    const int32_t around = image_enclosing_link(doc_, s);
    transition(s.style, around >= 0 && doc_.links[size_t(around)].allowed ? around : -1);
    const bool valid = s.link >= 0 && size_t(s.link) < doc_.links.size();
    if (!valid || !doc_.links[size_t(s.link)].allowed) {
      append_escaped_html(out_, doc_.span_text(s));
      return;
    }
    const Link& src = doc_.links[size_t(s.link)];
    append(out_, "<img src=\"");
    append_target(out_, src.url);
    append(out_, "\" alt=\"");
    append_escaped_html(out_, doc_.span_text(s));
    out_ += '"';
    if (!src.title.empty()) {
      append(out_, " title=\"");
      append_escaped_html(out_, src.title);
      out_ += '"';
    }
    append(out_, " loading=\"lazy\">");
  }

  std::string& out_;
  const Document& doc_;
  Tag stack_[8] = {};
  int depth_ = 0;
  int32_t open_link_ = -1;
};

const char* align_style(Align a) {
  switch (a) {
    case Align::Left:
      return " style=\"text-align:left\"";
    case Align::Center:
      return " style=\"text-align:center\"";
    case Align::Right:
      return " style=\"text-align:right\"";
    default:
      return "";
  }
}

// Body headings sit under the page's <h1> title: Markdown "#" becomes <h2>.
int heading_tag_level(const Block& b) {
  const int level = b.level < 1 ? 1 : b.level;
  return level + 1 > 6 ? 6 : level + 1;
}

void open_block(std::string& out, const Document& doc, uint32_t index, bool tight) {
  const Block& b = doc.blocks[index];
  switch (b.kind) {
    case BlockKind::Document:
      break;
    case BlockKind::Paragraph:
      if (!tight) {
        line_start(out);
        append(out, "<p>");
      }
      break;
    case BlockKind::Heading:
      line_start(out);
      append(out, "<h");
      out += char('0' + heading_tag_level(b));
      out += '>';
      break;
    case BlockKind::Quote:
      line_start(out);
      append(out, "<blockquote>\n");
      break;
    case BlockKind::BulletList:
      line_start(out);
      append(out, "<ul>\n");
      break;
    case BlockKind::OrderedList:
      line_start(out);
      if (b.start == 1) {
        append(out, "<ol>\n");
      } else {
        append(out, "<ol start=\"");
        append(out, std::to_string(b.start));
        append(out, "\">\n");
      }
      break;
    case BlockKind::ListItem:
      line_start(out);
      append(out, "<li>");
      break;
    case BlockKind::CodeBlock:
      line_start(out);
      append(out, "<pre><code>");
      break;
    case BlockKind::ThematicBreak:
      line_start(out);
      append(out, "<hr>\n");
      break;
    case BlockKind::Table:
      line_start(out);
      append(out, "<table>\n");
      break;
    case BlockKind::TableHead:
      append(out, "<thead>\n");
      break;
    case BlockKind::TableBody:
      append(out, "<tbody>\n");
      break;
    case BlockKind::TableRow:
      append(out, "<tr>\n");
      break;
    case BlockKind::TableHeaderCell:
      append(out, "<th");
      append(out, align_style(b.align));
      out += '>';
      break;
    case BlockKind::TableCell:
      append(out, "<td");
      append(out, align_style(b.align));
      out += '>';
      break;
  }
}

void close_block(std::string& out, const Block& b, bool tight) {
  switch (b.kind) {
    case BlockKind::Document:
      break;
    case BlockKind::Paragraph:
      if (!tight) append(out, "</p>\n");
      break;
    case BlockKind::Heading:
      append(out, "</h");
      out += char('0' + heading_tag_level(b));
      append(out, ">\n");
      break;
    case BlockKind::Quote:
      line_start(out);
      append(out, "</blockquote>\n");
      break;
    case BlockKind::BulletList:
      line_start(out);
      append(out, "</ul>\n");
      break;
    case BlockKind::OrderedList:
      line_start(out);
      append(out, "</ol>\n");
      break;
    case BlockKind::ListItem:
      append(out, "</li>\n");
      break;
    case BlockKind::CodeBlock:
      append(out, "</code></pre>\n");
      break;
    case BlockKind::ThematicBreak:
      break;
    case BlockKind::Table:
      append(out, "</table>\n");
      break;
    case BlockKind::TableHead:
      append(out, "</thead>\n");
      break;
    case BlockKind::TableBody:
      append(out, "</tbody>\n");
      break;
    case BlockKind::TableRow:
      append(out, "</tr>\n");
      break;
    case BlockKind::TableHeaderCell:
      append(out, "</th>\n");
      break;
    case BlockKind::TableCell:
      append(out, "</td>\n");
      break;
  }
}

void write_code(std::string& out, const Document& doc, const Block& b) {
  for (uint32_t i = b.span_begin; i < b.span_end && i < doc.spans.size(); ++i)
    append_escaped_html(out, doc.span_text(doc.spans[i]));
}

void append_number(std::string& out, uint32_t n) {
  char digits[10];
  int k = 0;
  do {
    digits[k++] = char('0' + n % 10);
    n /= 10;
  } while (n);
  while (k) out += digits[--k];
}

// A figure of a catalogued image: its published sizes for the browser to choose from, its
// size (no layout shift), its caption; inside its link when it has one.
void write_figure(std::string& out, const Document& doc, const MediaFigure& fig) {
  line_start(out);
  append(out, "<figure class=\"press-figure\">");
  if (fig.link >= 0) append_link_open(out, doc.links[size_t(fig.link)]);
  append(out, "<img src=\"");
  append_url(out, fig.src);
  out += '"';
  if (!fig.srcset.empty()) {
    append(out, " srcset=\"");
    for (size_t i = 0; i < fig.srcset.size(); ++i) {
      if (i) append(out, ", ");
      append_url(out, fig.srcset[i].url);
      out += ' ';
      append_number(out, fig.srcset[i].width);
      out += 'w';
    }
    append(out, "\" sizes=\"(max-width: 760px) 100vw, 760px\"");
  }
  if (fig.width && fig.height) {
    append(out, " width=\"");
    append_number(out, fig.width);
    append(out, "\" height=\"");
    append_number(out, fig.height);
    out += '"';
  }
  append(out, " loading=\"lazy\" decoding=\"async\" alt=\"");
  append_escaped_html(out, fig.alt);
  append(out, "\">");
  if (fig.link >= 0) append(out, "</a>");
  if (!fig.caption.empty()) {
    append(out, "<figcaption>");
    append_escaped_html(out, fig.caption);
    append(out, "</figcaption>");
  }
  append(out, "</figure>\n");
}

// The 附件 list after the body: the catalogued attachments it links to, as downloads.
void write_attachments(std::string& out, const Document& doc, const MediaCatalog* media) {
  if (!media) return;
  const std::vector<AttachmentItem> items = describe_attachments(doc, media);
  if (items.empty()) return;
  line_start(out);
  append(out, "<section class=\"attachments\">\n<h2>");
  append(out, kAttachmentsHeading);
  append(out, "</h2>\n<ul>\n");
  for (const AttachmentItem& item : items) {
    append(out, "<li><a href=\"");
    append_url(out, item.url);
    append(out, "\" download>");
    append_escaped_html(out, item.name);
    append(out, "</a> <span class=\"file-meta\">");
    append_escaped_html(out, item.type);
    append(out, " · ");
    append_escaped_html(out, item.size);
    append(out, "</span></li>\n");
  }
  append(out, "</ul>\n</section>\n");
}

void write_body(std::string& out, const Document& doc, const MediaCatalog* media) {
  // Blocks are in pre-order with `end`; a stack of open blocks replaces recursion, so a
  // deeply nested quote cannot exhaust the (small, in WebAssembly) call stack.
  struct Open {
    uint32_t index;
    bool tight;  // paragraph inside a tight list item: no <p>
  };
  std::vector<Open> open;
  const auto tight_parent = [&]() {
    const size_t n = open.size();
    return n >= 2 && doc.blocks[open[n - 1].index].kind == BlockKind::ListItem &&
           doc.blocks[open[n - 2].index].tight;
  };
  InlineWriter inlines(out, doc);
  const uint32_t count = uint32_t(doc.blocks.size());
  for (uint32_t i = 0; i < count; ++i) {
    while (!open.empty() && doc.blocks[open.back().index].end <= i) {
      close_block(out, doc.blocks[open.back().index], open.back().tight);
      open.pop_back();
    }
    const Block& b = doc.blocks[i];
    if (media && b.kind == BlockKind::Paragraph) {
      if (const std::optional<MediaFigure> fig = describe_media_figure(doc, b, media)) {
        write_figure(out, doc, *fig);  // in place of the paragraph, which has no children
        continue;
      }
    }
    const bool tight = b.kind == BlockKind::Paragraph && tight_parent();
    open_block(out, doc, i, tight);
    if (b.kind == BlockKind::CodeBlock) {
      write_code(out, doc, b);
    } else if (b.span_end > b.span_begin && b.span_end <= doc.spans.size()) {
      inlines.write(b.span_begin, b.span_end);
    }
    if (b.end > i + 1) {
      open.push_back({i, tight});
    } else {
      close_block(out, b, tight);
    }
  }
  while (!open.empty()) {
    close_block(out, doc.blocks[open.back().index], open.back().tight);
    open.pop_back();
  }
}

// --- The article page: its parts come decided from the layout ---------------------

void append_labeled(std::string& out, const char* css_class, const LabeledItem& item) {
  append(out, "<span class=\"");
  append(out, css_class);
  append(out, "\">");
  append(out, item.label);
  append_escaped_html(out, item.value);
  append(out, "</span>");
}

const char* css_class(LabeledItem::Kind kind) {
  switch (kind) {
    case LabeledItem::Kind::Author:
      return "author";
    case LabeledItem::Kind::Source:
      return "source";
    case LabeledItem::Kind::Published:
      return "published";
    case LabeledItem::Kind::Views:
      return "views-label";
    case LabeledItem::Kind::Editor:
      return "editor";
    case LabeledItem::Kind::Edited:
      return "edited";
  }
  return "";
}

// Items are separated by two spaces as on the portal (CSS adds the visual gap). The view
// count is an empty slot the server fills in.
void write_meta(std::string& out, const std::vector<LabeledItem>& meta) {
  append(out, "<div class=\"article-meta\">");
  for (const LabeledItem& item : meta) {
    if (item.kind == LabeledItem::Kind::Views) {
      append(out, "<span class=\"views-label\">");
      append(out, item.label);
      append(out, kViewCountSlot);
      append(out, "</span>");
    } else {
      append_labeled(out, css_class(item.kind), item);
      append(out, "  ");
    }
  }
  append(out, "</div>\n");
}

void write_original_link(std::string& out, const OriginalLink& link) {
  if (!link.present()) return;
  append(out, "<p class=\"article-link\">");
  append(out, link.label);
  if (link.linkable) {
    Link target;
    target.url = link.url;
    append_link_open(out, target);
    append_escaped_html(out, link.url);
    append(out, "</a>");
  } else {
    append_escaped_html(out, link.url);
  }
  append(out, "</p>\n");
}

void write_editor_line(std::string& out, const std::vector<LabeledItem>& items) {
  if (items.empty()) return;
  append(out, "<p class=\"article-editor\">");
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ' ';
    append_labeled(out, css_class(items[i].kind), items[i]);
  }
  append(out, "</p>\n");
}

// True when one of the eight bytes of word is one of the five special bytes. All five are
// below 0x40, so words of CJK text (every byte >= 0x80) are dismissed by the first test.
bool word_needs_escape(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  if (((word - kOnes * 0x40) & ~word & kHighs) == 0) return false;
  const auto has_byte = [&](unsigned char c) {
    const uint64_t x = word ^ (kOnes * c);
    return ((x - kOnes) & ~x & kHighs) != 0;
  };
  return has_byte('&') || has_byte('<') || has_byte('>') || has_byte('"') || has_byte('\'');
}

}  // namespace

void append_escaped_html(std::string& out, std::string_view text) {
  // Skip clean 16-byte blocks (SSE2) or 8-byte words, look at the bytes of the others, and
  // copy the runs between special bytes in one append each.
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* run = p;
  while (p != end) {
#if defined(__SSE2__)
    if (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i hits =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))),
                       _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')),
                                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
      if (_mm_movemask_epi8(hits) == 0) {
        p += 16;
        continue;
      }
    }
#endif
    if (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if (!word_needs_escape(word)) {
        p += 8;
        continue;
      }
    }
    const char* const stop = end - p >= 8 ? p + 8 : end;
    for (; p != stop; ++p) {
      const std::string_view r = kEscape.replacement[static_cast<unsigned char>(*p)];
      if (!r.empty()) {
        out.append(run, size_t(p - run));
        out.append(r.data(), r.size());
        run = p + 1;
      }
    }
  }
  out.append(run, size_t(end - run));
}

// href/src value: HTML-escaped, and bytes that may not stand raw in a URL percent-encoded
// (spaces, controls, non-ASCII, and the characters CommonMark renderers encode).
void append_url(std::string& out, std::string_view url) {
  static const char kHex[] = "0123456789ABCDEF";
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < url.size(); ++i) {
    const auto c = static_cast<unsigned char>(url[i]);
    const bool encode = c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' ||
                        c == '^' || c == '`' || c == '{' || c == '|' || c == '}';
    if (!encode && kEscape.replacement[c].empty()) continue;
    out.append(url.data() + run, i - run);
    run = i + 1;
    if (encode) {
      const char hex[3] = {'%', kHex[c >> 4], kHex[c & 15]};
      out.append(hex, 3);
    } else {
      append(out, kEscape.replacement[c]);
    }
  }
  out.append(url.data() + run, url.size() - run);
}

std::string channel_url(const SiteChannel& c) {
  return "/channel/" + c.slug + "/";
}

std::string render_body_html(const Document& body, const MediaCatalog* media) {
  std::string out;
  out.reserve(body.text.size() + body.text.size() / 8 + body.blocks.size() * 16 +
              body.spans.size() * 8 + 64);
  advise_huge_pages(out.data(), out.capacity());
  write_body(out, body, media);
  write_attachments(out, body, media);
  return out;
}

std::string render_portal_page(const Article& a, const SiteProfile& site, const Document& body,
                               const MediaCatalog* media) {
  const ArticlePageLayout page = describe_article_page(a, site);
  std::string out;
  out.reserve(body.text.size() + body.text.size() / 8 + body.blocks.size() * 16 +
              body.spans.size() * 8 + 4096);
  advise_huge_pages(out.data(), out.capacity());
  append_page_head(out, page.head, page.header);
  append_breadcrumb(out, page.breadcrumb);
  append(out, "<article class=\"article\">\n<h1 class=\"article-title\">");
  append_escaped_html(out, page.title);
  append(out, "</h1>\n");
  write_meta(out, page.meta);
  append(out, "<div class=\"article-body\">\n");
  write_body(out, body, media);
  write_attachments(out, body, media);
  append(out, "</div>\n");
  write_original_link(out, page.original_link);
  write_editor_line(out, page.editor_line);
  append(out, "</article>\n</div>\n");
  append_footer(out, page.footer);
  append(out, kPageEnd);
  return out;
}

}  // namespace press::core

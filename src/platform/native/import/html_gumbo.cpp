// HTML through gumbo into the core's HtmlTree; see html_gumbo.h.
#include "platform/native/import/html_gumbo.h"

#include <gumbo.h>
#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/guard_text.h"
#include "core/utf8.h"

namespace press::native {

namespace {

using core::guard_text::starts_with_ci;

char lower(char c) {
  return core::guard_text::ascii_lower(c);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// ---- Charset ----------------------------------------------------------------------------

constexpr size_t kCharsetWindow = 4096;

// The WHATWG Encoding Standard's labels of the encodings read here, to the name
// HtmlCharset uses; "" for any other label.
std::string_view charset_of_label(std::string_view label) {
  static const std::pair<std::string_view, std::string_view> kLabels[] = {
      {"utf-8", "utf-8"},
      {"utf8", "utf-8"},
      {"unicode-1-1-utf-8", "utf-8"},
      {"unicode11utf8", "utf-8"},
      {"unicode20utf8", "utf-8"},
      {"x-unicode20utf8", "utf-8"},
      {"gb2312", "gb18030"},
      {"gbk", "gb18030"},
      {"x-gbk", "gb18030"},
      {"gb18030", "gb18030"},
      {"gb_2312", "gb18030"},
      {"gb_2312-80", "gb18030"},
      {"chinese", "gb18030"},
      {"csgb2312", "gb18030"},
      {"csiso58gb231280", "gb18030"},
      {"iso-ir-58", "gb18030"},
      {"cp936", "gb18030"},
      {"ms936", "gb18030"},
      {"windows-936", "gb18030"},
      {"big5", "big5"},
      {"big5-hkscs", "big5"},
      {"cn-big5", "big5"},
      {"csbig5", "big5"},
      {"x-x-big5", "big5"},
      {"cp950", "big5"},
      {"windows-1252", "windows-1252"},
      {"cp1252", "windows-1252"},
      {"x-cp1252", "windows-1252"},
      {"iso-8859-1", "windows-1252"},
      {"iso8859-1", "windows-1252"},
      {"iso_8859-1", "windows-1252"},
      {"iso88591", "windows-1252"},
      {"latin1", "windows-1252"},
      {"l1", "windows-1252"},
      {"cp819", "windows-1252"},
      {"ibm819", "windows-1252"},
      {"csisolatin1", "windows-1252"},
      {"iso-ir-100", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"ansi_x3.4-1968", "windows-1252"},
  };
  for (const auto& [name, charset] : kLabels)
    if (name == label) return charset;
  return {};
}

// The label after "charset" in a lowercased <meta ...> tag, or "".
std::string charset_label_in(std::string_view tag) {
  for (size_t at = tag.find("charset"); at != std::string_view::npos;
       at = tag.find("charset", at + 1)) {
    size_t i = at + 7;
    while (i < tag.size() && is_space(tag[i])) ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && (is_space(tag[i]) || tag[i] == '"' || tag[i] == '\'')) ++i;
    const size_t start = i;
    while (i < tag.size() && !is_space(tag[i]) && tag[i] != '"' && tag[i] != '\'' &&
           tag[i] != ';' && tag[i] != '>' && tag[i] != '/')
      ++i;
    if (i > start) return std::string(tag.substr(start, i - start));
  }
  return {};
}

// The charset label of the first <meta> in the window that declares one.
std::string declared_label(std::string_view bytes) {
  const std::string_view window = bytes.substr(0, kCharsetWindow);
  for (size_t at = 0; (at = window.find('<', at)) != std::string_view::npos; ++at) {
    if (starts_with_ci(window, at, "<!--")) {  // a <meta> in a comment declares nothing
      const size_t end = window.find("-->", at + 4);
      if (end == std::string_view::npos) break;
      at = end + 2;
      continue;
    }
    if (!starts_with_ci(window, at, "<meta") || at + 5 >= window.size() ||
        !(is_space(window[at + 5]) || window[at + 5] == '/'))
      continue;
    const size_t end = window.find('>', at);
    std::string tag(window.substr(at, end == std::string_view::npos ? end : end - at));
    for (char& c : tag) c = lower(c);
    std::string label = charset_label_in(tag);
    if (!label.empty()) return label;
  }
  return {};
}

bool has_non_ascii(std::string_view s) {
  for (char c : s)
    if (uint8_t(c) >= 0x80) return true;
  return false;
}

const char* iconv_name(std::string_view charset) {
  if (charset == "gb18030") return "GB18030";
  if (charset == "big5") return "BIG5-HKSCS";
  if (charset == "windows-1252") return "CP1252";
  if (charset == "utf-16le") return "UTF-16LE";
  if (charset == "utf-16be") return "UTF-16BE";
  return nullptr;
}

// in from the iconv encoding `from` to UTF-8; what it cannot decode becomes U+FFFD.
std::string iconv_to_utf8(std::string_view in, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::string(in);  // left to the builder
  std::string out;
  out.resize(in.size() * 3 / 2 + 64);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t used = 0;
  while (src_left > 0) {
    char* dst = out.data() + used;
    size_t dst_left = out.size() - used;
    const size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    used = out.size() - dst_left;
    if (r != size_t(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ: a byte the encoding does not decode; EINVAL: a sequence cut by the end.
    if (out.size() - used < 3) out.resize(out.size() * 2);
    std::memcpy(out.data() + used, "\xEF\xBF\xBD", 3);
    used += 3;
    if (errno != EILSEQ) break;
    ++src;
    --src_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial state
  }
  iconv_close(cd);
  out.resize(used);
  return out;
}

// ---- Nesting bound ------------------------------------------------------------------------
// A light scan of the tags, enough to count open elements the way a parser would for any
// real document, and to take out start tags (with their end tags) past the bound.

// What the scan knows about an element name.
enum : uint16_t {
  kVoid = 1,            // no content, never open (html, head and body count as such: they are
                        // merged, never nested)
  kRawText = 2,         // its text runs to its end tag
  kClosesP = 4,         // its start tag closes an open <p>
  kHeading = 8,         // h1-h6
  kForeign = 16,        // svg, math: "/>" closes
  kScopeP = 32,         // where the search for an open <p> stops
  kScopeLi = 64,        // ... for an open <li>
  kScopeDd = 128,       // ... for an open <dt>/<dd>
  kScopeCell = 256,     // ... for an open <td>/<th>
  kScopeRow = 512,      // ... for an open <tr>
  kScopeBody = 1024,    // ... for an open <tbody>/<thead>/<tfoot>
  kScopeA = 2048,       // ... for an open <a>, <nobr>, <button>
  kScopeSelect = 4096,  // ... for an open <option>/<optgroup>
};

struct KnownName {
  std::string_view name;
  uint16_t flags;
};

constexpr uint16_t kBlock = kClosesP;
constexpr uint16_t kTableScope =
    kScopeP | kScopeLi | kScopeDd | kScopeCell | kScopeRow | kScopeBody | kScopeA;
constexpr uint16_t kCellScope = kScopeP | kScopeLi | kScopeDd | kScopeA;

constexpr KnownName kKnownNames[] = {
    {"area", kVoid},
    {"base", kVoid},
    {"basefont", kVoid},
    {"bgsound", kVoid},
    {"br", kVoid},
    {"col", kVoid},
    {"embed", kVoid},
    {"frame", kVoid},
    {"hr", kVoid | kClosesP},
    {"img", kVoid},
    {"image", kVoid},
    {"input", kVoid},
    {"keygen", kVoid},
    {"link", kVoid},
    {"meta", kVoid},
    {"param", kVoid},
    {"source", kVoid},
    {"track", kVoid},
    {"wbr", kVoid},
    {"html", kVoid | kScopeP},
    {"head", kVoid},
    {"body", kVoid},
    {"script", kRawText},
    {"style", kRawText},
    {"textarea", kRawText},
    {"title", kRawText},
    {"xmp", kRawText | kClosesP},
    {"iframe", kRawText},
    {"noembed", kRawText},
    {"noframes", kRawText},
    {"noscript", kRawText},
    {"plaintext", kClosesP},
    {"address", kBlock},
    {"article", kBlock},
    {"aside", kBlock},
    {"blockquote", kBlock},
    {"center", kBlock},
    {"details", kBlock},
    {"dialog", kBlock},
    {"dir", kBlock},
    {"div", kBlock},
    {"dl", kBlock | kScopeDd},
    {"fieldset", kBlock},
    {"figcaption", kBlock},
    {"figure", kBlock},
    {"footer", kBlock},
    {"header", kBlock},
    {"hgroup", kBlock},
    {"main", kBlock},
    {"menu", kBlock},
    {"nav", kBlock},
    {"ol", kBlock | kScopeLi},
    {"ul", kBlock | kScopeLi},
    {"p", kBlock},
    {"section", kBlock},
    {"summary", kBlock},
    {"pre", kBlock},
    {"listing", kBlock},
    {"form", kBlock},
    {"li", kBlock},
    {"dd", kBlock},
    {"dt", kBlock},
    {"h1", kBlock | kHeading},
    {"h2", kBlock | kHeading},
    {"h3", kBlock | kHeading},
    {"h4", kBlock | kHeading},
    {"h5", kBlock | kHeading},
    {"h6", kBlock | kHeading},
    {"table", kBlock | kTableScope},
    {"td", kCellScope},
    {"th", kCellScope},
    {"caption", kScopeP},
    {"tr", kScopeCell},
    {"tbody", kScopeRow},
    {"thead", kScopeRow},
    {"tfoot", kScopeRow},
    {"button", kScopeP},
    {"template", kScopeP},
    {"object", kScopeP},
    {"applet", kScopeP},
    {"marquee", kScopeP},
    {"select", kScopeSelect},
    {"svg", kForeign | kScopeP | kScopeLi},
    {"math", kForeign | kScopeP | kScopeLi},
};

class NestingScan {
 public:
  explicit NestingScan(std::string_view html) : s_(html) {
    for (const KnownName& known : kKnownNames)
      flags_[intern(std::string(known.name))] |= known.flags;
    p_ = intern("p");
    li_ = intern("li");
    dt_ = intern("dt");
    dd_ = intern("dd");
    td_ = intern("td");
    th_ = intern("th");
    tr_ = intern("tr");
    tbody_ = intern("tbody");
    thead_ = intern("thead");
    tfoot_ = intern("tfoot");
    a_ = intern("a");
    nobr_ = intern("nobr");
    button_ = intern("button");
    option_ = intern("option");
    optgroup_ = intern("optgroup");
    plaintext_ = intern("plaintext");
  }

  // The document with the tags past the bound taken out; false when none were.
  bool run(std::string& out) {
    size_t i = 0;
    while ((i = s_.find('<', i)) != std::string_view::npos) {
      if (i + 1 >= s_.size()) break;
      const char c = s_[i + 1];
      if (c == '!') {
        i = skip_markup_declaration(i);
      } else if (c == '?') {
        i = find_or_end('>', i + 2);
      } else if (c == '/') {
        if (i + 2 < s_.size() && is_alpha(s_[i + 2]))
          i = end_tag(i);
        else
          i = find_or_end('>', i + 2);
      } else if (is_alpha(c)) {
        i = start_tag(i);
      } else {
        ++i;
      }
    }
    if (removed_.empty()) return false;
    out.clear();
    out.reserve(s_.size());
    size_t at = 0;
    for (const auto& [from, to] : removed_) {
      out.append(s_.substr(at, from - at));
      at = to;
    }
    out.append(s_.substr(at));
    return true;
  }

 private:
  uint32_t intern(const std::string& name) {
    const auto [it, added] = ids_.emplace(name, uint32_t(flags_.size()));
    if (added) {
      flags_.push_back(0);
      open_count_.push_back(0);
    }
    return it->second;
  }

  size_t find_or_end(char c, size_t from) const {
    const size_t at = s_.find(c, from);
    return at == std::string_view::npos ? s_.size() : at + 1;
  }

  size_t skip_markup_declaration(size_t i) const {
    if (s_.compare(i, 4, "<!--") == 0) {
      if (s_.compare(i + 4, 1, ">") == 0) return i + 5;
      if (s_.compare(i + 4, 2, "->") == 0) return i + 6;
      const size_t end = s_.find("-->", i + 4);
      return end == std::string_view::npos ? s_.size() : end + 3;
    }
    if (s_.compare(i, 9, "<![CDATA[") == 0 && foreign_ > 0) {
      const size_t end = s_.find("]]>", i + 9);
      return end == std::string_view::npos ? s_.size() : end + 3;
    }
    return find_or_end('>', i + 2);  // doctype, <![if !vml]>: up to the next '>'
  }

  // The tag name at name_start (lowercased into name_) and the position after the whole
  // tag; self_closing_ when it ends "/>". npos when the document ends inside the tag.
  size_t read_tag(size_t name_start) {
    size_t i = name_start;
    name_.clear();
    while (i < s_.size() && !is_space(s_[i]) && s_[i] != '/' && s_[i] != '>')
      name_ += lower(s_[i++]);
    // Attributes: a quote matters only where a value starts (after '=').
    self_closing_ = false;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '>') {
        self_closing_ = i > name_start && s_[i - 1] == '/';
        return i + 1;
      }
      if (c == '=') {
        ++i;
        while (i < s_.size() && is_space(s_[i])) ++i;
        if (i < s_.size() && (s_[i] == '"' || s_[i] == '\'')) {
          const size_t close = s_.find(s_[i], i + 1);
          if (close == std::string_view::npos) return std::string_view::npos;
          i = close + 1;
        }
        continue;
      }
      ++i;
    }
    return std::string_view::npos;
  }

  void push(uint32_t id) {
    open_.push_back(id);
    ++open_count_[id];
    if (flags_[id] & kForeign) ++foreign_;
  }

  void pop_to(size_t depth) {
    while (open_.size() > depth) {
      const uint32_t id = open_.back();
      --open_count_[id];
      if (flags_[id] & kForeign) --foreign_;
      open_.pop_back();
    }
  }

  // Closes the innermost open element of `ids` unless an element with a `boundary` flag
  // is nearer. Cheap when none is open (a million <div>s in one another look for a <p>).
  void close_open(std::initializer_list<uint32_t> ids, uint16_t boundary) {
    uint32_t open = 0;
    for (uint32_t id : ids) open += open_count_[id];
    if (open == 0) return;
    for (size_t k = open_.size(); k-- > 0;) {
      for (uint32_t id : ids) {
        if (open_[k] == id) {
          pop_to(k);
          return;
        }
      }
      if (flags_[open_[k]] & boundary) return;
    }
  }

  // What a start tag closes, as the tree construction would (closely enough to count).
  void implied_ends(uint32_t id) {
    const uint16_t flags = flags_[id];
    if (flags & kClosesP) close_open({p_}, kScopeP);
    if (id == li_) close_open({li_}, kScopeLi);
    if (id == dt_ || id == dd_) close_open({dt_, dd_}, kScopeDd);
    if ((flags & kHeading) && !open_.empty() && (flags_[open_.back()] & kHeading))
      pop_to(open_.size() - 1);
    if (id == td_ || id == th_) close_open({td_, th_}, kScopeCell);
    if (id == tr_) close_open({tr_}, kScopeRow);
    if (id == tbody_ || id == thead_ || id == tfoot_)
      close_open({tbody_, thead_, tfoot_}, kScopeBody);
    if (id == a_ || id == nobr_ || id == button_) close_open({id}, kScopeA);
    if (id == option_ || id == optgroup_) close_open({option_}, kScopeSelect);
    if (id == optgroup_) close_open({optgroup_}, kScopeSelect);
  }

  size_t start_tag(size_t i) {
    const size_t end = read_tag(i + 1);
    if (end == std::string_view::npos) return s_.size();  // a tag cut by the end: dropped
    const uint32_t id = intern(name_);
    const uint16_t flags = flags_[id];
    if (id == plaintext_) return s_.size();  // the rest is text
    if ((flags & kRawText) && foreign_ == 0) {
      // The text runs to the matching end tag (which the scan then sees and ignores).
      for (size_t at = end; (at = s_.find("</", at)) != std::string_view::npos; at += 2) {
        if (starts_with_ci(s_, at + 2, name_)) return at;
      }
      return s_.size();
    }
    if ((flags & kVoid) || (self_closing_ && foreign_ > 0)) return end;
    implied_ends(id);
    if (open_.size() >= kHtmlParseMaxNesting) {
      removed_.emplace_back(i, end);
      ++dropped_[id];
      return end;
    }
    push(id);
    return end;
  }

  size_t end_tag(size_t i) {
    const size_t end = read_tag(i + 2);
    if (end == std::string_view::npos) return s_.size();
    const auto known = ids_.find(name_);
    if (known == ids_.end()) return end;  // nothing of that name was ever opened
    const uint32_t id = known->second;
    const auto dropped = dropped_.find(id);
    if (dropped != dropped_.end() && dropped->second > 0) {
      --dropped->second;
      removed_.emplace_back(i, end);
      return end;
    }
    if (open_count_[id] == 0) return end;
    for (size_t k = open_.size(); k-- > 0;) {
      if (open_[k] == id) {
        pop_to(k);
        break;
      }
    }
    return end;
  }

  std::string_view s_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<uint16_t> flags_;
  std::vector<uint32_t> open_count_;
  std::vector<uint32_t> open_;
  std::unordered_map<uint32_t, size_t> dropped_;
  std::vector<std::pair<size_t, size_t>> removed_;
  std::string name_;
  bool self_closing_ = false;
  size_t foreign_ = 0;
  uint32_t p_, li_, dt_, dd_, td_, th_, tr_, tbody_, thead_, tfoot_, a_, nobr_, button_, option_,
      optgroup_, plaintext_;
};

// ---- gumbo's tree into the builder ------------------------------------------------------------

// "<o:p class=x>" gives "o:p".
std::string_view original_name(const GumboStringPiece& tag) {
  std::string_view s(tag.data ? tag.data : "", tag.data ? tag.length : 0);
  if (!s.empty() && s[0] == '<') s.remove_prefix(1);
  size_t n = 0;
  while (n < s.size() && !is_space(s[n]) && s[n] != '/' && s[n] != '>') ++n;
  return s.substr(0, n);
}

std::string_view element_name(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  const std::string_view name = original_name(element.original_tag);
  return name.empty() ? std::string_view("span") : name;
}

std::vector<std::pair<std::string, std::string>> attributes_of(const GumboElement& element) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(element.attributes.length);
  for (unsigned k = 0; k < element.attributes.length; ++k) {
    const auto* a = static_cast<const GumboAttribute*>(element.attributes.data[k]);
    out.emplace_back(a->name ? a->name : "", a->value ? a->value : "");
  }
  return out;
}

void copy_tree(const GumboNode& document, core::HtmlTreeBuilder& builder) {
  struct Frame {
    const GumboVector* children;
    unsigned next;
  };
  std::vector<Frame> stack;
  stack.push_back({&document.v.document.children, 0});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next >= frame.children->length) {
      stack.pop_back();
      if (!stack.empty()) builder.close();  // the document itself is the builder's root
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(frame.children->data[frame.next++]);
    switch (node->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        builder.open(element_name(node->v.element), attributes_of(node->v.element));
        stack.push_back({&node->v.element.children, 0});  // frame is not used after this
        break;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        if (node->v.text.text) builder.text(node->v.text.text);
        break;
      case GUMBO_NODE_COMMENT:
        builder.comment(node->v.text.text ? node->v.text.text : "");
        break;
      case GUMBO_NODE_DOCUMENT:
        break;
    }
  }
}

}  // namespace

HtmlCharset sniff_html_charset(std::string_view bytes) {
  HtmlCharset found;
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    found.from_bom = true;
    return found;
  }
  if (bytes.size() >= 2 &&
      (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0)) {
    found.name = bytes[0] == '\xFF' ? "utf-16le" : "utf-16be";
    found.from_bom = true;
    return found;
  }
  const std::string label = declared_label(bytes);
  const std::string_view charset = charset_of_label(label);
  // A page re-saved as UTF-8 often keeps its old declaration; Chinese text in GBK or Big5
  // is practically never valid UTF-8, so valid UTF-8 with non-ASCII text in it is UTF-8.
  if (charset.empty() || charset == "utf-8" ||
      (has_non_ascii(bytes) && core::utf8::is_valid(bytes)))
    return found;
  found.name = std::string(charset);
  return found;
}

std::string html_bytes_to_utf8(std::string_view bytes, HtmlCharset* found) {
  const HtmlCharset charset = sniff_html_charset(bytes);
  if (found) *found = charset;
  if (charset.name == "utf-8") return std::string(bytes.substr(charset.from_bom ? 3 : 0));
  const std::string_view body = bytes.substr(charset.from_bom ? 2 : 0);
  const char* from = iconv_name(charset.name);
  return from ? iconv_to_utf8(body, from) : std::string(body);
}

core::HtmlTree parse_html(std::string_view html) {
  const bool too_long = html.size() > kHtmlParseMaxBytes;
  std::string text = html_bytes_to_utf8(html.substr(0, kHtmlParseMaxBytes));
  if (text.size() > kHtmlParseMaxBytes) text.resize(kHtmlParseMaxBytes);  // UTF-16 grows
  std::string bounded;
  if (NestingScan(text).run(bounded)) text = std::move(bounded);

  core::HtmlTreeBuilder builder;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // gumbo's error list is not read: do not build it
  GumboOutput* output = gumbo_parse_with_options(&options, text.data(), text.size());
  if (output && output->document) copy_tree(*output->document, builder);
  if (output) gumbo_destroy_output(&options, output);
  core::HtmlTree tree = builder.finish();
  if (too_long) tree.truncated = true;
  return tree;
}

}  // namespace press::native

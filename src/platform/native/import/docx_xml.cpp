#include "platform/native/import/docx_xml.h"

#include <zip.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/diagnostic.h"
#include "core/file_kind.h"
#include "core/utf8.h"

namespace press::native::docx {

namespace {

// ---- XML --------------------------------------------------------------------------------

// Namespaces by URI, each with the prefix this reader uses for it whatever the document
// declares (Word writes these same prefixes; strict OOXML has its own URIs).
struct KnownNamespace {
  const char* uri;
  const char* prefix;
};
constexpr KnownNamespace kNamespaces[] = {
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", "w"},
    {"http://purl.oclc.org/ooxml/wordprocessingml/main", "w"},
    {"http://schemas.openxmlformats.org/officeDocument/2006/relationships", "r"},
    {"http://purl.oclc.org/ooxml/officeDocument/relationships", "r"},
    {"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", "wp"},
    {"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", "wp"},
    {"http://schemas.openxmlformats.org/drawingml/2006/main", "a"},
    {"http://purl.oclc.org/ooxml/drawingml/main", "a"},
    {"http://schemas.openxmlformats.org/drawingml/2006/picture", "pic"},
    {"http://purl.oclc.org/ooxml/drawingml/picture", "pic"},
    {"http://schemas.openxmlformats.org/drawingml/2006/chart", "c"},
    {"http://purl.oclc.org/ooxml/drawingml/chart", "c"},
    {"http://schemas.openxmlformats.org/drawingml/2006/diagram", "dgm"},
    {"http://purl.oclc.org/ooxml/drawingml/diagram", "dgm"},
    {"http://schemas.openxmlformats.org/officeDocument/2006/math", "m"},
    {"http://purl.oclc.org/ooxml/officeDocument/math", "m"},
    {"http://schemas.openxmlformats.org/markup-compatibility/2006", "mc"},
    {"urn:schemas-microsoft-com:vml", "v"},
    {"urn:schemas-microsoft-com:office:office", "o"},
    {"urn:schemas-microsoft-com:office:word", "w10"},
    {"http://schemas.microsoft.com/office/word/2010/wordprocessingShape", "wps"},
    {"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup", "wpg"},
    {"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas", "wpc"},
    {"http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing", "wp14"},
    {"http://schemas.microsoft.com/office/word/2010/wordml", "w14"},
    {"http://schemas.microsoft.com/office/drawing/2010/main", "a14"},
};
constexpr const char* kUnknownPrefix = "_";  // a namespace this reader does not know

const char* canonical_prefix(std::string_view uri) {
  for (const KnownNamespace& ns : kNamespaces)
    if (uri == ns.uri) return ns.prefix;
  return kUnknownPrefix;
}

// Renames every element and attribute to the prefix above for its namespace (and every
// prefix named in mc:Choice Requires), so the reader can match "w:p" by name. Undeclared
// prefixes stay as written. Iterative: hostile nesting cannot overflow the stack.
void canonicalize(pugi::xml_document& doc) {
  struct Decl {
    std::string prefix;
    const char* canonical;
  };
  std::vector<Decl> scope;
  std::vector<std::pair<pugi::xml_node, size_t>> marks;  // elements that declared, scope size
  auto lookup = [&](std::string_view prefix) -> const char* {
    for (size_t i = scope.size(); i-- > 0;)
      if (scope[i].prefix == prefix) return scope[i].canonical;
    return nullptr;
  };
  std::string renamed;
  auto rename = [&](std::string_view name, auto&& set) {
    const size_t colon = name.find(':');
    const std::string_view prefix = colon == std::string_view::npos ? "" : name.substr(0, colon);
    const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    const char* canonical = lookup(prefix);
    if (!canonical || prefix == canonical) return;
    renamed.assign(canonical);
    renamed += ':';
    renamed += local;
    set(renamed.c_str());
  };

  pugi::xml_node n = doc.first_child();
  while (n) {
    if (n.type() == pugi::node_element) {
      const size_t mark = scope.size();
      for (pugi::xml_attribute a : n.attributes()) {
        const std::string_view name = a.name();
        if (name == "xmlns")
          scope.push_back({"", canonical_prefix(a.value())});
        else if (name.substr(0, 6) == "xmlns:")
          scope.push_back({std::string(name.substr(6)), canonical_prefix(a.value())});
      }
      rename(n.name(), [&](const char* s) { n.set_name(s); });
      for (pugi::xml_attribute a : n.attributes()) {
        const std::string_view name = a.name();
        if (name.find(':') == std::string_view::npos || name.substr(0, 6) == "xmlns:") continue;
        rename(name, [&](const char* s) { a.set_name(s); });
      }
      if (std::strcmp(n.name(), "mc:Choice") == 0) {
        if (pugi::xml_attribute required = n.attribute("Requires")) {
          std::string value, word;
          const std::string_view list = required.value();
          for (size_t i = 0; i <= list.size(); ++i) {
            if (i < list.size() && list[i] != ' ') {
              word += list[i];
              continue;
            }
            if (word.empty()) continue;
            const char* canonical = lookup(word);
            if (!value.empty()) value += ' ';
            value += canonical ? canonical : kUnknownPrefix;
            word.clear();
          }
          required.set_value(value.c_str());
        }
      }
      if (n.first_child()) {
        if (scope.size() != mark) marks.emplace_back(n, mark);
        n = n.first_child();
        continue;
      }
      scope.resize(mark);
    }
    while (n && !n.next_sibling()) {
      n = n.parent();
      if (!marks.empty() && marks.back().first == n) {
        scope.resize(marks.back().second);
        marks.pop_back();
      }
    }
    if (n) n = n.next_sibling();
  }
}

}  // namespace

core::Result<std::unique_ptr<Xml>> parse_xml(const std::string& name, const std::string& text) {
  auto xml = std::make_unique<Xml>();
  const pugi::xml_parse_result r = xml->doc.load_buffer(
      text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r) {
    core::Diagnostic d;
    d.path = name;
    d.message = std::string("not well-formed XML: ") + r.description() + " (byte " +
                std::to_string(r.offset) + ")";
    d.code = "bad_value";
    core::locate(text, size_t(r.offset), d.line, d.column);
    return Error::from(ErrorCode::invalid, {d});
  }
  canonicalize(xml->doc);
  return xml;
}

std::string_view local_name(const char* name) {
  const std::string_view s = name;
  const size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

std::string_view val(pugi::xml_node n, const char* attribute) {
  return n.attribute(attribute).value();
}

int int_value(std::string_view s, int fallback) {
  if (s.empty() || s.size() > 9) return fallback;
  int v = 0;
  size_t i = 0;
  const bool negative = s[0] == '-';
  if (negative) i = 1;
  if (i == s.size()) return fallback;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return fallback;
    v = v * 10 + (s[i] - '0');
  }
  return negative ? -v : v;
}

Tri toggle(pugi::xml_node el) {
  if (!el) return Tri::unset;
  const pugi::xml_attribute a = el.attribute("w:val");
  if (!a) return Tri::on;
  const std::string_view v = a.value();
  return v == "0" || v == "false" || v == "off" ? Tri::off : Tri::on;
}

Tri underline(pugi::xml_node el) {
  if (!el) return Tri::unset;
  return val(el) == "none" ? Tri::off : Tri::on;
}

// ---- Relationships ------------------------------------------------------------------------

std::string folder_of(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

std::string resolve_target(std::string_view folder, std::string_view target) {
  std::string joined = !target.empty() && target[0] == '/'
                           ? std::string(target.substr(1))
                           : std::string(folder) + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  for (size_t i = 0; i <= joined.size(); ++i) {
    if (i < joined.size() && joined[i] != '/' && joined[i] != '\\') continue;
    const std::string segment = joined.substr(start, i - start);
    start = i + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string out;
  for (const std::string& s : segments) {
    if (!out.empty()) out += '/';
    out += s;
  }
  return out;
}

std::string rels_name(std::string_view part) {
  const size_t slash = part.rfind('/');
  const std::string_view folder = slash == std::string_view::npos ? "" : part.substr(0, slash + 1);
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(folder) + "_rels/" + std::string(file) + ".rels";
}

// ---- Styles -----------------------------------------------------------------------------

int heading_from_name(std::string_view name) {
  const std::string n = lowercase(name);
  if (n == "title" || n == "标题") return 1;
  std::string_view rest;
  if (n.rfind("heading", 0) == 0)
    rest = std::string_view(n).substr(7);
  else if (n.rfind("标题", 0) == 0)
    rest = std::string_view(n).substr(std::strlen("标题"));
  else
    return 0;
  while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  const int level = int_value(rest, 0);
  return level >= 1 && level <= 9 ? level : 0;
}

// ---- Numbering ----------------------------------------------------------------------------

Level read_level(pugi::xml_node lvl) {
  Level level;
  const std::string_view format = val(lvl.child("w:numFmt"));
  level.none = format == "none";
  level.bullet = format == "bullet";
  level.start = int_value(val(lvl.child("w:start")), 1);
  if (format == "lowerLetter") level.type = "a";
  if (format == "upperLetter") level.type = "A";
  if (format == "lowerRoman") level.type = "i";
  if (format == "upperRoman") level.type = "I";
  return level;
}

// ---- Symbols ----------------------------------------------------------------------------

char32_t symbol_char(std::string_view font, unsigned code) {
  const std::string f = lowercase(font);
  if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
  if (code > 0xFF) return 0;
  if (f == "symbol") {
    static const std::pair<unsigned, char32_t> kSymbol[] = {
        {'a', U'α'},  {'b', U'β'},  {'c', U'χ'},  {'d', U'δ'},  {'e', U'ε'},  {'f', U'φ'},
        {'g', U'γ'},  {'h', U'η'},  {'i', U'ι'},  {'k', U'κ'},  {'l', U'λ'},  {'m', U'μ'},
        {'n', U'ν'},  {'o', U'ο'},  {'p', U'π'},  {'q', U'θ'},  {'r', U'ρ'},  {'s', U'σ'},
        {'t', U'τ'},  {'u', U'υ'},  {'w', U'ω'},  {'x', U'ξ'},  {'y', U'ψ'},  {'z', U'ζ'},
        {'A', U'Α'},  {'B', U'Β'},  {'C', U'Χ'},  {'D', U'Δ'},  {'E', U'Ε'},  {'F', U'Φ'},
        {'G', U'Γ'},  {'H', U'Η'},  {'I', U'Ι'},  {'K', U'Κ'},  {'L', U'Λ'},  {'M', U'Μ'},
        {'N', U'Ν'},  {'O', U'Ο'},  {'P', U'Π'},  {'Q', U'Θ'},  {'R', U'Ρ'},  {'S', U'Σ'},
        {'T', U'Τ'},  {'U', U'Υ'},  {'W', U'Ω'},  {'X', U'Ξ'},  {'Y', U'Ψ'},  {'Z', U'Ζ'},
        {0xB7, U'•'}, {0xB4, U'×'}, {0xB8, U'÷'}, {0xB1, U'±'}, {0xA3, U'≤'}, {0xB3, U'≥'},
        {0xB9, U'≠'}, {0xBB, U'≈'}, {0xAE, U'→'}, {0xAC, U'←'}, {0xAD, U'↑'}, {0xAF, U'↓'},
        {0xB0, U'°'}, {0xD6, U'√'}, {0xA5, U'∞'}, {0xE5, U'∑'}, {0xD5, U'∏'}, {0xF2, U'∫'},
        {0xA2, U'′'}, {0xB2, U'″'}, {0xBC, U'…'}, {0xD7, U'·'}, {0xA7, U'♣'}, {0xA8, U'♦'},
        {0xA9, U'♥'}, {0xAA, U'♠'}, {0xE0, U'◊'}, {0xC5, U'⊕'}, {0xC4, U'⊗'}, {0xCE, U'∈'},
        {0xC7, U'∩'}, {0xC8, U'∪'}, {0xDE, U'⇒'}, {0xDB, U'⇔'}, {0x22, U'∀'}, {0x24, U'∃'},
        {0x2D, U'−'}, {0x2A, U'∗'}, {0x40, U'≅'}, {0x5E, U'⊥'}, {0x7E, U'∼'}};
    for (const auto& [from, to] : kSymbol)
      if (from == code) return to;
    if (code >= 0x20 && code < 0x7F) return code;  // digits, punctuation: the same glyphs
    return 0;
  }
  if (f == "wingdings") {
    static const std::pair<unsigned, char32_t> kWingdings[] = {
        {0x6C, U'●'}, {0x6E, U'■'}, {0x6F, U'□'}, {0x71, U'❑'}, {0x75, U'◆'}, {0x76, U'❖'},
        {0xA7, U'▪'}, {0xA8, U'◻'}, {0x9F, U'•'}, {0xA1, U'○'}, {0xD8, U'➢'}, {0xE8, U'➔'},
        {0xFC, U'✓'}, {0xFB, U'✗'}, {0xFD, U'☒'}, {0xFE, U'☑'}, {0x4A, U'☺'}, {0x4C, U'☹'},
        {0x46, U'☞'}, {0x2A, U'✉'}, {0x28, U'☎'}, {0xAB, U'★'}, {0x77, U'⬥'}, {0x70, U'◼'}};
    for (const auto& [from, to] : kWingdings)
      if (from == code) return to;
    return 0;
  }
  return 0;
}

void append_text(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = uint8_t(text[i]);
    if (c == '\t' || c == '\n' || c == '\r') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      continue;
    } else if (c == 0xC2 && i + 1 < text.size() && uint8_t(text[i + 1]) == 0xAD) {
      ++i;  // U+00AD soft hyphen
    } else {
      out += char(c);
    }
  }
}

bool is_blank(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const char32_t c = core::utf8::decode(text, i);
    if (c != ' ' && c != 0xA0 && c != 0x3000 && c != 0x200B && c != 0xFEFF) return false;
  }
  return true;
}

std::string_view mime_of(std::string_view name, std::string_view bytes) {
  switch (core::sniff_file(bytes)) {
    case core::FileKind::Png:
      return "image/png";
    case core::FileKind::Jpeg:
      return "image/jpeg";
    case core::FileKind::Gif:
      return "image/gif";
    case core::FileKind::Webp:
      return "image/webp";
    case core::FileKind::Bmp:
      return "image/bmp";
    case core::FileKind::Svg:
      return "image/svg+xml";
    default:
      break;
  }
  const size_t dot = name.rfind('.');
  const std::string ext = dot == std::string_view::npos ? "" : lowercase(name.substr(dot + 1));
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg" || ext == "jpe") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "bmp") return "image/bmp";
  if (ext == "webp") return "image/webp";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "tif" || ext == "tiff") return "image/tiff";
  if (ext == "emf") return "image/emf";
  if (ext == "wmf") return "image/wmf";
  return "application/octet-stream";
}

}  // namespace press::native::docx

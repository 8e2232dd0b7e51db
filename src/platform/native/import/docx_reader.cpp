#include "platform/native/import/docx_reader.h"

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

namespace press::native {

namespace {

using core::Error;
using core::ErrorCode;

Error invalid(std::string path, std::string message) {
  return Error::from(ErrorCode::invalid,
                     {{std::move(path), std::move(message), 0, 0, "bad_value"}});
}

Error too_large(std::string path, std::string message) {
  return Error::from(ErrorCode::too_large,
                     {{std::move(path), std::move(message), 0, 0, "too_large"}});
}

bool equals_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

// ---- OLE compound files: an old .doc, or an encrypted .docx ----------------------------

uint32_t le32(std::string_view b, size_t at) {
  if (at + 4 > b.size()) return 0xFFFFFFFFu;
  return uint32_t(uint8_t(b[at])) | uint32_t(uint8_t(b[at + 1])) << 8 |
         uint32_t(uint8_t(b[at + 2])) << 16 | uint32_t(uint8_t(b[at + 3])) << 24;
}

// The names in a compound file's directory (ASCII names only, which are all Office uses
// for its streams). Empty when the directory cannot be followed.
std::vector<std::string> ole_stream_names(std::string_view b) {
  std::vector<std::string> names;
  if (b.size() < 512) return names;
  const unsigned shift = uint8_t(b[0x1E]) | unsigned(uint8_t(b[0x1F])) << 8;
  if (shift != 9 && shift != 12) return names;
  const size_t sector = size_t(1) << shift;
  const size_t per_fat = sector / 4;
  auto offset = [&](uint32_t sid) { return (size_t(sid) + 1) * sector; };
  auto next = [&](uint32_t sid) -> uint32_t {
    const size_t fat_index = sid / per_fat;
    if (fat_index >= 109) return 0xFFFFFFFEu;  // beyond the header's DIFAT: give up
    const uint32_t fat_sector = le32(b, 0x4C + fat_index * 4);
    if (fat_sector >= 0xFFFFFFFAu) return 0xFFFFFFFEu;
    return le32(b, offset(fat_sector) + (sid % per_fat) * 4);
  };
  uint32_t sid = le32(b, 0x30);
  for (size_t guard = 0; sid < 0xFFFFFFFAu && guard <= b.size() / sector; ++guard) {
    const size_t at = offset(sid);
    if (at + sector > b.size()) break;
    for (size_t e = 0; e + 128 <= sector; e += 128) {
      const size_t entry = at + e;
      const unsigned length = uint8_t(b[entry + 64]) | unsigned(uint8_t(b[entry + 65])) << 8;
      std::string name;
      for (unsigned i = 0; i + 2 < length && i < 64; i += 2) {
        const unsigned c = uint8_t(b[entry + i]) | unsigned(uint8_t(b[entry + i + 1])) << 8;
        name += c >= 0x20 && c < 0x7F ? char(c) : '?';
      }
      if (!name.empty()) names.push_back(std::move(name));
    }
    sid = next(sid);
  }
  return names;
}

bool contains_utf16(std::string_view b, std::string_view ascii) {
  std::string wide;
  for (char c : ascii) {
    wide += c;
    wide += '\0';
  }
  return b.find(wide) != std::string_view::npos;
}

Error ole_error(std::string_view bytes) {
  const std::vector<std::string> names = ole_stream_names(bytes);
  auto has = [&](std::string_view n) {
    if (names.empty()) return contains_utf16(bytes, n);
    for (const std::string& s : names)
      if (s == n) return true;
    return false;
  };
  if (has("EncryptedPackage")) return invalid({}, std::string(kDocxEncryptedMessage));
  if (!has("WordDocument")) {
    if (has("Workbook") || has("Book"))
      return invalid({}, "this is an old Excel .xls file, not a Word document");
    if (has("PowerPoint Document"))
      return invalid({}, "this is an old PowerPoint .ppt file, not a Word document");
  }
  return invalid({}, std::string(kDocxOldDocMessage));
}

// ---- The package ------------------------------------------------------------------------

std::string bytes_text(uint64_t n) {
  if (n >= (1ull << 20) && n % (1ull << 20) == 0) return std::to_string(n >> 20) + " MB";
  return std::to_string(n) + " bytes";
}

class Package {
 public:
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;
  ~Package() {
    if (zip_) zip_discard(zip_);  // read-only: frees the source too
  }

  static core::Result<std::unique_ptr<Package>> open(std::string_view bytes,
                                                     const DocxLimits& limits) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
      const std::string why = zip_error_strerror(&error);
      zip_error_fini(&error);
      return Error::of(ErrorCode::internal, "libzip: " + why);
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) {
      zip_source_free(source);  // not taken over when the open fails
      const int code = zip_error_code_zip(&error);
      const std::string why = zip_error_strerror(&error);
      zip_error_fini(&error);
      if (code == ZIP_ER_NOZIP) return invalid({}, std::string(kDocxNotZipMessage));
      return invalid({}, "the .docx file is damaged: " + why);
    }
    zip_error_fini(&error);
    return std::unique_ptr<Package>(new Package(archive, limits));
  }

  bool has(const std::string& name) const {
    return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
  }

  // A part's bytes. not_found when the package has no such part; too_large past a limit;
  // invalid when it cannot be unpacked.
  core::Result<std::string> read(const std::string& name) {
    const zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return Error::at(ErrorCode::not_found, name, "the part is missing");
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_, zip_uint64_t(index), 0, &stat) != 0)
      return invalid(name, "the part cannot be read from the archive");
    if (stat.valid & ZIP_STAT_SIZE) {
      if (stat.size > limits_.max_part_bytes)
        return too_large(name, "would unpack to " + std::to_string(stat.size) +
                                   " bytes, more than the " + bytes_text(limits_.max_part_bytes) +
                                   " accepted for one part: refused as a possible zip bomb");
      if (stat.size > limits_.max_total_bytes - total_) return over_total(name);
    }
    zip_file_t* file = zip_fopen_index(zip_, zip_uint64_t(index), 0);
    if (!file) {
      const int code = zip_error_code_zip(zip_get_error(zip_));
      const std::string why = zip_strerror(zip_);
      zip_error_clear(zip_);
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
        return invalid({}, std::string(kDocxEncryptedMessage));
      return invalid(name, "the part cannot be unpacked: " + why);
    }
    std::string out;
    if (stat.valid & ZIP_STAT_SIZE) out.reserve(size_t(stat.size));
    char chunk[65536];
    for (;;) {
      const zip_int64_t got = zip_fread(file, chunk, sizeof chunk);
      if (got < 0) {
        const std::string why = zip_file_strerror(file);
        zip_fclose(file);
        return invalid(name, "the part is damaged: " + why);
      }
      if (got == 0) break;
      out.append(chunk, size_t(got));
      // The bytes really inflated, whatever the directory declared.
      if (out.size() > limits_.max_part_bytes) {
        zip_fclose(file);
        return too_large(name, "unpacks to more than the " + bytes_text(limits_.max_part_bytes) +
                                   " accepted for one part: refused as a possible zip bomb");
      }
      if (out.size() > limits_.max_total_bytes - total_) {
        zip_fclose(file);
        return over_total(name);
      }
    }
    zip_fclose(file);
    total_ += out.size();
    return out;
  }

 private:
  Package(zip_t* archive, const DocxLimits& limits) : zip_(archive), limits_(limits) {}

  Error over_total(const std::string& name) const {
    return too_large(name, "the parts read would unpack to more than the " +
                               bytes_text(limits_.max_total_bytes) +
                               " accepted in all: refused as a possible zip bomb");
  }

  zip_t* zip_ = nullptr;
  DocxLimits limits_;
  uint64_t total_ = 0;
};

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

struct Xml {
  pugi::xml_document doc;
};

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

std::string_view val(pugi::xml_node n, const char* attribute = "w:val") {
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

enum class Tri : int8_t { unset = -1, off = 0, on = 1 };

// w:b, w:i, w:vanish...: on unless w:val says "0", "false" or "off".
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

// A relationship's target as a part name: relative to the source part's folder, "/"
// for the package root, "." and ".." resolved.
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

struct Relationship {
  std::string type;
  std::string target;  // a part name, or the URL when external
  bool external = false;
};
using Relationships = std::unordered_map<std::string, Relationship>;

std::string rels_name(std::string_view part) {
  const size_t slash = part.rfind('/');
  const std::string_view folder = slash == std::string_view::npos ? "" : part.substr(0, slash + 1);
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(folder) + "_rels/" + std::string(file) + ".rels";
}

// ---- Styles -----------------------------------------------------------------------------

struct Style {
  char type = 'p';  // 'p'aragraph, 'c'haracter, 't'able, 'n'umbering
  std::string based_on;
  int heading = 0;  // from the name: "heading 2" / "标题 2" -> 2, "Title" -> 1
  int outline = -1;
  Tri b = Tri::unset, i = Tri::unset, u = Tri::unset, vanish = Tri::unset;
  bool has_numbering = false;
  std::string num_id;
  int ilvl = 0;
};

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

struct Styles {
  std::unordered_map<std::string, Style> by_id;
  std::string default_paragraph;
  Tri b = Tri::unset, i = Tri::unset, u = Tri::unset;  // docDefaults

  void read(const pugi::xml_node root) {
    const pugi::xml_node styles = root.child("w:styles");
    const pugi::xml_node defaults =
        styles.child("w:docDefaults").child("w:rPrDefault").child("w:rPr");
    b = toggle(defaults.child("w:b"));
    i = toggle(defaults.child("w:i"));
    u = underline(defaults.child("w:u"));
    for (pugi::xml_node s : styles.children("w:style")) {
      Style style;
      const std::string_view type = val(s, "w:type");
      style.type = type == "character"   ? 'c'
                   : type == "table"     ? 't'
                   : type == "numbering" ? 'n'
                                         : 'p';
      style.based_on = val(s.child("w:basedOn"));
      style.heading = heading_from_name(val(s.child("w:name")));
      const pugi::xml_node ppr = s.child("w:pPr");
      if (pugi::xml_node o = ppr.child("w:outlineLvl")) style.outline = int_value(val(o), -1);
      if (pugi::xml_node num = ppr.child("w:numPr")) {
        style.has_numbering = true;
        style.num_id = val(num.child("w:numId"));
        style.ilvl = int_value(val(num.child("w:ilvl")), 0);
      }
      const pugi::xml_node rpr = s.child("w:rPr");
      style.b = toggle(rpr.child("w:b"));
      style.i = toggle(rpr.child("w:i"));
      style.u = underline(rpr.child("w:u"));
      style.vanish = toggle(rpr.child("w:vanish"));
      const std::string id(val(s, "w:styleId"));
      const std::string_view is_default = val(s, "w:default");
      if (style.type == 'p' && default_paragraph.empty() &&
          (is_default == "1" || is_default == "true" || is_default == "on"))
        default_paragraph = id;
      by_id.emplace(id, std::move(style));
    }
  }

  // Walks a style and the styles it is based on (a bounded chain: cycles end it), first
  // answer wins.
  template <typename F>
  auto find(const std::string& id, F f) const -> decltype(f(std::declval<const Style&>())) {
    std::string current = id;
    for (int hops = 0; hops < 16 && !current.empty(); ++hops) {
      const auto it = by_id.find(current);
      if (it == by_id.end()) break;
      if (auto answer = f(it->second)) return answer;
      current = it->second.based_on;
    }
    return {};
  }

  Tri prop(const std::string& id, Tri Style::*member) const {
    const int v =
        find(id, [&](const Style& s) { return s.*member == Tri::unset ? 0 : int(s.*member) + 1; });
    return v == 0 ? Tri::unset : Tri(v - 1);
  }

  int heading(const std::string& id) const {
    return find(id, [](const Style& s) {
      if (s.heading > 0) return s.heading;
      if (s.outline >= 0 && s.outline <= 8) return s.outline + 1;
      return 0;
    });
  }

  const Style* numbering(const std::string& id) const {
    return find(id, [](const Style& s) -> const Style* { return s.has_numbering ? &s : nullptr; });
  }
};

// ---- Numbering ----------------------------------------------------------------------------

struct Level {
  bool none = false;    // numFmt "none": not shown as a list
  bool bullet = false;  // ul; anything else is an ol
  int start = 1;
  std::string type;  // the ol's type attribute for letters and roman numerals
};

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

struct Numbering {
  struct Abstract {
    std::map<int, Level> levels;
    std::string style_link;  // w:numStyleLink: the levels are those of this numbering style
  };
  struct Num {
    std::string abstract_id;
    std::map<int, Level> overrides;
    std::map<int, int> start_overrides;
  };
  std::unordered_map<std::string, Abstract> abstracts;
  std::unordered_map<std::string, Num> nums;

  void read(const pugi::xml_node root) {
    const pugi::xml_node numbering = root.child("w:numbering");
    for (pugi::xml_node a : numbering.children("w:abstractNum")) {
      Abstract& abstract = abstracts[std::string(val(a, "w:abstractNumId"))];
      abstract.style_link = val(a.child("w:numStyleLink"));
      for (pugi::xml_node lvl : a.children("w:lvl"))
        abstract.levels[int_value(val(lvl, "w:ilvl"), 0)] = read_level(lvl);
    }
    for (pugi::xml_node n : numbering.children("w:num")) {
      Num& num = nums[std::string(val(n, "w:numId"))];
      num.abstract_id = val(n.child("w:abstractNumId"));
      for (pugi::xml_node o : n.children("w:lvlOverride")) {
        const int ilvl = int_value(val(o, "w:ilvl"), 0);
        if (pugi::xml_node lvl = o.child("w:lvl")) num.overrides[ilvl] = read_level(lvl);
        if (pugi::xml_node s = o.child("w:startOverride"))
          num.start_overrides[ilvl] = int_value(val(s), 1);
      }
    }
  }

  // The level a paragraph's numId and ilvl give, or nullopt when they give no list.
  std::optional<Level> level(const std::string& num_id, int ilvl, const Styles& styles) const {
    auto num = nums.find(num_id);
    if (num == nums.end()) return std::nullopt;
    std::optional<Level> out;
    if (auto o = num->second.overrides.find(ilvl); o != num->second.overrides.end())
      out = o->second;
    auto abstract = abstracts.find(num->second.abstract_id);
    // One hop through a numbering style (w:numStyleLink -> the style's numId -> its levels).
    if (abstract != abstracts.end() && !abstract->second.style_link.empty()) {
      if (const Style* s = styles.numbering(abstract->second.style_link)) {
        auto linked = nums.find(s->num_id);
        if (linked != nums.end() && linked->first != num_id) {
          auto a = abstracts.find(linked->second.abstract_id);
          if (a != abstracts.end()) abstract = a;
        }
      }
    }
    if (!out && abstract != abstracts.end()) {
      // A level the numbering does not define takes the kind of the nearest one above it
      // (a bullet list indented once more stays bullets).
      const auto& levels = abstract->second.levels;
      auto l = levels.upper_bound(ilvl);
      if (l != levels.begin()) out = std::prev(l)->second;
      if (out && std::prev(l)->first != ilvl) out->start = 1;
    }
    if (!out) {
      if (abstract == abstracts.end()) return std::nullopt;
      out = Level{};  // no levels at all: numbers, as Word's default
    }
    if (auto s = num->second.start_overrides.find(ilvl); s != num->second.start_overrides.end())
      out->start = s->second;
    if (out->none) return std::nullopt;
    return out;
  }
};

// ---- Symbols ----------------------------------------------------------------------------

// A character of the Symbol or Wingdings font (w:sym, code 0xF0xx or 0x00xx) as Unicode,
// or 0 when there is no plain equivalent.
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

// Text as the tree gets it: tabs and line breaks as spaces, other control characters and
// soft hyphens dropped.
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

// ---- The reader -------------------------------------------------------------------------

constexpr size_t kMaxXmlRecursion = 256;  // inline wrappers in wrappers, content controls...
constexpr size_t kMaxFieldNesting = 32;

struct Part {
  std::string name;
  std::string folder;
  Relationships rels;
};

struct Item {
  enum class Kind : uint8_t { Text, Break, Image } kind = Kind::Text;
  std::string text;  // Text; Image: the src
  std::string alt;   // Image
  std::string href;
  bool b = false, i = false, u = false;
};

struct Paragraph {
  std::string style;  // the paragraph style's id
  bool heading = false;
  std::vector<Item> items;
  std::vector<pugi::xml_node> boxes;  // text boxes anchored here (w:txbxContent)
  std::vector<std::string> links;     // w:hyperlink targets around the current run
};

struct Field {
  std::string instruction;
  bool in_result = false;
  bool toc = false;
  std::string href;
};

struct Note {
  bool endnote = false;
  std::string id;
  int number = 0;
};

// "HYPERLINK "url" \l "anchor" \o "tip"": the URL, or empty for an internal link.
void parse_field(std::string_view instruction, Field& f) {
  std::vector<std::string> words;
  for (size_t i = 0; i < instruction.size();) {
    const char c = instruction[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    std::string word;
    if (c == '"') {
      ++i;
      while (i < instruction.size() && instruction[i] != '"') word += instruction[i++];
      ++i;
    } else {
      while (i < instruction.size() && instruction[i] != ' ' && instruction[i] != '\t')
        word += instruction[i++];
    }
    words.push_back(std::move(word));
    if (words.size() > 16) break;
  }
  if (words.empty()) return;
  const std::string kind = lowercase(words[0]);
  if (kind == "toc") f.toc = true;
  if (kind != "hyperlink") return;
  for (size_t i = 1; i < words.size(); ++i) {
    if (!words[i].empty() && words[i][0] == '\\') {
      // Switches with an argument: \l anchor, \o tooltip, \t target frame.
      if (words[i].size() == 2 && std::strchr("lot", words[i][1])) ++i;
      continue;
    }
    f.href = words[i];
    return;
  }
}

class Reader {
 public:
  Reader(Package& package, const DocxLimits& limits, DocxDocument& out)
      : package_(package), limits_(limits), out_(out) {}

  void warn(const std::string& message) {
    if (warned_.insert(message).second) out_.warnings.push_back(message);
  }

  // Relationships of a part; a damaged file is a warning (no links, no pictures).
  Relationships read_rels(const std::string& part) {
    Relationships rels;
    const std::string name = rels_name(part);
    if (!package_.has(name)) return rels;
    auto text = package_.read(name);
    if (!text) {
      warn(text.error().message() + ": the links and pictures of " + part + " were left out");
      return rels;
    }
    auto xml = parse_xml(name, *text);
    if (!xml) {
      warn(xml.error().message() + ": the links and pictures of " + part + " were left out");
      return rels;
    }
    const std::string folder = folder_of(part);
    for (pugi::xml_node r : (*xml)->doc.first_child().children()) {
      if (local_name(r.name()) != "Relationship") continue;
      Relationship rel;
      rel.type = r.attribute("Type").value();
      rel.external = equals_nocase(r.attribute("TargetMode").value(), "External");
      const std::string_view target = r.attribute("Target").value();
      rel.target = rel.external ? std::string(target) : resolve_target(folder, target);
      rels.emplace(r.attribute("Id").value(), std::move(rel));
    }
    return rels;
  }

  // The target of the first relationship of that type (by its last segment), or fallback.
  static std::string part_of_type(const Relationships& rels, std::string_view type_tail,
                                  std::string fallback) {
    for (const auto& [id, rel] : rels)
      if (!rel.external && ends_with(rel.type, type_tail)) return rel.target;
    return fallback;
  }

  // A secondary part, parsed; nullptr (and a warning when it exists but fails) otherwise.
  std::unique_ptr<Xml> secondary(const std::string& name) {
    if (name.empty() || !package_.has(name)) return nullptr;
    auto text = package_.read(name);
    if (!text) {
      warn(text.error().message() + ": the part was left out");
      return nullptr;
    }
    auto xml = parse_xml(name, *text);
    if (!xml) {
      warn(xml.error().message() + ": the part was left out");
      return nullptr;
    }
    return std::move(*xml);
  }

  core::Status read(const std::string& document_name, const std::string& document_text) {
    auto xml = parse_xml(document_name, document_text);
    if (!xml) return xml.error();
    Part part{document_name, folder_of(document_name), read_rels(document_name)};
    const pugi::xml_node body = (*xml)->doc.child("w:document").child("w:body");
    if (!body)
      return invalid(document_name, "no w:document/w:body: it is not a Word document body");

    if (auto styles = secondary(part_of_type(part.rels, "/styles", part.folder + "styles.xml")))
      styles_.read(styles->doc);
    if (auto numbering =
            secondary(part_of_type(part.rels, "/numbering", part.folder + "numbering.xml")))
      numbering_.read(numbering->doc);

    blocks(body, part);
    close_lists();
    fields_.clear();
    notes(part);
    out_.tree = builder_.finish();
    if (out_.tree.truncated)
      warn("the document is too long: only its first " + std::to_string(core::kHtmlMaxNodes) +
           " elements were kept");
    return core::ok_status();
  }

 private:
  struct Depth {
    explicit Depth(size_t& d) : d_(d) { ++d_; }
    ~Depth() { --d_; }
    size_t& d_;
  };

  bool too_deep() {
    if (recursion_ < kMaxXmlRecursion) return false;
    warn("content nested more than " + std::to_string(kMaxXmlRecursion) +
         " elements deep was left out");
    return true;
  }

  // ---- Blocks ----

  void blocks(pugi::xml_node parent, const Part& part) {
    if (too_deep()) return;
    Depth depth(recursion_);
    for (pugi::xml_node n : parent.children()) {
      const std::string_view name = n.name();
      if (name == "w:p") {
        paragraph(n, part);
      } else if (name == "w:tbl") {
        close_lists();
        table(n, part);
      } else if (name == "w:sdt") {
        if (const pugi::xml_node content = sdt_content(n)) blocks(content, part);
      } else if (name == "w:customXml" || name == "w:ins" || name == "w:moveTo" ||
                 name == "w:smartTag") {
        blocks(n, part);
      } else if (name == "w:del" || name == "w:moveFrom") {
        tracked_deletion();
      } else if (name == "mc:AlternateContent") {
        if (const pugi::xml_node chosen = choose(n)) blocks(chosen, part);
      }
      // w:sectPr, bookmarks, comment ranges, proofing marks: nothing to show.
    }
  }

  // Blocks with their own list state: a table cell, a text box, a note.
  void isolated_blocks(pugi::xml_node parent, const Part& part) {
    std::vector<OpenList> saved = std::move(lists_);
    lists_.clear();
    blocks(parent, part);
    close_lists();
    lists_ = std::move(saved);
  }

  pugi::xml_node sdt_content(pugi::xml_node sdt) {
    const pugi::xml_node pr = sdt.child("w:sdtPr");
    if (pr.child("w:showingPlcHdr")) return {};  // "Click here to enter text."
    const std::string_view gallery = val(pr.child("w:docPartObj").child("w:docPartGallery"));
    if (gallery == "Table of Contents") return {};
    return sdt.child("w:sdtContent");
  }

  // mc:AlternateContent: the first mc:Choice needing only namespaces read here, else the
  // mc:Fallback.
  static pugi::xml_node choose(pugi::xml_node alternate) {
    static const std::set<std::string_view> kUnderstood = {"w",   "r",   "wp",   "a",   "pic",
                                                           "v",   "o",   "w10",  "wps", "wpg",
                                                           "wpc", "w14", "wp14", "a14", "m"};
    for (pugi::xml_node choice : alternate.children("mc:Choice")) {
      const std::string_view required = choice.attribute("Requires").value();
      bool ok = !required.empty();
      size_t start = 0;
      for (size_t i = 0; ok && i <= required.size(); ++i) {
        if (i < required.size() && required[i] != ' ') continue;
        if (i > start && !kUnderstood.count(required.substr(start, i - start))) ok = false;
        start = i + 1;
      }
      if (ok) return choice;
    }
    return alternate.child("mc:Fallback");
  }

  void tracked_deletion() {
    warn("tracked changes: deleted text was left out and inserted text kept");
  }

  // ---- Paragraphs ----

  void paragraph(pugi::xml_node p, const Part& part) {
    const pugi::xml_node ppr = p.child("w:pPr");
    Paragraph para;
    para.style = val(ppr.child("w:pStyle"));
    if (para.style.empty() || !styles_.by_id.count(para.style))
      para.style = styles_.default_paragraph;

    int heading = 0;
    if (pugi::xml_node o = ppr.child("w:outlineLvl")) {
      const int level = int_value(val(o), 9);
      if (level >= 0 && level <= 8) heading = level + 1;
    }
    if (heading == 0) heading = styles_.heading(para.style);
    if (heading > 6) heading = 6;
    para.heading = heading > 0;

    // Numbering: the paragraph's own, else its style's; numId 0 switches it off.
    std::string num_id;
    int ilvl = 0;
    if (pugi::xml_node num = ppr.child("w:numPr")) {
      num_id = val(num.child("w:numId"));
      ilvl = int_value(val(num.child("w:ilvl")), 0);
      if (!num.child("w:numId")) {
        if (const Style* s = styles_.numbering(para.style)) num_id = s->num_id;
      }
    } else if (const Style* s = styles_.numbering(para.style)) {
      num_id = s->num_id;
      ilvl = s->ilvl;
    }
    if (ilvl < 0 || ilvl > 8) ilvl = 0;
    std::optional<Level> level;
    if (!para.heading && !num_id.empty() && num_id != "0")
      level = numbering_.level(num_id, ilvl, styles_);

    inlines(p, part, para);
    trim(para.items);
    const bool content = has_content(para.items);
    if (content) {
      if (level) {
        list_item(num_id, ilvl, *level);
      } else {
        close_lists();
        builder_.open(heading > 0 ? std::string("h") + char('0' + heading) : "p");
      }
      emit(para.items, para.heading);
      if (!level) builder_.close();
    }
    for (pugi::xml_node box : para.boxes) {
      if (nesting_ >= size_t(limits_.max_nesting)) {
        nested_too_deep();
        break;
      }
      Depth d(nesting_);
      isolated_blocks(box, part);
    }
  }

  static void trim(std::vector<Item>& items) {
    while (!items.empty() && items.back().kind == Item::Kind::Break) items.pop_back();
    size_t first = 0;
    while (first < items.size() && items[first].kind == Item::Kind::Break) ++first;
    items.erase(items.begin(), items.begin() + long(first));
  }

  static bool has_content(const std::vector<Item>& items) {
    for (const Item& item : items) {
      if (item.kind == Item::Kind::Image) return true;
      if (item.kind == Item::Kind::Text && !is_blank(item.text)) return true;
    }
    return false;
  }

  // The paragraph's items into the tree: adjacent items with the same link and formatting
  // share their elements (a > b > i > u); the spaces around formatted text stay outside it.
  void emit(const std::vector<Item>& items, bool heading) {
    struct Wrap {
      char kind;  // 'a', 'b', 'i', 'u'
      std::string href;
      bool operator==(const Wrap& o) const { return kind == o.kind && href == o.href; }
    };
    std::vector<Wrap> open;
    auto wraps = [&](const Item& item, bool formatted) {
      std::vector<Wrap> w;
      if (!item.href.empty()) w.push_back({'a', item.href});
      if (formatted && item.b && !heading) w.push_back({'b', {}});
      if (formatted && item.i) w.push_back({'i', {}});
      if (formatted && item.u && item.href.empty()) w.push_back({'u', {}});
      return w;
    };
    auto move_to = [&](const std::vector<Wrap>& want) {
      size_t common = 0;
      while (common < open.size() && common < want.size() && open[common] == want[common]) ++common;
      while (open.size() > common) {
        builder_.close();
        open.pop_back();
      }
      for (size_t k = common; k < want.size(); ++k) {
        if (want[k].kind == 'a')
          builder_.open("a", {{"href", want[k].href}});
        else
          builder_.open(std::string(1, want[k].kind));
        open.push_back(want[k]);
      }
    };
    for (const Item& item : items) {
      switch (item.kind) {
        case Item::Kind::Break:
          builder_.open("br");
          builder_.close();
          break;
        case Item::Kind::Image:
          move_to(wraps(item, true));
          builder_.open("img", {{"src", item.text}, {"alt", item.alt}});
          builder_.close();
          break;
        case Item::Kind::Text: {
          const std::string_view text = item.text;
          const size_t begin = text.find_first_not_of(' ');
          if (begin == std::string_view::npos) {
            move_to(wraps(item, false));
            builder_.text(text);
            break;
          }
          const size_t end = text.find_last_not_of(' ') + 1;
          if (begin > 0) {
            move_to(wraps(item, false));
            builder_.text(text.substr(0, begin));
          }
          move_to(wraps(item, true));
          builder_.text(text.substr(begin, end - begin));
          if (end < text.size()) {
            move_to(wraps(item, false));
            builder_.text(text.substr(end));
          }
          break;
        }
      }
    }
    move_to({});
  }

  // ---- Inline content ----

  bool suppressed() const {
    for (const Field& f : fields_)
      if (f.toc) return true;
    return false;
  }

  std::string current_href(const Paragraph& para) const {
    for (size_t k = fields_.size(); k-- > 0;)
      if (fields_[k].in_result && !fields_[k].href.empty()) return fields_[k].href;
    return para.links.empty() ? std::string() : para.links.back();
  }

  struct Format {
    bool b = false, i = false, u = false, hidden = false;
  };

  Format format(pugi::xml_node rpr, const Paragraph& para) const {
    const std::string run_style(val(rpr.child("w:rStyle")));
    auto resolve = [&](Tri direct, Tri Style::*member, Tri fallback) {
      if (direct != Tri::unset) return direct == Tri::on;
      Tri t = run_style.empty() ? Tri::unset : styles_.prop(run_style, member);
      if (t == Tri::unset && !para.style.empty()) t = styles_.prop(para.style, member);
      if (t == Tri::unset) t = fallback;
      return t == Tri::on;
    };
    Format f;
    f.b = resolve(toggle(rpr.child("w:b")), &Style::b, styles_.b);
    f.i = resolve(toggle(rpr.child("w:i")), &Style::i, styles_.i);
    f.u = resolve(underline(rpr.child("w:u")), &Style::u, styles_.u);
    f.hidden = resolve(toggle(rpr.child("w:vanish")), &Style::vanish, Tri::unset) ||
               toggle(rpr.child("w:webHidden")) == Tri::on;
    return f;
  }

  void add_text(Paragraph& para, const Format& f, std::string_view text) {
    if (text.empty() || suppressed()) return;
    const std::string href = current_href(para);
    if (!para.items.empty()) {
      Item& last = para.items.back();
      if (last.kind == Item::Kind::Text && last.b == f.b && last.i == f.i && last.u == f.u &&
          last.href == href) {
        append_text(last.text, text);
        return;
      }
    }
    Item item;
    append_text(item.text, text);
    item.href = href;
    item.b = f.b;
    item.i = f.i;
    item.u = f.u;
    para.items.push_back(std::move(item));
  }

  void add_break(Paragraph& para) {
    if (suppressed()) return;
    Item item;
    item.kind = Item::Kind::Break;
    para.items.push_back(std::move(item));
  }

  void inlines(pugi::xml_node parent, const Part& part, Paragraph& para) {
    if (too_deep()) return;
    Depth depth(recursion_);
    for (pugi::xml_node n : parent.children()) {
      const std::string_view name = n.name();
      if (name == "w:r") {
        run(n, part, para, format(n.child("w:rPr"), para));
      } else if (name == "w:hyperlink") {
        std::string href;
        const std::string_view id = val(n, "r:id");
        if (!id.empty()) {
          auto rel = part.rels.find(std::string(id));
          if (rel != part.rels.end() && rel->second.external) {
            href = rel->second.target;
            if (const std::string_view anchor = val(n, "w:anchor"); !anchor.empty())
              href += "#" + std::string(anchor);
          }
        }
        para.links.push_back(href);
        inlines(n, part, para);
        para.links.pop_back();
      } else if (name == "w:fldSimple") {
        Field f;
        parse_field(val(n, "w:instr"), f);
        f.in_result = true;
        if (fields_.size() < kMaxFieldNesting) {
          fields_.push_back(f);
          inlines(n, part, para);
          fields_.pop_back();
        } else {
          inlines(n, part, para);
        }
      } else if (name == "w:ins" || name == "w:moveTo" || name == "w:smartTag" ||
                 name == "w:customXml" || name == "w:dir" || name == "w:bdo") {
        inlines(n, part, para);
      } else if (name == "w:sdt") {
        if (const pugi::xml_node content = sdt_content(n)) inlines(content, part, para);
      } else if (name == "w:del" || name == "w:moveFrom") {
        tracked_deletion();
      } else if (name == "mc:AlternateContent") {
        if (const pugi::xml_node chosen = choose(n)) inlines(chosen, part, para);
      } else if (name == "m:oMathPara" || name == "m:oMath") {
        math(n, para);
      }
      // w:pPr, bookmarks, comment ranges, proofing marks, w:permStart...: nothing to show.
    }
  }

  void math(pugi::xml_node equation, Paragraph& para) {
    warn("equations were kept as plain text");
    std::string text;
    for_each_descendant(equation, [&](pugi::xml_node n) {
      if (std::strcmp(n.name(), "m:t") == 0) text += n.text().get();
      return true;
    });
    add_text(para, Format{}, text);
  }

  // Visits root's descendants in document order without recursion; f returns whether to
  // go into the node's children.
  template <typename F>
  static void for_each_descendant(pugi::xml_node root, F f) {
    pugi::xml_node n = root.first_child();
    while (n) {
      if (n.type() == pugi::node_element && f(n) && n.first_child()) {
        n = n.first_child();
        continue;
      }
      while (n && n != root && !n.next_sibling()) n = n.parent();
      if (!n || n == root) break;
      n = n.next_sibling();
    }
  }

  void run(pugi::xml_node r, const Part& part, Paragraph& para, const Format& f) {
    for (pugi::xml_node n : r.children()) {
      const std::string_view name = n.name();
      if (name == "w:t") {
        if (f.hidden) continue;
        std::string_view text = n.text().get();
        if (val(n, "xml:space") != "preserve") {
          const size_t begin = text.find_first_not_of(" \t\r\n");
          text = begin == std::string_view::npos
                     ? std::string_view()
                     : text.substr(begin, text.find_last_not_of(" \t\r\n") + 1 - begin);
        }
        add_text(para, f, text);
      } else if (name == "w:instrText") {
        if (!fields_.empty() && !fields_.back().in_result &&
            fields_.back().instruction.size() < 4096)
          fields_.back().instruction += n.text().get();
      } else if (name == "w:fldChar") {
        field_char(val(n, "w:fldCharType"));
      } else if (name == "w:br") {
        const std::string_view type = val(n, "w:type");
        if (!f.hidden && type != "page" && type != "column") add_break(para);
      } else if (name == "w:cr") {
        if (!f.hidden) add_break(para);
      } else if (name == "w:tab" || name == "w:ptab") {
        if (!f.hidden) add_text(para, f, " ");
      } else if (name == "w:noBreakHyphen") {
        if (!f.hidden) add_text(para, f, "-");
      } else if (name == "w:sym") {
        if (!f.hidden) symbol(n, para, f);
      } else if (name == "w:drawing") {
        drawing(n, part, para);
      } else if (name == "w:pict" || name == "w:object") {
        vml(n, part, para);
      } else if (name == "mc:AlternateContent") {
        if (const pugi::xml_node chosen = choose(n)) {
          if (too_deep()) continue;
          Depth depth(recursion_);
          run(chosen, part, para, f);
        }
      } else if (name == "w:footnoteReference" || name == "w:endnoteReference") {
        Note note;
        note.endnote = name == "w:endnoteReference";
        note.id = val(n, "w:id");
        note.number = int(notes_.size()) + 1;
        if (notes_.size() < 10000) notes_.push_back(note);
        add_text(para, Format{}, "[" + std::to_string(note.number) + "]");
      } else if (name == "w:footnoteRef" || name == "w:endnoteRef") {
        if (current_note_ > 0) add_text(para, Format{}, "[" + std::to_string(current_note_) + "]");
      } else if (name == "w:commentReference") {
        warn("comments were left out");
      } else if (name == "w:ruby") {
        // Phonetic guides (pinyin over the characters): the base text only.
        const pugi::xml_node base = n.child("w:rubyBase");
        if (!too_deep()) {
          Depth depth(recursion_);
          inlines(base, part, para);
        }
      } else if (name == "w:delText" || name == "w:delInstrText") {
        tracked_deletion();
      }
      // w:softHyphen: nothing; w:rPr, w:lastRenderedPageBreak: nothing to show.
    }
  }

  void field_char(std::string_view type) {
    if (type == "begin") {
      if (fields_.size() < kMaxFieldNesting)
        fields_.push_back(Field{});
      else
        ++overflowed_fields_;
    } else if (type == "separate") {
      if (overflowed_fields_ == 0 && !fields_.empty() && !fields_.back().in_result) {
        parse_field(fields_.back().instruction, fields_.back());
        fields_.back().in_result = true;
      }
    } else if (type == "end") {
      if (overflowed_fields_ > 0)
        --overflowed_fields_;
      else if (!fields_.empty())
        fields_.pop_back();
    }
  }

  void symbol(pugi::xml_node sym, Paragraph& para, const Format& f) {
    const std::string code_text(val(sym, "w:char"));
    char* end = nullptr;
    const unsigned long code = std::strtoul(code_text.c_str(), &end, 16);
    if (code_text.empty() || *end != '\0' || code > 0x10FFFF) return;
    const std::string_view font = val(sym, "w:font");
    char32_t c = symbol_char(font, unsigned(code));
    if (c == 0 && !(code >= 0xE000 && code <= 0xF8FF) && code >= 0x20 &&
        lowercase(font) != "symbol" && lowercase(font).rfind("wingdings", 0) != 0)
      c = char32_t(code);  // an ordinary character written as a symbol
    if (c == 0) {
      warn("some symbols of symbol fonts (" + std::string(font) + ") were left out");
      return;
    }
    std::string text;
    core::utf8::append(text, c);
    add_text(para, f, text);
  }

  // ---- Pictures ----

  void drawing(pugi::xml_node d, const Part& part, Paragraph& para) {
    for (pugi::xml_node frame : d.children()) {
      const std::string_view kind = frame.name();
      if (kind != "wp:inline" && kind != "wp:anchor") continue;
      const pugi::xml_node pr = frame.child("wp:docPr");
      std::string alt(val(pr, "descr"));
      if (alt.empty()) alt = val(pr, "title");
      for_each_descendant(frame, [&](pugi::xml_node n) {
        const std::string_view name = n.name();
        if (name == "w:txbxContent") {
          if (para.boxes.size() < 1000) para.boxes.push_back(n);
          return false;
        }
        if (name == "a:blip") {
          const std::string_view embed = val(n, "r:embed");
          if (!embed.empty())
            picture(embed, alt, part, para);
          else if (!val(n, "r:link").empty())
            warn("linked pictures (not saved inside the document) were left out");
          return false;
        }
        if (name == "c:chart") {
          warn("charts were left out");
          return false;
        }
        if (name == "dgm:relIds") {
          warn("SmartArt graphics were left out");
          return false;
        }
        return true;
      });
    }
  }

  void vml(pugi::xml_node pict, const Part& part, Paragraph& para) {
    for_each_descendant(pict, [&](pugi::xml_node n) {
      const std::string_view name = n.name();
      if (name == "w:txbxContent") {
        if (para.boxes.size() < 1000) para.boxes.push_back(n);
        return false;
      }
      if (name == "v:imagedata") {
        std::string_view id = val(n, "r:id");
        if (id.empty()) id = val(n, "o:relid");
        std::string alt(val(n, "o:title"));
        if (alt.empty()) alt = val(n.parent(), "alt");
        if (!id.empty()) picture(id, alt, part, para);
        return false;
      }
      return true;
    });
  }

  void picture(std::string_view id, const std::string& alt, const Part& part, Paragraph& para) {
    if (suppressed()) return;
    auto rel = part.rels.find(std::string(id));
    if (rel == part.rels.end()) {
      warn("a picture whose relationship " + std::string(id) + " is missing was left out");
      return;
    }
    if (rel->second.external) {
      warn("linked pictures (not saved inside the document) were left out");
      return;
    }
    const std::string& name = rel->second.target;
    if (!loaded_.count(name)) {
      auto bytes = package_.read(name);
      if (!bytes) {
        if (bytes.error().code == ErrorCode::not_found)
          warn("picture " + name + " is missing from the file and was left out");
        else
          warn(bytes.error().message() + ": the picture was left out");
        failed_.insert(name);
        loaded_.insert(name);
        return;
      }
      DocxPicture p;
      p.name = name;
      p.mime = mime_of(name, *bytes);
      if (p.mime == "image/emf" || p.mime == "image/wmf" || p.mime == "image/tiff" ||
          p.mime == "application/octet-stream")
        warn("picture " + name + " is " + p.mime + ", which web browsers do not show");
      p.bytes = std::move(*bytes);
      out_.pictures.push_back(std::move(p));
      loaded_.insert(name);
    }
    if (failed_.count(name)) return;
    Item item;
    item.kind = Item::Kind::Image;
    item.text = std::string(kDocxPictureScheme) + name;
    item.alt = alt;
    item.href = current_href(para);
    para.items.push_back(std::move(item));
  }

  // ---- Lists ----

  struct OpenList {
    int ilvl;
    bool ordered;
    std::string num_id;
  };

  void close_list() {
    builder_.close();  // li
    builder_.close();  // ul / ol
    lists_.pop_back();
  }

  void close_lists() {
    while (!lists_.empty()) close_list();
  }

  // Opens the li for an item (and the lists it needs), leaving it open for what follows.
  void list_item(const std::string& num_id, int ilvl, const Level& level) {
    const bool ordered = !level.bullet;
    std::array<int, 9>& counts = counts_[num_id];
    ++counts[size_t(ilvl)];
    for (size_t k = size_t(ilvl) + 1; k < counts.size(); ++k) counts[k] = 0;

    while (!lists_.empty() && lists_.back().ilvl > ilvl) close_list();
    if (!lists_.empty() && lists_.back().ilvl == ilvl) {
      if (lists_.back().ordered == ordered && lists_.back().num_id == num_id) {
        builder_.close();
        builder_.open("li");
        return;
      }
      close_list();
    }
    std::vector<std::pair<std::string, std::string>> attributes;
    if (ordered) {
      const int start = level.start + counts[size_t(ilvl)] - 1;
      if (start != 1) attributes.emplace_back("start", std::to_string(start));
      if (!level.type.empty()) attributes.emplace_back("type", level.type);
    }
    builder_.open(ordered ? "ol" : "ul", std::move(attributes));
    builder_.open("li");
    lists_.push_back({ilvl, ordered, num_id});
  }

  // ---- Tables ----

  void nested_too_deep() {
    warn("tables or text boxes nested more than " + std::to_string(limits_.max_nesting) +
         " deep were left out");
  }

  struct Cell {
    pugi::xml_node node;
    int column = 0;
    int span = 1;
    enum class Merge : uint8_t { none, restart, proceed } merge = Merge::none;
    int rowspan = 1;
    bool hidden = false;  // continues the cell above: left out
  };
  struct Row {
    std::vector<Cell> cells;
    int before = 0;  // w:gridBefore
    bool header = false;
  };

  template <typename F>
  static void children_through_wrappers(pugi::xml_node parent, const char* want, F f,
                                        int depth = 0) {
    for (pugi::xml_node n : parent.children()) {
      const std::string_view name = n.name();
      if (name == want) {
        f(n);
      } else if (depth < 8 && (name == "w:customXml" || name == "w:ins" || name == "w:moveTo")) {
        children_through_wrappers(n, want, f, depth + 1);
      } else if (depth < 8 && name == "w:sdt") {
        children_through_wrappers(n.child("w:sdtContent"), want, f, depth + 1);
      }
    }
  }

  void table(pugi::xml_node tbl, const Part& part) {
    if (nesting_ >= size_t(limits_.max_nesting)) {
      nested_too_deep();
      return;
    }
    if (too_deep()) return;
    Depth d(nesting_), r(recursion_);

    std::vector<Row> rows;
    bool header_rows = true;
    children_through_wrappers(tbl, "w:tr", [&](pugi::xml_node tr) {
      const pugi::xml_node trpr = tr.child("w:trPr");
      if (trpr.child("w:del")) {
        tracked_deletion();
        return;
      }
      Row row;
      row.before = std::min(std::max(int_value(val(trpr.child("w:gridBefore")), 0), 0), 1000);
      header_rows = header_rows && toggle(trpr.child("w:tblHeader")) == Tri::on;
      row.header = header_rows;
      int column = row.before;
      children_through_wrappers(tr, "w:tc", [&](pugi::xml_node tc) {
        const pugi::xml_node tcpr = tc.child("w:tcPr");
        Cell cell;
        cell.node = tc;
        cell.column = column;
        cell.span = std::min(std::max(int_value(val(tcpr.child("w:gridSpan")), 1), 1), 1000);
        if (pugi::xml_node merge = tcpr.child("w:vMerge"))
          cell.merge = val(merge) == "restart" ? Cell::Merge::restart : Cell::Merge::proceed;
        column += cell.span;
        row.cells.push_back(cell);
      });
      rows.push_back(std::move(row));
    });

    // Vertical merges: the restarting cell spans the rows whose cell at the same grid column
    // continues it; those cells are left out. A continuing cell with nothing above it to
    // continue stays an ordinary cell.
    auto cell_at = [&](size_t row, int column) -> Cell* {
      for (Cell& c : rows[row].cells)
        if (c.column == column) return &c;
      return nullptr;
    };
    for (size_t y = 0; y < rows.size(); ++y) {
      for (Cell& cell : rows[y].cells) {
        if (cell.merge == Cell::Merge::proceed && y > 0) {
          const Cell* above = cell_at(y - 1, cell.column);
          if (above && above->merge != Cell::Merge::none) cell.hidden = true;
        }
        if (cell.merge != Cell::Merge::restart &&
            !(cell.merge == Cell::Merge::proceed && !cell.hidden))
          continue;
        for (size_t below = y + 1; below < rows.size(); ++below) {
          const Cell* next = cell_at(below, cell.column);
          if (!next || next->merge != Cell::Merge::proceed) break;
          ++cell.rowspan;
        }
      }
    }

    builder_.open("table");
    for (const Row& row : rows) {
      builder_.open("tr");
      const char* tag = row.header ? "th" : "td";
      if (row.before > 0) {
        std::vector<std::pair<std::string, std::string>> attributes;
        if (row.before > 1) attributes.emplace_back("colspan", std::to_string(row.before));
        builder_.open(tag, std::move(attributes));
        builder_.close();
      }
      for (const Cell& cell : row.cells) {
        if (cell.hidden) continue;
        std::vector<std::pair<std::string, std::string>> attributes;
        if (cell.span > 1) attributes.emplace_back("colspan", std::to_string(cell.span));
        if (cell.rowspan > 1) attributes.emplace_back("rowspan", std::to_string(cell.rowspan));
        builder_.open(tag, std::move(attributes));
        isolated_blocks(cell.node, part);
        builder_.close();
      }
      builder_.close();
    }
    builder_.close();
  }

  // ---- Notes ----

  void notes(const Part& document) {
    if (notes_.empty()) return;
    struct Source {
      std::unique_ptr<Xml> xml;
      Part part;
      std::unordered_map<std::string, pugi::xml_node> by_id;
    };
    auto load = [&](std::string_view type, const char* file, const char* root, const char* item) {
      Source s;
      s.part.name = part_of_type(document.rels, type, document.folder + file);
      s.xml = secondary(s.part.name);
      if (!s.xml) return s;
      s.part.folder = folder_of(s.part.name);
      s.part.rels = read_rels(s.part.name);
      for (pugi::xml_node n : s.xml->doc.child(root).children(item))
        s.by_id.emplace(val(n, "w:id"), n);
      return s;
    };
    Source foot = load("/footnotes", "footnotes.xml", "w:footnotes", "w:footnote");
    Source end = load("/endnotes", "endnotes.xml", "w:endnotes", "w:endnote");
    // Notes referenced inside notes are appended while this runs: index, not iterator.
    for (size_t k = 0; k < notes_.size(); ++k) {
      const Note note = notes_[k];
      Source& source = note.endnote ? end : foot;
      auto it = source.by_id.find(note.id);
      if (it == source.by_id.end()) continue;
      current_note_ = note.number;
      isolated_blocks(it->second, source.part);
      fields_.clear();
    }
    current_note_ = 0;
  }

  Package& package_;
  const DocxLimits& limits_;
  DocxDocument& out_;
  core::HtmlTreeBuilder builder_;
  Styles styles_;
  Numbering numbering_;
  std::set<std::string> warned_;
  std::vector<OpenList> lists_;
  std::unordered_map<std::string, std::array<int, 9>> counts_;  // items so far, per numId
  std::vector<Field> fields_;
  size_t overflowed_fields_ = 0;
  std::vector<Note> notes_;
  int current_note_ = 0;
  std::set<std::string> loaded_, failed_;
  size_t recursion_ = 0;
  size_t nesting_ = 0;
};

// The main document part, from the package relationships.
std::string main_part(Package& package) {
  const std::string fallback = "word/document.xml";
  if (!package.has("_rels/.rels")) return fallback;
  auto text = package.read("_rels/.rels");
  if (!text) return fallback;
  auto xml = parse_xml("_rels/.rels", *text);
  if (!xml) return fallback;
  for (pugi::xml_node r : (*xml)->doc.first_child().children()) {
    if (local_name(r.name()) != "Relationship") continue;
    if (!ends_with(r.attribute("Type").value(), "/officeDocument")) continue;
    const std::string target = resolve_target("", r.attribute("Target").value());
    if (package.has(target)) return target;
  }
  return fallback;
}

Error not_word(Package& package) {
  if (package.has("xl/workbook.xml"))
    return invalid({}, "this is an Excel workbook (.xlsx), not a Word document");
  if (package.has("ppt/presentation.xml"))
    return invalid({}, "this is a PowerPoint presentation (.pptx), not a Word document");
  if (package.has("content.xml") && package.has("mimetype"))
    return invalid({}, "this is an OpenDocument file (.odt): save it as .docx");
  return invalid({}, std::string(kDocxNotWordMessage));
}

}  // namespace

core::Result<DocxDocument> read_docx(std::string_view file_bytes, const DocxLimits& limits) {
  if (file_bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    return ole_error(file_bytes);  // an old .doc, or an encrypted .docx
  if (file_bytes.empty()) return invalid({}, std::string(kDocxNotZipMessage));
  auto package = Package::open(file_bytes, limits);
  if (!package) return package.error();
  Package& zip = **package;

  const std::string name = main_part(zip);
  if (!zip.has(name)) return not_word(zip);
  auto text = zip.read(name);
  if (!text) return text.error();

  DocxDocument document;
  Reader reader(zip, limits, document);
  if (core::Status s = reader.read(name, *text); !s) return s.error();
  return document;
}

}  // namespace press::native

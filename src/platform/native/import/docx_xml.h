#pragma once
// Word's XML as the reader sees it: parts parsed with pugixml and their prefixes made
// canonical, relationships, styles, numbering, Symbol/Wingdings characters and the
// kinds of picture bytes. Internal to press_native_import.
#include <array>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/native/import/docx_package.h"

namespace press::native::docx {

struct Xml {
  pugi::xml_document doc;
};

core::Result<std::unique_ptr<Xml>> parse_xml(const std::string& name, const std::string& text);

std::string_view local_name(const char* name);

std::string_view val(pugi::xml_node n, const char* attribute = "w:val");

int int_value(std::string_view s, int fallback);

enum class Tri : int8_t { unset = -1, off = 0, on = 1 };

// w:b, w:i, w:vanish...: on unless w:val says "0", "false" or "off".
Tri toggle(pugi::xml_node el);

Tri underline(pugi::xml_node el);

// ---- Relationships ------------------------------------------------------------------------

std::string folder_of(std::string_view part);

// A relationship's target as a part name: relative to the source part's folder, "/"
// for the package root, "." and ".." resolved.
std::string resolve_target(std::string_view folder, std::string_view target);

struct Relationship {
  std::string type;
  std::string target;  // a part name, or the URL when external
  bool external = false;
};
using Relationships = std::unordered_map<std::string, Relationship>;

std::string rels_name(std::string_view part);

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

int heading_from_name(std::string_view name);

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

Level read_level(pugi::xml_node lvl);

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
char32_t symbol_char(std::string_view font, unsigned code);

// Text as the tree gets it: tabs and line breaks as spaces, other control characters and
// soft hyphens dropped.
void append_text(std::string& out, std::string_view text);

bool is_blank(std::string_view text);

std::string_view mime_of(std::string_view name, std::string_view bytes);

}  // namespace press::native::docx

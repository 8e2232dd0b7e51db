#pragma once
// The little CSS the importer reads (html_markdown.h): whether a run is bold, italic,
// struck through or hidden, from its inline style and from the class rules of the
// document's <style> blocks. WPS marks bold only through classes such as "span.15",
// selectors no browser applies (a class cannot start with a digit), so the rules are read
// as text, not as CSS a browser would match.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace press::core::html_import {

// A run's look as a style says it: each flag set, cleared or left to the parent.
struct StyleLook {
  enum Tri : uint8_t { Inherit, On, Off };
  Tri bold = Inherit, italic = Inherit, strike = Inherit;
  bool hidden = false;       // display:none, visibility:hidden, mso-hide:all
  bool list_marker = false;  // mso-list:Ignore: Word's typed marker of a fake list item
  int list_level = 0;        // mso-list:l0 level2 lfo1 -> 2 (a Word list paragraph)
  std::string list_id;       // "l0"
  int outline_level = 0;     // mso-outline-level:1: a heading in a style of its own
};

// The value of property (lowercase) in a declaration list "a:b; c:d", trimmed, or empty.
std::string_view style_value(std::string_view declarations, std::string_view property);

// What an inline style attribute says.
StyleLook look_of_style(std::string_view declarations);

// Class rules of style sheets: the look a class gives an element ("span.15" a <span>
// of class 15, ".x" any element of class x; "h1.western" says nothing of <p class=western>).
class ClassLooks {
 public:
  void add_style_sheet(std::string_view css);
  // The combined look of an element's class attribute (space-separated names).
  StyleLook look_of_classes(std::string_view element, std::string_view class_attribute) const;
  bool empty() const { return rules_.empty(); }

 private:
  struct Rule {
    std::string element;  // lowercase; empty: any
    std::string name;     // the class, lowercase
    StyleLook look;
  };
  std::vector<Rule> rules_;
};

}  // namespace press::core::html_import

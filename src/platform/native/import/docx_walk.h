#pragma once
// The walk over document.xml that builds the HtmlTree: blocks, paragraphs and runs
// (docx_walk.cpp), pictures, lists, tables and notes (docx_walk_objects.cpp).
// Internal to press_native_import.
#include <array>
#include <cstddef>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/html_tree.h"
#include "platform/native/import/docx_package.h"
#include "platform/native/import/docx_xml.h"

namespace press::native::docx {

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
void parse_field(std::string_view instruction, Field& f);

class Reader {
 public:
  Reader(Package& package, const DocxLimits& limits, DocxDocument& out)
      : package_(package), limits_(limits), out_(out) {}

  void warn(const std::string& message);

  // Relationships of a part; a damaged file is a warning (no links, no pictures).
  Relationships read_rels(const std::string& part);

  // The target of the first relationship of that type (by its last segment), or fallback.
  static std::string part_of_type(const Relationships& rels, std::string_view type_tail,
                                  std::string fallback);

  // A secondary part, parsed; nullptr (and a warning when it exists but fails) otherwise.
  std::unique_ptr<Xml> secondary(const std::string& name);

  core::Status read(const std::string& document_name, const std::string& document_text);

 private:
  struct Depth {
    explicit Depth(size_t& d) : d_(d) { ++d_; }
    ~Depth() { --d_; }
    size_t& d_;
  };

  bool too_deep();

  // ---- Blocks ----

  void blocks(pugi::xml_node parent, const Part& part);

  // Blocks with their own list state: a table cell, a text box, a note.
  void isolated_blocks(pugi::xml_node parent, const Part& part);

  pugi::xml_node sdt_content(pugi::xml_node sdt);

  // mc:AlternateContent: the first mc:Choice needing only namespaces read here, else the
  // mc:Fallback.
  static pugi::xml_node choose(pugi::xml_node alternate);

  void tracked_deletion();

  // ---- Paragraphs ----

  void paragraph(pugi::xml_node p, const Part& part);

  static void trim(std::vector<Item>& items);

  static bool has_content(const std::vector<Item>& items);

  // The paragraph's items into the tree: adjacent items with the same link and formatting
  // share their elements (a > b > i > u); the spaces around formatted text stay outside it.
  void emit(const std::vector<Item>& items, bool heading);

  // ---- Inline content ----

  bool suppressed() const;

  std::string current_href(const Paragraph& para) const;

  struct Format {
    bool b = false, i = false, u = false, hidden = false;
  };

  Format format(pugi::xml_node rpr, const Paragraph& para) const;

  void add_text(Paragraph& para, const Format& f, std::string_view text);

  void add_break(Paragraph& para);

  void inlines(pugi::xml_node parent, const Part& part, Paragraph& para);

  void math(pugi::xml_node equation, Paragraph& para);

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

  void run(pugi::xml_node r, const Part& part, Paragraph& para, const Format& f);

  void field_char(std::string_view type);

  void symbol(pugi::xml_node sym, Paragraph& para, const Format& f);

  // ---- Pictures ----

  void drawing(pugi::xml_node d, const Part& part, Paragraph& para);

  void vml(pugi::xml_node pict, const Part& part, Paragraph& para);

  void picture(std::string_view id, const std::string& alt, const Part& part, Paragraph& para);

  // ---- Lists ----

  struct OpenList {
    int ilvl;
    bool ordered;
    std::string num_id;
  };

  void close_list();

  void close_lists();

  // Opens the li for an item (and the lists it needs), leaving it open for what follows.
  void list_item(const std::string& num_id, int ilvl, const Level& level);

  // ---- Tables ----

  void nested_too_deep();

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

  void table(pugi::xml_node tbl, const Part& part);

  // ---- Notes ----

  void notes(const Part& document);

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

}  // namespace press::native::docx

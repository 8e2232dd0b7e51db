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
#include "platform/native/import/docx_walk.h"

namespace press::native::docx {

void Reader::drawing(pugi::xml_node d, const Part& part, Paragraph& para) {
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

void Reader::vml(pugi::xml_node pict, const Part& part, Paragraph& para) {
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

void Reader::picture(std::string_view id, const std::string& alt, const Part& part,
                     Paragraph& para) {
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

void Reader::close_list() {
  builder_.close();  // li
  builder_.close();  // ul / ol
  lists_.pop_back();
}

void Reader::close_lists() {
  while (!lists_.empty()) close_list();
}

void Reader::list_item(const std::string& num_id, int ilvl, const Level& level) {
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

void Reader::nested_too_deep() {
  warn("tables or text boxes nested more than " + std::to_string(limits_.max_nesting) +
       " deep were left out");
}

void Reader::table(pugi::xml_node tbl, const Part& part) {
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

void Reader::notes(const Part& document) {
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

}  // namespace press::native::docx

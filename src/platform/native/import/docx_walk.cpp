#include "platform/native/import/docx_walk.h"

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

// ---- The reader -------------------------------------------------------------------------

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

void Reader::warn(const std::string& message) {
  if (warned_.insert(message).second) out_.warnings.push_back(message);
}

Relationships Reader::read_rels(const std::string& part) {
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

std::string Reader::part_of_type(const Relationships& rels, std::string_view type_tail,
                                 std::string fallback) {
  for (const auto& [id, rel] : rels)
    if (!rel.external && ends_with(rel.type, type_tail)) return rel.target;
  return fallback;
}

std::unique_ptr<Xml> Reader::secondary(const std::string& name) {
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

core::Status Reader::read(const std::string& document_name, const std::string& document_text) {
  auto xml = parse_xml(document_name, document_text);
  if (!xml) return xml.error();
  Part part{document_name, folder_of(document_name), read_rels(document_name)};
  const pugi::xml_node body = (*xml)->doc.child("w:document").child("w:body");
  if (!body) return invalid(document_name, "no w:document/w:body: it is not a Word document body");

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

bool Reader::too_deep() {
  if (recursion_ < kMaxXmlRecursion) return false;
  warn("content nested more than " + std::to_string(kMaxXmlRecursion) +
       " elements deep was left out");
  return true;
}

void Reader::blocks(pugi::xml_node parent, const Part& part) {
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

void Reader::isolated_blocks(pugi::xml_node parent, const Part& part) {
  std::vector<OpenList> saved = std::move(lists_);
  lists_.clear();
  blocks(parent, part);
  close_lists();
  lists_ = std::move(saved);
}

pugi::xml_node Reader::sdt_content(pugi::xml_node sdt) {
  const pugi::xml_node pr = sdt.child("w:sdtPr");
  if (pr.child("w:showingPlcHdr")) return {};  // "Click here to enter text."
  const std::string_view gallery = val(pr.child("w:docPartObj").child("w:docPartGallery"));
  if (gallery == "Table of Contents") return {};
  return sdt.child("w:sdtContent");
}

pugi::xml_node Reader::choose(pugi::xml_node alternate) {
  static const std::set<std::string_view> kUnderstood = {
      "w", "r", "wp", "a", "pic", "v", "o", "w10", "wps", "wpg", "wpc", "w14", "wp14", "a14", "m"};
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

void Reader::tracked_deletion() {
  warn("tracked changes: deleted text was left out and inserted text kept");
}

void Reader::paragraph(pugi::xml_node p, const Part& part) {
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

void Reader::trim(std::vector<Item>& items) {
  while (!items.empty() && items.back().kind == Item::Kind::Break) items.pop_back();
  size_t first = 0;
  while (first < items.size() && items[first].kind == Item::Kind::Break) ++first;
  items.erase(items.begin(), items.begin() + long(first));
}

bool Reader::has_content(const std::vector<Item>& items) {
  for (const Item& item : items) {
    if (item.kind == Item::Kind::Image) return true;
    if (item.kind == Item::Kind::Text && !is_blank(item.text)) return true;
  }
  return false;
}

void Reader::emit(const std::vector<Item>& items, bool heading) {
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

bool Reader::suppressed() const {
  for (const Field& f : fields_)
    if (f.toc) return true;
  return false;
}

std::string Reader::current_href(const Paragraph& para) const {
  for (size_t k = fields_.size(); k-- > 0;)
    if (fields_[k].in_result && !fields_[k].href.empty()) return fields_[k].href;
  return para.links.empty() ? std::string() : para.links.back();
}

Reader::Format Reader::format(pugi::xml_node rpr, const Paragraph& para) const {
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

void Reader::add_text(Paragraph& para, const Format& f, std::string_view text) {
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

void Reader::add_break(Paragraph& para) {
  if (suppressed()) return;
  Item item;
  item.kind = Item::Kind::Break;
  para.items.push_back(std::move(item));
}

void Reader::inlines(pugi::xml_node parent, const Part& part, Paragraph& para) {
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

void Reader::math(pugi::xml_node equation, Paragraph& para) {
  warn("equations were kept as plain text");
  std::string text;
  for_each_descendant(equation, [&](pugi::xml_node n) {
    if (std::strcmp(n.name(), "m:t") == 0) text += n.text().get();
    return true;
  });
  add_text(para, Format{}, text);
}

void Reader::run(pugi::xml_node r, const Part& part, Paragraph& para, const Format& f) {
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
      if (!fields_.empty() && !fields_.back().in_result && fields_.back().instruction.size() < 4096)
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

void Reader::field_char(std::string_view type) {
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

void Reader::symbol(pugi::xml_node sym, Paragraph& para, const Format& f) {
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

}  // namespace press::native::docx

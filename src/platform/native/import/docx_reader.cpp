#include "platform/native/import/docx_reader.h"

#include <string>

#include "platform/native/import/docx_package.h"
#include "platform/native/import/docx_walk.h"
#include "platform/native/import/docx_xml.h"

namespace press::native {

using namespace docx;

namespace {

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

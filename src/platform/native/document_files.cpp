#include "platform/native/document_files.h"

#include "platform/native/import/docx_reader.h"
#include "platform/native/import/html_gumbo.h"

namespace press::native {

bool DocumentFiles::reads(core::FileKind kind) const {
  return kind == core::FileKind::Html || kind == core::FileKind::Docx;
}

void DocumentFiles::read(const std::string& name, std::string bytes,
                         ui::Callback<void(bool, std::string, ui::ReadDocument)> done) {
  ui::ReadDocument document;
  if (core::sniff_file(bytes) != core::FileKind::Docx) {
    document.tree = parse_html(bytes);
    done(true, {}, std::move(document));
    return;
  }
  core::Result<DocxDocument> docx = read_docx(bytes);
  if (!docx.ok()) {
    done(false, name + ": " + docx.error().message(), std::move(document));
    return;
  }
  DocxDocument& read = docx.value();
  document.tree = std::move(read.tree);
  document.warnings = std::move(read.warnings);
  for (DocxPicture& picture : read.pictures) {
    ui::DocumentPicture p;
    p.src = std::string(kDocxPictureScheme) + picture.name;
    const size_t slash = picture.name.rfind('/');
    p.name = slash == std::string::npos ? picture.name : picture.name.substr(slash + 1);
    p.mime = std::move(picture.mime);
    p.bytes = std::move(picture.bytes);
    document.pictures.push_back(std::move(p));
  }
  done(true, {}, std::move(document));
}

}  // namespace press::native

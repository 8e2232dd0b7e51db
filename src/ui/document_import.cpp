// Importing a page or a Word document as a new draft (editor_session.h): the platform's
// DocumentReader turns the file into an HTML tree, and the rich paste (rich_paste.cpp) puts
// it into the new draft's empty body, so a document and a paste of it give the same article.
#include <string>
#include <utility>

#include "core/file_kind.h"
#include "ui/editor_session.h"
#include "ui/strings.h"

namespace press::ui {

bool EditorSession::imports_documents(core::FileKind kind) const {
  return (kind == core::FileKind::Html || kind == core::FileKind::Docx) && platform_.documents &&
         platform_.documents->reads(kind);
}

void EditorSession::import_document(const std::string& name, std::string bytes,
                                    Callback<void(bool ok)> done) {
  if (!platform_.documents) {
    if (done) done(false);
    return;
  }
  set_status(trf(Str::ImportingDocument, name.c_str()), StatusKind::Info);
  platform_.documents->read(
      name, std::move(bytes),
      guard([this, name, done = std::move(done)](bool ok, std::string error, ReadDocument doc) {
        if (!ok) {
          set_status(trf(Str::ImportFailed, name.c_str()) + error, StatusKind::Error);
          if (done) done(false);
          return;
        }
        // Not fresh: the title field is not focused, since the document may fill it in
        // once its pictures are stored, and a field being edited keeps its own text.
        if (dirty()) save();
        show_article(make_id(), blank_article(), false, false);
        const size_t slash = name.find_last_of("/\\");
        std::string file = slash == std::string::npos ? name : name.substr(slash + 1);
        paste_tree(0, 0, doc.tree, {}, std::move(doc.pictures), std::move(file),
                   std::move(doc.warnings));
        if (done) done(true);
      }));
}

}  // namespace press::ui

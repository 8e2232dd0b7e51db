#pragma once
// Opening a page or a Word document in the editor (导入 an .html or .docx): the platform
// reads the file into the core's HTML tree, the session turns it into a new article the
// way a paste would (EditorSession::import_document). Reading is the platform's because
// it needs a parser: natively gumbo and the .docx reader (libzip + pugixml); in the
// browser its own DOMParser and, for .docx only, mammoth, fetched the first time one is
// opened so the widget's start-up never pays for it.
#include <string>
#include <vector>

#include "core/file_kind.h"
#include "core/html_tree.h"
#include "ui/callback.h"

namespace press::ui {

struct StorageResult;

// A picture of the document the tree's <img src> names but whose bytes are not in it:
// a .docx part ("docx:word/media/image1.png"). Pictures as data: URIs need none.
struct DocumentPicture {
  std::string src;   // as in the tree's <img src>
  std::string name;  // a file name for the media store: "image1.png"
  std::string mime;
  std::string bytes;
};

struct ReadDocument {
  core::HtmlTree tree;
  std::vector<DocumentPicture> pictures;
  std::vector<std::string> warnings;  // what was left out, for the status line
};

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  // Whether this platform opens files of that kind (Html, Docx).
  virtual bool reads(core::FileKind kind) const = 0;
  // done runs exactly once, before the call returns or from Platform::poll(); a failure
  // says why in words for the editor ("这是旧版 .doc 文件…").
  virtual void read(const std::string& name, std::string bytes,
                    Callback<void(bool ok, std::string error, ReadDocument)> done) = 0;
};

}  // namespace press::ui

#pragma once
// The desktop build's DocumentReader (ui/document_reader.h): pages through gumbo, Word
// documents through the .docx reader of src/platform/native/import.
#include "ui/document_reader.h"

namespace press::native {

class DocumentFiles : public ui::DocumentReader {
 public:
  bool reads(core::FileKind kind) const override;
  void read(const std::string& name, std::string bytes,
            ui::Callback<void(bool ok, std::string error, ui::ReadDocument)> done) override;
};

}  // namespace press::native

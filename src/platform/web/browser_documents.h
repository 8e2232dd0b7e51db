#pragma once
// The widget's DocumentReader (ui/document_reader.h): press_import.js decodes a page or
// turns a .docx into HTML with mammoth (loaded only when one is opened), the browser's
// DOMParser reads it, and the DOM comes back in the compact encoding (core/html_tree.h).
#include "ui/document_reader.h"

namespace press::web {

class BrowserDocuments : public ui::DocumentReader {
 public:
  bool reads(core::FileKind kind) const override;
  void read(const std::string& name, std::string bytes,
            ui::Callback<void(bool ok, std::string error, ui::ReadDocument)> done) override;

  // From press_import.js, between frames.
  static void reply(int request, int ok, const char* error, const char* compact,
                    const char* warnings);
};

}  // namespace press::web

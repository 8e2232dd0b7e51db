#pragma once
// The .docx package: the ZIP archive read with limits against zip bombs, the OLE files a
// .docx is confused with (an old .doc, an encrypted .docx), and the errors and small text
// helpers the rest of the reader shares. Internal to press_native_import.
#include <zip.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "platform/native/import/docx_reader.h"

namespace press::native::docx {

using core::Error;
using core::ErrorCode;

Error invalid(std::string path, std::string message);

Error too_large(std::string path, std::string message);

bool equals_nocase(std::string_view a, std::string_view b);

bool ends_with(std::string_view s, std::string_view tail);

std::string lowercase(std::string_view s);

// Why an OLE compound file (D0 CF 11 E0) is not a .docx: an old .doc, an encrypted
// package, or another Office format.
Error ole_error(std::string_view bytes);

// ---- The package ------------------------------------------------------------------------

std::string bytes_text(uint64_t n);

class Package {
 public:
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;
  ~Package() {
    if (zip_) zip_discard(zip_);  // read-only: frees the source too
  }

  static core::Result<std::unique_ptr<Package>> open(std::string_view bytes,
                                                     const DocxLimits& limits);

  bool has(const std::string& name) const;

  // A part's bytes. not_found when the package has no such part; too_large past a limit;
  // invalid when it cannot be unpacked.
  core::Result<std::string> read(const std::string& name);

 private:
  Package(zip_t* archive, const DocxLimits& limits) : zip_(archive), limits_(limits) {}

  Error over_total(const std::string& name) const;

  zip_t* zip_ = nullptr;
  DocxLimits limits_;
  uint64_t total_ = 0;
};

}  // namespace press::native::docx

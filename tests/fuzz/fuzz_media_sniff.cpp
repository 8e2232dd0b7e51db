// libFuzzer: the upload sniffer and the ZIP directory reader see bytes from anyone who holds
// an editor's token. They must never crash or read out of bounds, and what they report must
// be consistent with the bytes they were given.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/file_kind.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  using press::core::FileKind;

  const press::core::ZipDirectory zip = press::core::read_zip_directory(bytes);
  if (zip.valid) {
    // Every entry takes at least a 46-byte directory record before the 22-byte end record.
    if (zip.entries * 46 + 22 > size || zip.first_entry_at > size || !zip.problem.empty())
      std::abort();
  } else if (zip.problem.empty()) {
    std::abort();  // a refusal always says why
  }

  const press::core::UploadSniff sniff = press::core::sniff_upload(bytes);
  const bool zip_kind = sniff.kind == FileKind::Zip || sniff.kind == FileKind::Docx ||
                        sniff.kind == FileKind::Xlsx || sniff.kind == FileKind::Pptx;
  // An archive accepted without a problem has a readable directory starting at byte 0.
  if (zip_kind && sniff.problem.empty() && (!sniff.zip.valid || sniff.zip.first_entry_at != 0))
    std::abort();
  if (press::core::to_string(sniff.kind).empty()) std::abort();
  if (press::core::sniff_file(bytes) == FileKind::Png && sniff.kind != FileKind::Png) std::abort();
  return 0;
}

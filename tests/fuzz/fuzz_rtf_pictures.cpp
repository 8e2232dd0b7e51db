// libFuzzer: the clipboard's RTF comes from whatever a user copied, from any program. The
// picture reader must never crash, recurse or run away, and what it reports must agree with
// itself: the signature behind every Png and Jpeg, the byte budget, and a smaller budget
// giving a prefix of the same pictures.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/rtf_pictures.h"

namespace {

bool same(const press::core::RtfPicture& a, const press::core::RtfPicture& b) {
  return a.format == b.format && a.bytes == b.bytes && a.width_twips == b.width_twips &&
         a.height_twips == b.height_twips;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using press::core::RtfPicture;
  const std::string_view rtf(reinterpret_cast<const char*>(data), size);

  const press::core::RtfPictures all = press::core::rtf_pictures(rtf);
  size_t total = 0;
  for (const RtfPicture& picture : all.pictures) {
    total += picture.bytes.size();
    const std::string_view bytes = picture.bytes;
    if (picture.format == RtfPicture::Format::Png && bytes.substr(0, 8) != "\x89PNG\r\n\x1a\n")
      std::abort();
    if (picture.format == RtfPicture::Format::Jpeg && bytes.substr(0, 3) != "\xFF\xD8\xFF")
      std::abort();
  }
  // Hex takes two characters a byte, \bin at least its own bytes: no more out than in (and the
  // inputs are far below the default budget).
  if (all.truncated || total > size) std::abort();

  constexpr size_t kSmallBudget = 64;
  const press::core::RtfPictures small = press::core::rtf_pictures(rtf, kSmallBudget);
  size_t small_total = 0;
  if (small.pictures.size() > all.pictures.size()) std::abort();
  for (size_t i = 0; i < small.pictures.size(); ++i) {
    small_total += small.pictures[i].bytes.size();
    if (!same(small.pictures[i], all.pictures[i])) std::abort();
  }
  if (small_total > kSmallBudget) std::abort();
  if (!small.truncated &&
      (small.pictures.size() != all.pictures.size() || small.error != all.error))
    std::abort();
  return 0;
}

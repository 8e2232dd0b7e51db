#pragma once
// The pictures of an RTF document (the clipboard's text/rtf flavour), in the order they are
// shown. A paste from Word carries its pictures in the HTML only as file:///…/clip_image002.png
// paths a browser may not read; the RTF flavour holds the same pictures as bytes, so the n-th
// picture here is the one behind the n-th <img> of the HTML.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace press::core {

struct RtfPicture {
  // Png and Jpeg are checked against the bytes' signature: a \pngblip whose bytes are not a PNG
  // is Other. Emf and Wmf are what the RTF declares. \macpict, \dibitmap, \wbitmap,
  // \pmmetafile and a group that names no format are Other.
  enum class Format : uint8_t { Png, Jpeg, Emf, Wmf, Other };
  Format format = Format::Other;
  std::string bytes;  // the decoded picture bytes (empty for a group without data)
  // The size shown, in twips (1/1440 inch): \picwgoal/\pichgoal scaled by \picscalex/\picscaley
  // percent, 0 when the goal is absent.
  uint32_t width_twips = 0, height_twips = 0;
};

struct RtfPictures {
  std::vector<RtfPicture> pictures;
  bool truncated = false;  // the pictures' bytes reached max_total_bytes; later ones are left out
  std::string error;       // why the RTF is malformed, in English with the byte offset; else empty
};

// One picture per picture shown: the fallbacks Word writes beside each one (\nonshppict, a
// shape's \shprslt) and pictures inside ignorable {\* } destinations other than \shppict and
// \shpinst are not reported, nor a shape's picture fill (only its "pib" property is a picture).
// Never throws, runs in linear time and in memory bounded by the input and max_total_bytes
// whatever the nesting. A malformed document gives the pictures completed before the fault.
RtfPictures rtf_pictures(std::string_view rtf, size_t max_total_bytes = 64u << 20);

}  // namespace press::core

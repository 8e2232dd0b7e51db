// libFuzzer: pasted HTML comes from any program and any page. The input is the compact
// tree the browser sends (html_tree.h), so every shape of tree is reachable: the converter
// must never crash, recurse away or print markup it did not mean. Checked: the Markdown is
// valid UTF-8; md4c finds no link the URL policy refuses and no picture but the
// placeholders; with every picture unresolved, place_images leaves none behind.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/html_markdown.h"
#include "core/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace press::core;
  const std::string_view compact(reinterpret_cast<const char*>(data), size);
  const HtmlImport result = html_to_markdown(decode_compact_html(compact));
  if (!utf8::is_valid(result.markdown) || !utf8::is_valid(result.title)) std::abort();

  const Document doc = parse_markdown(result.markdown);
  size_t pictures = 0;
  for (const Span& span : doc.spans) {
    if (span.link < 0) continue;
    const Link& link = doc.links[size_t(span.link)];
    if (span.kind == SpanKind::Image) {
      ++pictures;
      if (link.url.rfind("paste-image:", 0) != 0) std::abort();
    } else if (!link.allowed) {
      std::abort();
    }
  }
  if (pictures > result.images.size()) std::abort();

  const std::string without = place_images(result.markdown, {});
  if (!utf8::is_valid(without)) std::abort();
  const Document stripped = parse_markdown(without);
  for (const Span& span : stripped.spans)
    if (span.kind == SpanKind::Image) std::abort();
  return 0;
}

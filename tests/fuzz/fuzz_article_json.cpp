// libFuzzer: the JSON boundary must never crash, leak or throw on any bytes, and what it
// accepts must survive a round trip unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/article_json.h"
#include "core/site.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const press::core::ArticleParse parsed = press::core::parse_article(text);
  if (parsed.ok()) {
    const std::string json = press::core::article_to_json(parsed.article);
    const press::core::ArticleParse again = press::core::parse_article(json);
    if (!again.ok() || press::core::article_to_json(again.article) != json) std::abort();
  }
  press::core::parse_site(text);
  return 0;
}

#pragma once
// The content guard's built-in word lists (guard_lexicon.cpp). Data only: what the lists
// mean and how they were chosen is written beside them.
#include <cstddef>

#include "core/guard.h"

namespace press::core::lexicon {

struct Term {
  const char* text;
  Severity severity;
  const char* category;  // "gambling", "pornography", "spam service", "login phrase"
};

template <class T>
struct List {
  const T* items;
  size_t size;
  const T* begin() const { return items; }
  const T* end() const { return items + size; }
};

// Rule `lexicon`: gambling, pornography and spam-service vocabulary.
List<Term> terms();
// Rule `login-phrase`: the "login entrance" phrases that follow an injected brand.
List<Term> login_phrases();
// Innocent words that contain a short term ("金沙江" contains "金沙"): a term hit that lies
// inside one of these is not reported.
List<const char*> allowed_words();

// Rule `brand-token`: letter runs of gambling brands as they appear in Latin-letter tokens
// ("bet365", "kaiyun"). `needs_digits` ones only count next to digits ("vip8888").
struct BrandLetters {
  const char* letters;  // lower case
  bool needs_digits;
};
List<BrandLetters> brand_letters();

// Top-level domains a token must end with to be read as a domain name ("978.com").
List<const char*> top_level_domains();
// Well-known domains whose names contain digits ("163.com" mail): never spam signs.
List<const char*> common_domains();

// Rule `institution-name`: words that follow an institution's name ("党委书记", "牵头") and
// institution suffixes ("职业技术学院"), longest first where one contains another.
List<const char*> role_words();
List<const char*> institution_suffixes();

// Rule `invisible-char`: code point ranges hidden from a reader (inclusive), with a name.
struct InvisibleRange {
  char32_t first, last;
  const char* name;
};
List<InvisibleRange> invisible_ranges();

}  // namespace press::core::lexicon

#pragma once
// How the content guard judges Latin-letter tokens and host names (not a public API;
// guard_latin.cpp finds the tokens, these functions say what they look like).
#include <string>
#include <string_view>

#include "core/guard.h"

namespace press::core::guard_tokens {

struct Verdict {
  bool found = false;
  Severity severity = Severity::Warning;
  std::string reason;  // plain words, ends a sentence such as "“ag88” looks like ..."
};

// Digits of a gambling brand: only 0/6/8/9 with a doubled 6, 8 or 9 ("88", "0088",
// "6688"), or one digit other than 0 three times in a row ("333", "8888").
bool lucky_digits(std::string_view digit_run);

// A token of ASCII letters and digits, possibly joined by '.' or '-' ("ag88", "COVID-19"),
// full-width forms already folded to ASCII. `glued`: directly beside Chinese text.
//   blocking: a gambling brand's letters ("bet365", "188bet", "kaiyun" glued), or lucky
//             digits with letters ("ag88", "hg0088", "vip8888");
//   warning:  lucky digits behind one or two capitals or in a hyphenated model number
//             ("G1888", "i9-9900K"), or lower-case letters with three or more digits
//             glued ("abc123");
//   nothing:  "5G", "3D", "C919", "iPhone15", "RTX4090", "ISO9001", "PM2.5", "Win10", "x86".
Verdict judge_word(std::string_view token, bool glued);

// True when token is a domain name: two or more labels and a known top-level domain.
bool looks_like_domain(std::string_view token);

// The label that names the site: "ag88" in "www.ag88.com", "wzrb" in "wdapp.wzrb.com.cn".
std::string_view registrable_label(std::string_view host);

// Spam signs in a lower-case host name: a label that judge_word blocks, or a site name
// made of digits only ("978.com"), except well-known ones ("163.com").
Verdict judge_host_spam(std::string_view host);

}  // namespace press::core::guard_tokens

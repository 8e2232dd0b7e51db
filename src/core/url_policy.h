#pragma once
// URL policy: http, https, mailto and relative targets only; control characters, entity
// and percent-encoding tricks are decoded before the scheme is checked.
#include <string>
#include <string_view>

namespace press::core {

bool url_allowed(std::string_view url);

// Host part of an absolute http(s) URL, lower-cased, full-width forms folded to ASCII;
// empty for relative or other URLs.
std::string url_host(std::string_view url);

}  // namespace press::core

#pragma once
// data: URIs (RFC 2397), as pasted HTML carries pictures inline: <img src="data:image/png;
// base64,…">. Decoding them lets a paste keep its pictures without fetching anything.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace press::core {

struct DataUri {
  std::string mime;   // lowercase, without parameters; "text/plain" when the URI names none
  std::string bytes;  // the decoded content
};

// data:[<mime>][;name=value]*[;base64],<data>, with "data:" and ";base64" in any case.
// The data is percent-decoded, then (with ;base64) base64-decoded the way browsers do:
// whitespace and missing '=' padding are tolerated, any other character outside the alphabet
// is not. nullopt for anything malformed or when the decoded bytes exceed max_bytes. Which
// mimes are welcome is the caller's decision.
std::optional<DataUri> decode_data_uri(std::string_view uri, size_t max_bytes = 32u << 20);

}  // namespace press::core

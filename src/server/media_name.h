#pragma once
// The name a file was uploaded under: kept to show beside an attachment and to offer when
// it is downloaded, never used as a path (stored files are named by their sha256).
#include <string>
#include <string_view>

namespace press::server {

constexpr size_t kMaxUploadNameBytes = 255;

// The last path component (after '/' or '\'), as valid UTF-8 (bad bytes become U+FFFD),
// without control characters (C0, DEL, C1) or the bidirectional overrides that disguise an
// extension, trimmed, at most kMaxUploadNameBytes bytes (cut on a character boundary).
// "." and ".." become "".
std::string sanitize_upload_name(std::string_view raw);

// The Content-Disposition of a download: attachment; filename*=UTF-8''<percent-encoded>
// (RFC 6266 / 8187). The name is given the stored extension when it lacks it, so what the
// browser saves opens with the right program; an empty name is the stored one.
std::string attachment_disposition(std::string_view name, std::string_view stored_name,
                                   std::string_view ext);

}  // namespace press::server

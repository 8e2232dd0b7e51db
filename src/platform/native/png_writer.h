#pragma once
// Minimal PNG writer (8-bit RGBA, zlib-compressed) for --screenshot.
#include <cstdint>
#include <string>

namespace press::native {

// pixels: width * height RGBA rows, top row first. Empty on success, else the reason.
std::string write_png(const std::string& path, const uint8_t* pixels, int width, int height);

}  // namespace press::native

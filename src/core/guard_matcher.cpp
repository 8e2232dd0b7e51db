#include "core/guard_matcher.h"

#include <algorithm>
#include <cstdint>

namespace press::core {

namespace {

unsigned char fold(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}
bool is_lower_letter(unsigned char c) {
  return c >= 'a' && c <= 'z';
}

void set_bit(std::vector<uint64_t>& bits, uint32_t h) {
  bits[h >> 6] |= uint64_t(1) << (h & 63);
}

// Calls f(x) with the first `count` bytes of the pattern as a little-endian integer, once
// for every upper/lower-case spelling of the ASCII letters among them.
template <class F>
void for_each_spelling(const std::string& lower, size_t count, F f) {
  size_t letters[8];
  size_t letter_count = 0;
  uint64_t base = 0;
  for (size_t k = 0; k < count; ++k) {
    const auto c = (unsigned char)lower[k];
    base |= uint64_t(c) << (8 * k);
    if (is_lower_letter(c)) letters[letter_count++] = k;
  }
  for (uint32_t mask = 0; mask < (1u << letter_count); ++mask) {
    uint64_t x = base;
    for (size_t b = 0; b < letter_count; ++b)
      if (mask & (1u << b)) x ^= uint64_t(0x20) << (8 * letters[b]);  // 'a' ^ 0x20 == 'A'
    f(x);
  }
}

}  // namespace

uint32_t TermMatcher::add(std::string_view pattern) {
  std::string lower(pattern);
  for (char& c : lower) c = char(fold((unsigned char)c));
  patterns_.push_back(std::move(lower));
  return uint32_t(patterns_.size() - 1);
}

void TermMatcher::compile() {
  // Byte classes: every byte used by a pattern is its own class, all others share class 0
  // (which no edge has); an upper-case letter shares its lower-case letter's class.
  bool used[256] = {};
  for (const std::string& p : patterns_)
    for (unsigned char c : p) used[c] = true;
  class_count_ = 1;
  for (int b = 0; b < 256; ++b) byte_class_[b] = used[b] ? uint8_t(class_count_++) : 0;
  for (int b = 'A'; b <= 'Z'; ++b) byte_class_[b] = byte_class_[b + ('a' - 'A')];
  const uint32_t classes = class_count_;

  // The trie, grown in flat arrays (each state's edges chained from its first), then stored
  // with each state's edges side by side.
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> first_edge(1, kNone), next_edge, target;
  std::vector<uint8_t> edge_class;
  std::vector<std::pair<uint32_t, uint32_t>> ends;  // (state, pattern id), by id
  uint32_t states = 1;
  for (uint32_t id = 0; id < patterns_.size(); ++id) {
    const std::string& p = patterns_[id];
    if (p.empty()) continue;
    uint32_t s = 0;
    for (unsigned char c : p) {
      const uint8_t cls = byte_class_[c];
      uint32_t e = first_edge[s];
      while (e != kNone && edge_class[e] != cls) e = next_edge[e];
      if (e == kNone) {
        e = uint32_t(target.size());
        edge_class.push_back(cls);
        target.push_back(states++);
        next_edge.push_back(first_edge[s]);
        first_edge[s] = e;
        first_edge.push_back(kNone);
      }
      s = target[e];
    }
    ends.emplace_back(s, id);
  }
  root_.assign(classes, 0);
  for (uint32_t e = first_edge[0]; e != kNone; e = next_edge[e]) root_[edge_class[e]] = target[e];
  edge_begin_.assign(size_t(states) + 1, 0);
  edge_class_.clear();
  edge_target_.clear();
  for (uint32_t s = 0; s < states; ++s) {
    edge_begin_[s] = uint32_t(edge_class_.size());
    if (s == 0) continue;  // the root's children are in root_
    for (uint32_t e = first_edge[s]; e != kNone; e = next_edge[e]) {
      edge_class_.push_back(edge_class[e]);
      edge_target_.push_back(target[e]);
    }
  }
  edge_begin_[states] = uint32_t(edge_class_.size());

  // Outputs: the ids ending at each state, in the order they were added.
  output_begin_.assign(size_t(states) + 1, 0);
  for (const auto& end : ends) ++output_begin_[end.first + 1];
  for (uint32_t s = 0; s < states; ++s) output_begin_[s + 1] += output_begin_[s];
  outputs_.assign(ends.size(), 0);
  std::vector<uint32_t> filled(output_begin_.begin(), output_begin_.end() - 1);
  for (const auto& [state, id] : ends) outputs_[filled[state]++] = id;

  // The filter. A first byte's key length is that of its shortest pattern, capped at 6.
  size_t key_size[256];
  for (size_t& k : key_size) k = 6;
  starts_are_char_starts_ = true;
  for (const std::string& p : patterns_) {
    if (p.empty()) continue;
    const auto c = (unsigned char)p[0];
    if ((c & 0xC0) == 0x80) starts_are_char_starts_ = false;
    const size_t k = p.size() < 3 ? 1 : p.size() < 6 ? 3 : 6;
    key_size[c] = std::min(key_size[c], k);
    if (is_lower_letter(c)) key_size[c - ('a' - 'A')] = key_size[c];
  }
  for (int b = 'a'; b <= 'z'; ++b)
    key_size[b] = key_size[b - ('a' - 'A')] = std::min(key_size[b], key_size[b - ('a' - 'A')]);
  for (int b = 0; b < 256; ++b)
    key_mask_[b] = key_size[b] == 6 ? 0xFFFFFFFFFFFFull : (uint64_t(1) << (8 * key_size[b])) - 1;
  filter_.assign((size_t(1) << kFilterBits) / 64, 0);
  for (const std::string& p : patterns_) {
    if (p.empty()) continue;
    for_each_spelling(p, key_size[(unsigned char)p[0]],
                      [&](uint64_t x) { set_bit(filter_, hash(x)); });
  }
}

void TermMatcher::mark_candidates(std::string_view text, uint64_t* candidates) const {
  auto mark = [candidates](size_t k) { candidates[k >> 6] |= uint64_t(1) << (k & 63); };
  auto no_latin = [](size_t i) { return i + 1; };
  filter_impl<false>(text, mark, no_latin);
}

void TermMatcher::mark_latin(std::string_view text, uint64_t* latin) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
#ifdef __SSE2__
  for (; i + 64 <= text.size(); i += 64) latin[i >> 6] = latin64(p + i);
#endif
  for (; i < text.size(); ++i)
    if (is_latin_byte(p[i])) latin[i >> 6] |= uint64_t(1) << (i & 63);
}

}  // namespace press::core

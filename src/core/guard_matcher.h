#pragma once
// Multi-pattern byte matcher of the content guard: a hashed prefilter in front of a trie.
//
// Why not a plain Aho-Corasick DFA: its table (a few hundred terms in UTF-8, ~1400 states)
// does not fit in L1, and every byte of text waits for the previous byte's table load;
// it measured ~180 MB/s. Here each character start is tested on its own (no dependency
// chain from byte to byte): do a pattern's first two characters (hash of 6 bytes; fewer
// for short patterns) stand there, per an 8 KB bitmap? Only then is the trie walked from
// that position. In Chinese news that is about one
// character in a hundred; a walk is at most the longest pattern, so a scan is linear in
// the text. SSE2 finds the character starts 64 bytes at a time where available
// (not in the WebAssembly build, which takes the plain loop).
//
// The same pass also reports where Latin letters and digits are (ASCII, or the lead byte
// 0xEF of full-width forms), so the guard's token rule needs no second pass.
//
// Patterns are byte strings (UTF-8 for Chinese terms); ASCII letters match either case.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace press::core {

class TermMatcher {
 public:
  TermMatcher() { compile(); }  // an empty matcher matches nothing, safely

  // Adds a pattern (empty ones are ignored) and returns its id, which scan() reports.
  uint32_t add(std::string_view pattern);
  // Builds the trie and the filters; patterns added later need another compile().
  void compile();

  size_t pattern_count() const { return patterns_.size(); }
  size_t pattern_size(uint32_t id) const { return patterns_[id].size(); }

  // Calls on_match(begin, id) for every occurrence of every pattern, where text[begin,
  // begin + pattern_size(id)) is the occurrence; in order of begin, and for one begin the
  // shorter pattern first.
  template <class OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    auto no_latin = [](size_t i) { return i + 1; };
    scan_impl<false>(text, on_match, no_latin);
  }

  // Also calls on_latin(i) for positions of ASCII letters and digits and of the byte 0xEF
  // (full-width forms, and much else), from left to right; on_latin returns the position
  // the next call may be for at the earliest (the end of the token it read). Matches
  // and Latin positions of one 64-byte block come in that order: matches, then Latin.
  template <class OnMatch, class OnLatin>
  void scan(std::string_view text, OnMatch&& on_match, OnLatin&& on_latin) const {
    scan_impl<true>(text, on_match, on_latin);
  }

  // The first stage on its own: sets bit k of candidates (text.size() bits, zeroed by the
  // caller) for every position k where a pattern may begin, as far as the filter can tell.
  // The filter reads at most kMaxKeyBytes from k, so in bytes that another text holds as
  // well, the positions that pass there are the ones marked here (see scan_marked()).
  void mark_candidates(std::string_view text, uint64_t* candidates) const;
  static constexpr size_t kMaxKeyBytes = 6;
  // Sets bit k of latin (zeroed by the caller) where is_latin_byte(text[k]).
  static void mark_latin(std::string_view text, uint64_t* latin);

  // What scan_marked() may skip: bit k of candidates clear means no pattern begins at
  // text[k] (it may be set where one cannot); latin has bit k set exactly where
  // is_latin_byte(text[k]).
  struct Marks {
    const uint64_t* candidates = nullptr;
    const uint64_t* latin = nullptr;
  };

  // scan() reading only the marked positions: the same calls in the same order, found
  // without testing every character. For bytes taken verbatim from a text that
  // mark_candidates() and mark_latin() ran over, the caller copies their marks (but for
  // the last kMaxKeyBytes - 1 of a copied stretch, whose keys read on past it); elsewhere it
  // sets every candidate bit and the Latin bits of the bytes there.
  template <class OnMatch, class OnLatin>
  void scan_marked(std::string_view text, const Marks& marks, OnMatch&& on_match,
                   OnLatin&& on_latin) const {
    scan_impl<true>(text, on_match, on_latin, &marks);
  }
  template <class OnMatch>
  void scan_marked(std::string_view text, const Marks& marks, OnMatch&& on_match) const {
    auto no_latin = [](size_t i) { return i + 1; };
    scan_impl<false>(text, on_match, no_latin, &marks);
  }

  static bool is_latin_byte(unsigned char c) {
    return c < 0x80 ? (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
                    : c == 0xEF;
  }

 private:
  static constexpr int kFilterBits = 16;  // 64 K bits, 8 KB per bitmap

  // on_candidate(k) is called for every position k that passes the filter (and is marked,
  // with marks); by default it walks the trie from k.
  template <bool kLatin, class OnMatch, class OnLatin>
  void scan_impl(std::string_view text, OnMatch& on_match, OnLatin& on_latin,
                 const Marks* marks = nullptr) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    auto on_candidate = [&](size_t k) { walk(p, text.size(), k, on_match); };
    if (marks && starts_are_char_starts_)  // mark_candidates() marks only character starts
      marked_impl<kLatin>(text, on_candidate, on_latin, *marks);
    else
      filter_impl<kLatin>(text, on_candidate, on_latin);
  }

  template <bool kLatin, class OnCandidate, class OnLatin>
  void filter_impl(std::string_view text, OnCandidate& on_candidate, OnLatin& on_latin) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0, latin_from = 0;
#ifdef __SSE2__
    // Sixty-four bytes at a time, only positions that can begin a character: a pattern
    // begins with its first character, never with a UTF-8 continuation byte. (Blocks of 64
    // rather than 16: the loop over a block's positions mispredicts its exit once per block.)
    if (starts_are_char_starts_) {
      // The filter's tables in locals: walk() calls out, so members would be read again
      // for every position.
      const uint64_t* const filter = filter_.data();
      const uint64_t* const key_mask = key_mask_;
      for (; i + 64 + 8 <= n; i += 64) {
        for (uint64_t m = char_starts64(p + i); m; m &= m - 1) {
          const size_t k = i + size_t(__builtin_ctzll(m));
          uint64_t x;
          std::memcpy(&x, p + k, 8);
          const uint32_t h = hash(x & key_mask[p[k]]);
          if ((filter[h >> 6] >> (h & 63)) & 1) on_candidate(k);
        }
        if (kLatin) {
          for (uint64_t m = latin64(p + i); m; m &= m - 1) {
            const size_t k = i + unsigned(__builtin_ctzll(m));
            if (k >= latin_from) latin_from = on_latin(k);
          }
        }
      }
      // The rest of a paragraph, sixteen at a time.
      for (; i + 16 <= n; i += 16) {
        for (uint64_t m = char_starts64<1>(p + i); m; m &= m - 1) {
          const size_t k = i + unsigned(__builtin_ctzll(m));
          if (candidate(p[k], load_key(p, n, k))) on_candidate(k);
        }
        if (kLatin) {
          for (uint64_t m = latin64<1>(p + i); m; m &= m - 1) {
            const size_t k = i + unsigned(__builtin_ctzll(m));
            if (k >= latin_from) latin_from = on_latin(k);
          }
        }
      }
    }
#endif
    for (; i < n; ++i) {
      if (kLatin && i >= latin_from && is_latin_byte(p[i])) latin_from = on_latin(i);
      if ((p[i] & 0xC0) == 0x80 && starts_are_char_starts_) continue;
      if (candidate(p[i], load_key(p, n, i))) on_candidate(i);
    }
  }

  // filter_impl() with the marks in place of the character tests: the same positions in
  // the same order (the loops step alike), but only marked ones are looked at.
  template <bool kLatin, class OnCandidate, class OnLatin>
  void marked_impl(std::string_view text, OnCandidate& on_candidate, OnLatin& on_latin,
                   const Marks& marks) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0, latin_from = 0;
#ifdef __SSE2__  // where the marks were made 16 and 64 positions at a time
    // The block at i: its candidates, then its Latin positions (bit 0 of each is i).
    const auto block = [&](uint64_t cand, uint64_t latin) {
      for (; cand; cand &= cand - 1) {
        const size_t k = i + unsigned(__builtin_ctzll(cand));
        if (candidate(p[k], load_key(p, n, k))) on_candidate(k);
      }
      if (kLatin) {
        for (; latin; latin &= latin - 1) {
          const size_t k = i + unsigned(__builtin_ctzll(latin));
          if (k >= latin_from) latin_from = on_latin(k);
        }
      }
    };
    for (; i + 64 + 8 <= n; i += 64) {
      const uint64_t cand = marks.candidates[i >> 6], latin = kLatin ? marks.latin[i >> 6] : 0;
      if (cand | latin) block(cand, latin);
    }
    for (; i + 16 <= n; i += 16) {  // i is a multiple of 16: the block lies in one word
      const uint64_t cand = (marks.candidates[i >> 6] >> (i & 63)) & 0xFFFF;
      const uint64_t latin = kLatin ? (marks.latin[i >> 6] >> (i & 63)) & 0xFFFF : 0;
      if (cand | latin) block(cand, latin);
    }
#endif
    // The rest a position at a time, as in filter_impl(): the Latin call, then the
    // candidate; only marked positions are visited.
    while (i < n) {
      const size_t w = i >> 6, end = std::min(n, (w + 1) << 6);
      uint64_t in_range = ~uint64_t(0) << (i & 63);
      if (end - (w << 6) < 64) in_range &= (uint64_t(1) << (end - (w << 6))) - 1;
      const uint64_t cand = marks.candidates[w] & in_range;
      const uint64_t latin = kLatin ? marks.latin[w] & in_range : 0;
      for (uint64_t m = cand | latin; m; m &= m - 1) {
        const unsigned b = unsigned(__builtin_ctzll(m));
        const size_t k = (w << 6) + b;
        if (((latin >> b) & 1) && k >= latin_from) latin_from = on_latin(k);
        if (((cand >> b) & 1) && candidate(p[k], load_key(p, n, k))) on_candidate(k);
      }
      i = end;
    }
  }

#ifdef __SSE2__
  // Bit k set: p[k] is not a UTF-8 continuation byte (k < 16 * kBlocks).
  template <int kBlocks = 4>
  static uint64_t char_starts64(const unsigned char* p) {
    const __m128i continuation_max = _mm_set1_epi8(-65);  // 0xBF as a signed byte
    uint64_t mask = 0;
    for (int q = 0; q < kBlocks; ++q) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q));
      mask |= uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpgt_epi8(v, continuation_max))))
              << (16 * q);
    }
    return mask;
  }

  // Bit k set: is_latin_byte(p[k]) (k < 16 * kBlocks).
  template <int kBlocks = 4>
  static uint64_t latin64(const unsigned char* p) {
    const __m128i below_0 = _mm_set1_epi8('0' - 1), above_9 = _mm_set1_epi8('9' + 1);
    const __m128i below_a = _mm_set1_epi8('a' - 1), above_z = _mm_set1_epi8('z' + 1);
    const __m128i case_bit = _mm_set1_epi8(0x20), ef = _mm_set1_epi8(char(0xEF));
    uint64_t mask = 0;
    for (int q = 0; q < kBlocks; ++q) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q));
      const __m128i folded = _mm_or_si128(v, case_bit);
      const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, below_0), _mm_cmplt_epi8(v, above_9));
      const __m128i letter =
          _mm_and_si128(_mm_cmpgt_epi8(folded, below_a), _mm_cmplt_epi8(folded, above_z));
      const __m128i latin = _mm_or_si128(_mm_or_si128(digit, letter), _mm_cmpeq_epi8(v, ef));
      mask |= uint64_t(unsigned(_mm_movemask_epi8(latin))) << (16 * q);
    }
    return mask;
  }
#endif

  // The 8 bytes at p[k], little-endian; zero-padded at the end of the text.
  static uint64_t load_key(const unsigned char* p, size_t n, size_t k) {
    uint64_t x = 0;
    if (k + 8 <= n) {
      std::memcpy(&x, p + k, 8);
    } else {
      unsigned char tail[8] = {};
      std::memcpy(tail, p + k, n - k);
      std::memcpy(&x, tail, 8);
    }
    return x;
  }

  static uint32_t hash(uint64_t key) {
    return uint32_t((key * 0x9E3779B97F4A7C15ull) >> (64 - kFilterBits));
  }

  // One hash, one bit, no branch but the rarely taken one: how many of the bytes at a
  // position form the key depends on the first byte (see key_mask_).
  bool candidate(unsigned char first, uint64_t x) const {
    const uint32_t h = hash(x & key_mask_[first]);
    return (filter_[h >> 6] >> (h & 63)) & 1;
  }

  template <class OnMatch>
  void walk(const unsigned char* p, size_t n, size_t i, OnMatch& on_match) const {
    uint32_t s = root_[byte_class_[p[i]]];
    for (size_t k = i + 1;; ++k) {
      if (s == 0) return;
      for (uint32_t o = output_begin_[s]; o < output_begin_[s + 1]; ++o) on_match(i, outputs_[o]);
      if (k >= n) return;
      s = child(s, byte_class_[p[k]]);
    }
  }

  // The child of state s on byte class c, 0 if none; beyond the root a state has few.
  uint32_t child(uint32_t s, uint8_t c) const {
    for (uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e)
      if (edge_class_[e] == c) return edge_target_[e];
    return 0;
  }

  std::vector<std::string> patterns_;  // lower-cased

  // The trie: the root's children in a table by byte class, every other state's in a
  // short edge list (a table for each state would be ~1.7 MB to fill at every start of the
  // web widget). State 0 is the root and never a child, so 0 can mean "no edge".
  uint8_t byte_class_[256] = {};
  uint32_t class_count_ = 1;
  std::vector<uint32_t> root_;        // [class] = child of the root
  std::vector<uint32_t> edge_begin_;  // per state, into edge_class_ / edge_target_; one extra
  std::vector<uint8_t> edge_class_;
  std::vector<uint32_t> edge_target_;
  std::vector<uint32_t> output_begin_;  // per state, into outputs_; one extra at the end
  std::vector<uint32_t> outputs_;       // ids of the patterns that end at a state

  bool starts_are_char_starts_ = true;  // no pattern begins with a continuation byte
  // The key of a position is its first 6 bytes, or fewer where a pattern beginning with
  // that byte is shorter: 3 for the invisible characters, 1 for control characters.
  uint64_t key_mask_[256] = {};
  std::vector<uint64_t> filter_;  // bit hash(key) set for the key of every pattern
};

}  // namespace press::core

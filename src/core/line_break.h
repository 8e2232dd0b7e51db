#pragma once
// Chinese / Latin line breaking: grapheme-ish clusters and break opportunities after
// W3C's Requirements for Chinese Text Layout (clreq) and a reduced UAX #14.
//
// - A break may fall between any two CJK characters (ideographs, kana, Hangul, emoji).
// - Closing punctuation (，。、；：？！）」』》〉】… and the half-width , . ; : ? ! ) ] })
//   never starts a line; opening punctuation (（「『《〈【“‘ and ( [ {) never ends one.
// - Runs of Latin letters, digits and ASCII symbols stay whole: words, numbers with their
//   units (100km, 3.5%, v1.2), URLs, e-mail addresses. "2023年" may break before 年.
// - Spaces hang at the end of a line: the opportunity is after them.
// - A cluster (base + combining marks, variation selectors, emoji modifiers, ZWJ
//   sequences, regional-indicator pairs, Hangul jamo, CR LF) is never split.
//
// Everything works on byte offsets into UTF-8 text; invalid bytes count as U+FFFD, one
// byte each, so offsets stay valid for any input.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace press::core {

// ---- Clusters ---------------------------------------------------------------------

// End of the cluster that starts at i (i < text.size()); text.size() at most.
size_t next_cluster(std::string_view text, size_t i);
// Start of the cluster that ends at i (0 < i <= text.size()).
size_t prev_cluster(std::string_view text, size_t i);
// The cluster boundary at or before i: where a caret placed at byte i must go.
size_t cluster_floor(std::string_view text, size_t i);
size_t count_clusters(std::string_view text);

// ---- Break opportunities ------------------------------------------------------------

// Line-breaking behaviour of a cluster, decided by its first code point.
enum class BreakClass : uint8_t {
  Ideographic,  // CJK ideographs, kana, Hangul, fullwidth forms, emoji: breaks on both sides
  Word,         // letters, digits, ASCII symbols: no break inside a run
  Space,        // collapsible space: hangs at line end, break after it
  Close,        // CJK closing punctuation and non-starters: never starts a line
  Open,         // CJK opening punctuation, currency prefixes: never ends a line
  WordClose,    // half-width ) ] } , . : ; ! ? /: never starts a line, glues to words
  WordOpen,     // half-width ( [ {: never ends a line, glues to words
  Quote,        // ASCII " and ': open or close, so no break on either side
  Glue,         // no-break space, word joiner: no break on either side
  Dash,         // em dash: like an ideograph, but a double dash ―― is never split
  Newline,      // LF, CR, CR LF, U+2028, U+2029: mandatory break after
};
constexpr int kBreakClassCount = 11;

BreakClass break_class(char32_t cp);

// Whether a line may break between two adjacent clusters (no spaces between them).
bool break_allowed(BreakClass before, BreakClass after);

struct BreakOpportunity {
  uint32_t offset = 0;     // a new line may start here
  bool mandatory = false;  // after a newline
};

// Every offset inside text where a line may begin (0 and text.size() excluded, except a
// mandatory break at the very end). out is cleared first.
void find_break_opportunities(std::string_view text, std::vector<BreakOpportunity>& out);

// ---- Words (caret steps, double-click) --------------------------------------------------

// What a caret step by word treats as one unit: a run of letters and digits, a run of
// CJK characters, a run of punctuation, a run of spaces.
enum class WordClass : uint8_t { Space, Letters, Han, Punct, Newline };
WordClass word_class(char32_t cp);

// Ctrl+Right: skips spaces, then one unit; returns its end.
size_t next_word_end(std::string_view text, size_t i);
// Ctrl+Left: skips spaces backwards, then one unit; returns its start.
size_t prev_word_start(std::string_view text, size_t i);
// Double-click: the unit around byte i (a run of spaces included). begin == end on empty text.
void word_at(std::string_view text, size_t i, size_t& begin, size_t& end);

}  // namespace press::core

#include "core/guard_scan.h"

#include <algorithm>
#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)
#define PRESS_GUARD_THREADS 1
#include <thread>
#endif

#include "core/guard_headings.h"
#include "core/guard_links.h"
#include "core/guard_media.h"
#include "core/guard_misstatements.h"
#include "core/guard_privacy.h"
#include "core/guard_tables.h"
#include "core/url_policy.h"

namespace press::core {

namespace {

constexpr size_t kUrlSearchWindow = 4096;
constexpr int kMaxFullUrlSearches = 32;
#ifdef PRESS_GUARD_THREADS
// Bodies at least this long are read by two threads, one half each (see GuardScan::body).
constexpr size_t kParallelBodySize = 1 << 20;
#endif

void set_bit(std::vector<uint64_t>& bits, size_t i) {
  bits[i >> 6] |= uint64_t(1) << (i & 63);
}

// to bits [to_at, to_at + count) |= from bits [from_at, from_at + count); from has
// from_words words. Whole words of `to` in the middle.
void copy_bits(const uint64_t* from, size_t from_words, size_t from_at, uint64_t* to, size_t to_at,
               size_t count) {
  const auto bits_at = [&](size_t at, size_t n) {  // n <= 64 bits of from at `at`
    const size_t w = at >> 6, shift = at & 63;
    uint64_t v = from[w] >> shift;
    if (shift && w + 1 < from_words) v |= from[w + 1] << (64 - shift);
    return n == 64 ? v : v & ((uint64_t(1) << n) - 1);
  };
  const size_t head = std::min<size_t>(count, (64 - (to_at & 63)) & 63);
  if (head) {
    to[to_at >> 6] |= bits_at(from_at, head) << (to_at & 63);
    from_at += head;
    to_at += head;
    count -= head;
  }
  uint64_t* out = to + (to_at >> 6);
  const uint64_t* in = from + (from_at >> 6);
  const size_t shift = from_at & 63, whole = count >> 6;
  // Bits of in[k + 1] below from_at + count exist when shift > 0, as the range is inside from.
  if (shift == 0) {
    for (size_t k = 0; k < whole; ++k) out[k] |= in[k];
  } else {
    for (size_t k = 0; k < whole; ++k) out[k] |= (in[k] >> shift) | (in[k + 1] << (64 - shift));
  }
  if (count & 63) out[whole] |= bits_at(from_at + whole * 64, count & 63);
}

}  // namespace

void GuardScan::field(const char* name, std::string_view text) {
  findings_.add_field(name, text);
  Place place;
  place.field = name;
  place.field_text = text;
  scan_unit(text, place, true);
  check_privacy(text, place, findings_);
}

void GuardScan::link_field(std::string_view link) {
  findings_.add_field("link", link);
  if (link.empty()) return;
  Place place;
  place.field = "link";
  place.field_text = link;
  judge_link(g_, findings_, link, place, link.size(), url_allowed(link));
  scan_unit(link, place, false);
}

void GuardScan::body(std::string_view markdown, const Document& doc, const BodyPrescan* prescan,
                     const MediaCatalog* media) {
  begin_body(markdown, doc, prescan);
  // Before the text, so the report's limit on warnings cannot leave an empty row or header,
  // a skipped heading level, an image without alt text or a broken media reference out.
  check_tables(markdown, doc, findings_);
  check_headings(markdown, doc, findings_);
  check_media(markdown, doc, media, findings_);
  size_t split = doc.blocks.size();
#ifdef PRESS_GUARD_THREADS
  // A long body is read in two halves at once, the second by a GuardScan that records its
  // findings; they are then taken in the order one GuardScan would have made them, under the
  // same limits, so the report is the same as from one thread.
  if (doc.text.size() >= kParallelBodySize) {
    split = 0;
    while (split < doc.blocks.size() &&
           (doc.blocks[split].span_begin >= doc.spans.size() ||
            doc.spans[doc.blocks[split].span_begin].offset < doc.text.size() / 2))
      ++split;
  }
#endif
  uint32_t scanned = 0;  // spans before this were read with an earlier block
  if (split < doc.blocks.size()) {
#ifdef PRESS_GUARD_THREADS
    uint32_t second_scanned = 0;  // what `scanned` will be at the split
    for (size_t i = 0; i < split; ++i)
      if (takes_block(doc, doc.blocks[i], second_scanned)) second_scanned = doc.blocks[i].span_end;
    GuardReport second_report;
    GuardScan second(g_, second_report, true);
    second.begin_body(markdown, doc, prescan);
    std::thread reading([&] { second.body_blocks(doc, split, doc.blocks.size(), second_scanned); });
    body_blocks(doc, 0, split, scanned);
    reading.join();
    findings_.take_recorded(second.findings_);
#endif
  } else {
    body_blocks(doc, 0, doc.blocks.size(), scanned);
  }
  body_links(markdown, doc);
}

void GuardScan::begin_body(std::string_view markdown, const Document& doc,
                           const BodyPrescan* prescan) {
  findings_.begin_body(markdown, doc);
  markdown_ = markdown;
  prescan_ = prescan;
}

bool GuardScan::takes_block(const Document& doc, const Block& b, uint32_t scanned) {
  return !(b.span_end <= std::max(b.span_begin, scanned) || b.span_end > doc.spans.size());
}

// Body text of blocks [block_begin, block_end); `scanned` carries on from block to block.
void GuardScan::body_blocks(const Document& doc, size_t block_begin, size_t block_end,
                            uint32_t& scanned) {
  for (size_t bi = block_begin; bi < block_end; ++bi) {
    const Block& b = doc.blocks[bi];
    if (!takes_block(doc, b, scanned)) continue;
    const bool tokens = b.kind != BlockKind::CodeBlock;
    uint32_t k = std::max(b.span_begin, scanned);
    scanned = b.span_end;
    while (k < b.span_end) {
      // Spans whose text follows on in Document::text are read as one run, so a term
      // split by emphasis ("博**彩**") is still one word.
      uint32_t j = k + 1;
      while (j < b.span_end &&
             doc.spans[j].offset == doc.spans[j - 1].offset + doc.spans[j - 1].size)
        ++j;
      const size_t begin = doc.spans[k].offset;
      const size_t end = size_t(doc.spans[j - 1].offset) + doc.spans[j - 1].size;
      if (begin <= end && end <= doc.text.size()) {
        Place place;
        place.field = "body";
        place.field_text = markdown_;
        place.doc = &doc;
        place.first_span = k;
        place.last_span = j;
        place.text_begin = begin;
        const std::string_view text = std::string_view(doc.text).substr(begin, end - begin);
        if (prescan_) mark_unit(doc, k, j, begin, text);
        scan_unit(text, place, tokens, prescan_ ? &unit_marks_ : nullptr);
        // Code blocks too: a pasted spreadsheet of names and ID numbers leaks there as well.
        check_privacy(text, place, findings_);
      }
      k = j;
    }
  }
}

// The marks of a run of body text (at begin in the document text, of spans [first, last))
// for TermMatcher::scan_marked(): in a span copied verbatim from the Markdown, those the
// prescan made there but for the span's last kMaxKeyBytes - 1 bytes, whose keys read on
// past it; there and in every other span, each character start and the Latin bytes.
void GuardScan::mark_unit(const Document& doc, uint32_t first, uint32_t last, size_t begin,
                          std::string_view text) {
  const size_t words = (text.size() + 63) / 64;
  unit_candidates_.assign(words, 0);
  unit_latin_.assign(words, 0);
  const auto mark_text = [&](size_t from, size_t to, bool latin) {
    for (size_t i = from; i < to; ++i) {
      const auto c = (unsigned char)text[i];
      if ((c & 0xC0) != 0x80) set_bit(unit_candidates_, i);
      if (latin && TermMatcher::is_latin_byte(c)) set_bit(unit_latin_, i);
    }
  };
  const size_t markdown_words = prescan_->candidates.size();
  for (uint32_t k = first; k < last; ++k) {
    const Span& s = doc.spans[k];
    const size_t at = s.offset - begin;
    if (findings_.verbatim(doc, k)) {
      const size_t tail = std::min<size_t>(s.size, TermMatcher::kMaxKeyBytes - 1);
      copy_bits(prescan_->candidates.data(), markdown_words, s.source_offset,
                unit_candidates_.data(), at, s.size - tail);
      copy_bits(prescan_->latin.data(), markdown_words, s.source_offset, unit_latin_.data(), at,
                s.size);
      mark_text(at + s.size - tail, at + s.size, false);
    } else {
      mark_text(at, at + s.size, true);
    }
  }
  unit_marks_.candidates = unit_candidates_.data();
  unit_marks_.latin = unit_latin_.data();
}

void GuardScan::scan_unit(std::string_view text, const Place& place, bool tokens,
                          const TermMatcher::Marks* marks) {
  terms_.begin_unit();
  const auto on_match = [&](size_t begin, uint32_t id) {
    const Pattern& p = g_.patterns[id];
    switch (p.kind) {
      case PatternKind::Term:
        terms_.term(text, place, begin, id);
        break;
      case PatternKind::Invisible:
        terms_.invisible(text, place, begin, id);
        break;
      case PatternKind::OwnName:
        if (tokens) institution_.own_name(text, place, begin, begin + p.size);
        break;
      case PatternKind::Misstatement:
        if (tokens) misstatement_hit(p, text, place, begin, findings_);
        break;
      case PatternKind::PartyRole:
        if (tokens)
          institution_.party_role(text, place, begin, begin + p.size,
                                  terms_.blocking_term_ends_at(begin));
        break;
    }
  };
  // Latin tokens are read in the same pass, where the matcher finds their first byte.
  const auto on_latin = [&](size_t i) { return latin_.read(text, place, i); };
  if (marks && tokens) {
    g_.matcher.scan_marked(text, *marks, on_match, on_latin);
  } else if (marks) {
    g_.matcher.scan_marked(text, *marks, on_match);
  } else if (tokens) {
    g_.matcher.scan(text, on_match, on_latin);
  } else {
    g_.matcher.scan(text, on_match);
  }
  terms_.end_unit(text, place);
}

void GuardScan::body_links(std::string_view markdown, const Document& doc) {
  std::vector<int32_t> first_span(doc.links.size(), -1);
  for (uint32_t k = 0; k < doc.spans.size(); ++k) {
    const int32_t l = doc.spans[k].link;
    if (l >= 0 && size_t(l) < first_span.size() && first_span[l] < 0) first_span[l] = int32_t(k);
    // A link around an image (and nothing else) is found after the image.
    const int32_t around = image_enclosing_link(doc, doc.spans[k]);
    if (around >= 0 && first_span[around] < 0) first_span[around] = int32_t(k);
  }
  int full_searches = 0;
  for (size_t i = 0; i < doc.links.size(); ++i) {
    const Link& link = doc.links[i];
    if (link.url.empty() && link.title.empty()) continue;
    // Find the URL as written after the link text; reference definitions may be anywhere.
    size_t from = 0;
    const Span* span = first_span[i] >= 0 ? &doc.spans[first_span[i]] : nullptr;
    if (span) from = std::min<size_t>(span->source_offset, markdown.size());
    size_t at = std::string_view::npos;
    if (!link.url.empty()) {
      at = markdown.substr(from, kUrlSearchWindow + link.url.size()).find(link.url);
      if (at != std::string_view::npos) {
        at += from;
      } else if (full_searches++ < kMaxFullUrlSearches) {
        at = markdown.find(link.url);
      }
    }
    Place place;
    place.field = "body";
    place.field_text = markdown;
    if (at != std::string_view::npos) {
      place.base = at;
    } else {
      place.fixed = true;
      place.fixed_offset = from;
      place.fixed_size = span && span->kind == SpanKind::Text ? span->size : 0;
    }
    if (!link.url.empty()) {
      judge_link(g_, findings_, link.url, place, link.url.size(), link.allowed);
      scan_unit(link.url, place, false);
    }
    if (!link.title.empty()) {
      Place title_place = place;
      title_place.fixed = true;
      title_place.fixed_offset = at != std::string_view::npos ? at : from;
      title_place.fixed_size = at != std::string_view::npos ? link.url.size() : place.fixed_size;
      scan_unit(link.title, title_place, true);
    }
  }
}

}  // namespace press::core

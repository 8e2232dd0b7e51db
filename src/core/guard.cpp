// Content guard: finds what black-hat SEO injects into campus news (gambling brands where
// the institution's name belongs, login-entrance phrases, hidden characters, foreign links).
//
// One matcher (guard_matcher.h) holds every term, login phrase, invisible character and
// the distinctive part of the site's own name; it is built once per site profile. check()
// then reads each field and each run of body text once with it, and once more for Latin
// tokens (guard_tokens.h). Findings in the body are placed in the Markdown the editor
// wrote, through the spans' source offsets.
#include "core/guard.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)
#define PRESS_GUARD_THREADS 1
#include <thread>
#endif

#include "core/diagnostic.h"
#include "core/guard_lexicon.h"
#include "core/guard_matcher.h"
#include "core/guard_text.h"
#include "core/guard_tokens.h"
#include "core/utf8.h"

namespace press::core {

using guard_text::code_point_at;
using guard_text::code_point_before;
using guard_text::equals_ci;
using guard_text::is_ascii_alnum;
using guard_text::is_chinese_context;
using guard_text::is_han;

namespace {

constexpr size_t kMaxFindings = 1000;  // a hostile 10 MB article must not make a 10 MB report
constexpr size_t kMaxWarnings = 900;   // so warnings never crowd out a blocking finding
constexpr size_t kMaxToken = 253;      // longest domain name; longer runs are not names
constexpr size_t kUrlSearchWindow = 4096;
constexpr int kMaxFullUrlSearches = 32;
// Bodies at least this long are read by two threads, one half each (see Scan::body).
constexpr size_t kParallelBodySize = 1 << 20;

constexpr const char* kLexicon = "lexicon";
constexpr const char* kBrandToken = "brand-token";
constexpr const char* kLoginPhrase = "login-phrase";
constexpr const char* kLinkDomain = "link-domain";
constexpr const char* kInvisibleChar = "invisible-char";
constexpr const char* kInstitutionName = "institution-name";

// Words after a name that make it the subject of a Party organisation: no foreign company,
// site or brand has these, so an unexplained Latin token before them is worth a look.
constexpr const char* kPartyRoles[] = {"党委副书记", "党委书记", "纪委书记", "党委", "纪委"};

// Chinese names of betting and gaming businesses end like this; no institution with a
// Party committee does ("市体育局党委" has 局 between), so "米兰体育党委书记" is a brand
// in the institution's place even when the brand is not in the lexicon.
constexpr const char* kBrandEndings[] = {"体育", "娱乐", "棋牌", "彩票", "电竞", "官网", "平台"};

enum class PatternKind : uint8_t { Term, Invisible, OwnName, PartyRole };

struct Pattern {
  PatternKind kind = PatternKind::Term;
  Severity severity = Severity::Blocking;
  const char* rule = kLexicon;
  bool from_site = false;
  uint32_t size = 0;
  std::string text;
  const char* category = "";
  char32_t code_point = 0;
  const char* name = "";
  std::vector<std::pair<uint32_t, uint32_t>> allowed;  // (allowed word, offset of the term in it)
};

std::string trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = guard_text::ascii_lower(c);
  return out;
}

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out += utf8::decode(s, i);
  return out;
}

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", unsigned(cp));
  return buf;
}

// Levenshtein distance in code points; both strings are short names.
size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

bool is_invisible(char32_t cp) {
  for (const lexicon::InvisibleRange& r : lexicon::invisible_ranges())
    if (cp >= r.first && cp <= r.last) return true;
  return false;
}

// The distinctive part of an institution's name: 浙江工贸 of 浙江工贸职业技术学院.
std::string own_name_core(const std::string& institution) {
  for (const char* suffix : lexicon::institution_suffixes()) {
    const std::string_view s(suffix);
    if (institution.size() > s.size() &&
        institution.compare(institution.size() - s.size(), s.size(), s) == 0)
      return institution.substr(0, institution.size() - s.size());
  }
  return {};
}

int field_rank(const std::string& field) {
  static constexpr const char* kOrder[] = {"title", "author", "source", "body", "link", "editor"};
  for (int i = 0; i < 6; ++i)
    if (field == kOrder[i]) return i;
  return 6;
}

}  // namespace

// --- The compiled guard -----------------------------------------------------------------

// Everything check() needs, compiled from the site profile.
struct CompiledGuard {
  TermMatcher matcher;
  std::vector<Pattern> patterns;
  std::vector<std::string> allowed_words;  // ASCII lower-cased

  std::string institution;
  std::u32string institution_code_points;
  std::vector<std::string> own_domains, link_domains;

  explicit CompiledGuard(const SiteProfile& site);
  void add_term(std::string_view text, Severity severity, const char* rule, const char* category,
                bool from_site);

  bool allowed_around(std::string_view text, size_t begin, size_t end) const;
  guard_tokens::Verdict judge_link_host(std::string_view host) const;
};

CompiledGuard::CompiledGuard(const SiteProfile& site)
    : institution(trim(site.institution)),
      own_domains(site.own_domains),
      link_domains(site.allowed_link_domains) {
  institution_code_points = code_points(institution);

  for (const lexicon::Term& t : lexicon::terms())
    add_term(t.text, t.severity, kLexicon, t.category, false);
  for (const lexicon::Term& t : lexicon::login_phrases())
    add_term(t.text, t.severity, kLoginPhrase, t.category, false);
  for (const std::string& t : site.guard.blocked_terms)
    add_term(trim(t), Severity::Blocking, kLexicon, "site", true);
  for (const std::string& t : site.guard.warning_terms)
    add_term(trim(t), Severity::Warning, kLexicon, "site", true);

  for (const char* w : lexicon::allowed_words()) allowed_words.push_back(lower_ascii(w));
  for (const std::string& w : site.guard.allowed_terms) {
    std::string word = lower_ascii(trim(w));
    if (!word.empty()) allowed_words.push_back(std::move(word));
  }
  // Which allowed words contain which term, and where: a hit is then checked in O(1).
  for (Pattern& p : patterns) {
    const std::string term = lower_ascii(p.text);
    for (uint32_t w = 0; w < allowed_words.size(); ++w)
      for (size_t at = allowed_words[w].find(term); at != std::string::npos;
           at = allowed_words[w].find(term, at + 1))
        p.allowed.emplace_back(w, uint32_t(at));
  }

  for (const lexicon::InvisibleRange& r : lexicon::invisible_ranges()) {
    for (char32_t cp = r.first; cp <= r.last; ++cp) {
      Pattern p;
      p.kind = PatternKind::Invisible;
      p.rule = kInvisibleChar;
      p.code_point = cp;
      p.name = r.name;
      utf8::append(p.text, cp);
      p.size = uint32_t(p.text.size());
      matcher.add(p.text);
      patterns.push_back(std::move(p));
    }
  }

  for (const char* role : {"党委", "纪委"}) {
    Pattern p;
    p.kind = PatternKind::PartyRole;
    p.rule = kInstitutionName;
    p.text = role;
    p.size = uint32_t(p.text.size());
    matcher.add(p.text);
    patterns.push_back(std::move(p));
  }

  // Near-misses of the site's own name start with its distinctive part; two ideographs
  // ("浙江" of 浙江大学) are a place name, not distinctive.
  const std::string core = own_name_core(institution);
  if (utf8::count_code_points(core) >= 3) {
    Pattern p;
    p.kind = PatternKind::OwnName;
    p.rule = kInstitutionName;
    p.text = core;
    p.size = uint32_t(core.size());
    matcher.add(core);
    patterns.push_back(std::move(p));
  }
  matcher.compile();
}

void CompiledGuard::add_term(std::string_view text, Severity severity, const char* rule,
                             const char* category, bool from_site) {
  if (text.empty()) return;
  Pattern p;
  p.kind = PatternKind::Term;
  p.severity = severity;
  p.rule = rule;
  p.from_site = from_site;
  p.text = std::string(text);
  p.size = uint32_t(text.size());
  p.category = category;
  matcher.add(text);
  patterns.push_back(std::move(p));
}

// True when text[begin, end) lies inside an occurrence of an allowed word.
bool CompiledGuard::allowed_around(std::string_view text, size_t begin, size_t end) const {
  const std::string_view hit = text.substr(begin, end - begin);
  for (const std::string& w : allowed_words) {
    if (w.size() < hit.size()) continue;
    for (size_t o = 0; o + hit.size() <= w.size(); ++o) {
      if (!equals_ci(std::string_view(w).substr(o, hit.size()), hit) || o > begin) continue;
      if (guard_text::starts_with_ci(text, begin - o, w)) return true;
    }
  }
  return false;
}

guard_tokens::Verdict CompiledGuard::judge_link_host(std::string_view host) const {
  guard_tokens::Verdict v;
  if (host_in_domains(host, own_domains) || host_in_domains(host, link_domains)) return v;
  v = guard_tokens::judge_host_spam(host);
  if (v.found) return v;
  // A host in Chinese characters: the lexicon applies to it as to text.
  matcher.scan(host, [&](size_t begin, uint32_t id) {
    const Pattern& p = patterns[id];
    if (v.found || p.kind != PatternKind::Term || p.severity != Severity::Blocking) return;
    v.found = true;
    v.severity = Severity::Blocking;
    v.reason = "its name contains “" + std::string(host.substr(begin, p.size)) + "”";
  });
  if (v.found) return v;
  v.found = true;
  v.severity = Severity::Warning;
  bool numeric = !host.empty();
  for (char c : host) numeric &= (c >= '0' && c <= '9') || c == '.';
  if (numeric || host.front() == '[') {
    v.reason = "a bare IP address";
  } else if (host.find("xn--") != std::string_view::npos) {
    v.reason = "an internationalised (punycode) name, which can imitate another";
  } else {
    v.reason = "outside the site's own and allowed domains";
  }
  return v;
}

// --- One check --------------------------------------------------------------------------

namespace {

// Where the text being scanned sits in a field, to report findings there.
struct Place {
  const char* field = "";
  std::string_view field_text;
  size_t base = 0;  // unit text starts here in field_text (fields, URLs found in the Markdown)

  // A run of body spans: unit offsets are document text offsets minus text_begin.
  const Document* doc = nullptr;
  uint32_t first_span = 0, last_span = 0;
  size_t text_begin = 0;

  // Text not found in the field as written (a URL with entities): every finding covers this.
  bool fixed = false;
  size_t fixed_offset = 0, fixed_size = 0;
};

struct Hit {
  size_t begin, end;              // in the scanned text
  size_t place_begin, place_end;  // in the unit text the Place describes
  uint32_t id;
  bool split;  // found only with invisible characters skipped
};

class Scan {
 public:
  Scan(const CompiledGuard& g, GuardReport& report) : g_(g), report_(report) {}

  void field(const char* name, std::string_view text) {
    texts_.push_back({name, text});
    Place place;
    place.field = name;
    place.field_text = text;
    scan_unit(text, place, true);
  }

  void link_field(std::string_view link) {
    texts_.push_back({"link", link});
    if (link.empty()) return;
    Place place;
    place.field = "link";
    place.field_text = link;
    judge_url(link, place, link.size(), url_allowed(link));
    scan_unit(link, place, false);
  }

  void body(std::string_view markdown, const Document& doc, const BodyPrescan* prescan) {
    begin_body(markdown, doc);
    prescan_ = prescan;
    size_t split = doc.blocks.size();
#ifdef PRESS_GUARD_THREADS
    // A long body is read in two halves at once, the second by a Scan that records its
    // findings; they are then taken in the order one Scan would have made them, under the
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
        if (takes_block(doc, doc.blocks[i], second_scanned))
          second_scanned = doc.blocks[i].span_end;
      GuardReport second_report;
      Scan second(g_, second_report);
      second.recording_ = true;
      second.begin_body(markdown, doc);
      second.prescan_ = prescan;
      std::thread reading(
          [&] { second.body_blocks(doc, split, doc.blocks.size(), second_scanned); });
      body_blocks(doc, 0, split, scanned);
      reading.join();
      take_recorded(second);
#endif
    } else {
      body_blocks(doc, 0, doc.blocks.size(), scanned);
    }
    body_links(markdown, doc);
  }

  void begin_body(std::string_view markdown, const Document& doc) {
    texts_.push_back({"body", markdown});
    markdown_ = markdown;
    verbatim_.assign(doc.spans.size(), -1);
  }

  static bool takes_block(const Document& doc, const Block& b, uint32_t scanned) {
    return !(b.span_end <= std::max(b.span_begin, scanned) || b.span_end > doc.spans.size());
  }

  // Body text of blocks [block_begin, block_end); `scanned` carries on from block to block.
  void body_blocks(const Document& doc, size_t block_begin, size_t block_end, uint32_t& scanned) {
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
        }
        k = j;
      }
    }
  }

  // The findings a recording Scan made, as if this Scan had made them just now.
  void take_recorded(Scan& recorded) {
    for (Finding& f : recorded.report_.findings) {
      if (!room_for(f.severity)) continue;
      if (f.severity == Severity::Warning) ++warnings_;
      report_.findings.push_back(std::move(f));
    }
    dropped_ += recorded.dropped_;
    dropped_blocking_ |= recorded.dropped_blocking_;
  }

  void finish() {
    std::vector<Finding>& f = report_.findings;
    std::stable_sort(f.begin(), f.end(), [](const Finding& a, const Finding& b) {
      const int ra = field_rank(a.field), rb = field_rank(b.field);
      if (ra != rb) return ra < rb;
      if (a.offset != b.offset) return a.offset < b.offset;
      return a.size < b.size;  // a brand before the sentence it stands in
    });
    // Lines and columns, one walk per field (locate() from the start for each finding
    // would be quadratic in a long body).
    for (const auto& [name, text] : texts_) {
      size_t at = 0;
      int line = 1, column = 1;
      for (Finding& x : f) {
        if (x.field != name) continue;
        const size_t target = std::min(x.offset, text.size());
        if (target < at) {  // overlapping findings: start over (rare)
          at = 0;
          line = column = 1;
        }
        while (at < target) {
          if (text[at] == '\n') {
            ++line;
            column = 1;
            ++at;
          } else {
            utf8::decode(text, at);
            ++column;
          }
        }
        x.line = line;
        x.column = column;
      }
    }
    if (dropped_ > 0) {
      Finding more;
      more.severity = dropped_blocking_ ? Severity::Blocking : Severity::Warning;
      more.rule = "limit";
      more.message = std::to_string(dropped_) + " more findings were not listed";
      f.push_back(std::move(more));
    }
  }

 private:
  // --- Reporting ---

  bool room_for(Severity s) {
    const size_t n = report_.findings.size();
    // A recording Scan keeps what could still be listed after the findings before it:
    // past kMaxFindings blocking or kMaxWarnings warnings of its own, nothing could be.
    const bool full =
        recording_
            ? (s == Severity::Blocking ? n - warnings_ >= kMaxFindings : warnings_ >= kMaxWarnings)
            : n >= kMaxFindings || (s == Severity::Warning && warnings_ >= kMaxWarnings);
    if (full) {
      ++dropped_;
      dropped_blocking_ |= s == Severity::Blocking;
      return false;
    }
    return true;
  }

  void emit(const Place& place, const char* rule, Severity severity, size_t begin, size_t end,
            std::string message) {
    if (!room_for(severity)) return;
    size_t b, e;
    to_field(place, begin, end, b, e);
    Finding f;
    f.severity = severity;
    f.rule = rule;
    f.field = place.field;
    f.offset = b;
    f.size = e - b;
    f.text = std::string(place.field_text.substr(b, e - b));
    f.message = std::move(message);
    if (severity == Severity::Warning) ++warnings_;
    report_.findings.push_back(std::move(f));
  }

  // Unit text range -> field byte range.
  void to_field(const Place& place, size_t begin, size_t end, size_t& b, size_t& e) {
    const size_t limit = place.field_text.size();
    if (place.fixed) {
      b = place.fixed_offset;
      e = place.fixed_offset + place.fixed_size;
    } else if (!place.doc) {
      b = place.base + begin;
      e = place.base + end;
    } else {
      b = body_offset(place, begin, false);
      e = end > begin ? body_offset(place, end, true) : b;
    }
    b = std::min(b, limit);
    e = std::min(std::max(e, b), limit);
  }

  // Markdown offset of a position in a run of body spans. A span copied verbatim from the
  // Markdown maps byte for byte; a decoded one (entity, replacement character, line break)
  // maps as a whole to its source.
  size_t body_offset(const Place& place, size_t pos, bool is_end) {
    const std::vector<Span>& spans = place.doc->spans;
    const size_t text_pos = place.text_begin + pos;
    const size_t probe = is_end ? text_pos - 1 : text_pos;
    // Last span of the run starting at or before probe.
    uint32_t lo = place.first_span, hi = place.last_span;
    while (hi - lo > 1) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (spans[mid].offset <= probe)
        lo = mid;
      else
        hi = mid;
    }
    const Span& s = spans[lo];
    const size_t delta = text_pos - std::min<size_t>(text_pos, s.offset);
    if (verbatim(*place.doc, lo)) return s.source_offset + std::min<size_t>(delta, s.size);
    return is_end ? s.source_offset + decoded_source_size(s) : s.source_offset;
  }

  bool verbatim(const Document& doc, uint32_t k) {
    int8_t& v = verbatim_[k];
    if (v < 0) {
      const Span& s = doc.spans[k];
      v = s.source_offset <= markdown_.size() && markdown_.size() - s.source_offset >= s.size &&
          markdown_.compare(s.source_offset, s.size, doc.span_text(s)) == 0;
    }
    return v > 0;
  }

  size_t decoded_source_size(const Span& s) const {
    if (s.kind == SpanKind::SoftBreak || s.kind == SpanKind::HardBreak) return 0;
    if (s.source_offset < markdown_.size() && markdown_[s.source_offset] == '&') {
      const size_t semicolon = markdown_.find(';', s.source_offset);
      if (semicolon != std::string_view::npos && semicolon - s.source_offset <= 40)
        return semicolon + 1 - s.source_offset;
    }
    return s.kind == SpanKind::Image ? s.size : 1;
  }

  // --- One unit of text: a field, a run of body text, a URL ---

  // The marks of a run of body text (at begin in the document text, of spans [first, last))
  // for TermMatcher::scan_marked(): in a span copied verbatim from the Markdown, those the
  // prescan made there but for the span's last kMaxKeyBytes - 1 bytes, whose keys read on
  // past it; there and in every other span, each character start and the Latin bytes.
  void mark_unit(const Document& doc, uint32_t first, uint32_t last, size_t begin,
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
      if (verbatim(doc, k)) {
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

  static void set_bit(std::vector<uint64_t>& bits, size_t i) {
    bits[i >> 6] |= uint64_t(1) << (i & 63);
  }

  // to bits [to_at, to_at + count) |= from bits [from_at, from_at + count); from has
  // from_words words. Whole words of `to` in the middle.
  static void copy_bits(const uint64_t* from, size_t from_words, size_t from_at, uint64_t* to,
                        size_t to_at, size_t count) {
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

  void scan_unit(std::string_view text, const Place& place, bool tokens,
                 const TermMatcher::Marks* marks = nullptr) {
    bool hidden = false;
    pending_.clear();
    const auto on_match = [&](size_t begin, uint32_t id) {
      const Pattern& p = g_.patterns[id];
      const size_t end = begin + p.size;
      switch (p.kind) {
        case PatternKind::Term:
          if (!allowed(p, text, begin)) push_term({begin, end, begin, end, id, false}, text, place);
          break;
        case PatternKind::Invisible:
          if (p.code_point == '\r' && end < text.size() && text[end] == '\n') break;  // CRLF
          hidden = true;
          emit(place, kInvisibleChar, Severity::Blocking, begin, end,
               "invisible character " + code_point_name(p.code_point) + " (" + p.name +
                   "): it hides text from reviewers and splits words past the filter");
          break;
        case PatternKind::OwnName:
          if (tokens) own_name_near_miss(text, place, begin, end);
          break;
        case PatternKind::PartyRole:
          if (tokens) brand_before_party_role(text, place, begin, end);
          break;
      }
    };
    // Latin tokens are read in the same pass, where the matcher finds their first byte.
    const auto on_latin = [&](size_t i) { return read_token(text, place, i); };
    if (marks && tokens) {
      g_.matcher.scan_marked(text, *marks, on_match, on_latin);
    } else if (marks) {
      g_.matcher.scan_marked(text, *marks, on_match);
    } else if (tokens) {
      g_.matcher.scan(text, on_match, on_latin);
    } else {
      g_.matcher.scan(text, on_match);
    }
    flush_terms(text, place, SIZE_MAX);
    if (hidden) scan_without_invisible(text, place);
  }

  bool allowed(const Pattern& p, std::string_view text, size_t begin) const {
    for (const auto& [word, offset] : p.allowed) {
      if (offset > begin) continue;
      if (guard_text::starts_with_ci(text, begin - offset, g_.allowed_words[word])) return true;
    }
    return false;
  }

  // Hits of one rule inside another are reported once, by the longest (and most severe):
  // "澳门金沙" and not also "金沙". Hits arrive in order of their begin; a pending hit is
  // final once a hit begins past its end.
  void push_term(const Hit& h, std::string_view text, const Place& place) {
    flush_terms(text, place, h.begin);
    const Pattern& ph = g_.patterns[h.id];
    for (const Hit& p : pending_) {
      const Pattern& pp = g_.patterns[p.id];
      if (pp.rule == ph.rule && p.begin <= h.begin && h.end <= p.end && pp.severity >= ph.severity)
        return;
    }
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                  [&](const Hit& p) {
                                    const Pattern& pp = g_.patterns[p.id];
                                    return pp.rule == ph.rule && h.begin <= p.begin &&
                                           p.end <= h.end && ph.severity >= pp.severity;
                                  }),
                   pending_.end());
    pending_.push_back(h);
  }

  void flush_terms(std::string_view text, const Place& place, size_t now) {
    size_t kept = 0;
    for (size_t i = 0; i < pending_.size(); ++i) {
      const Hit& p = pending_[i];
      if (now >= p.end) {
        report_term(p, text, place);
      } else {
        pending_[kept++] = p;
      }
    }
    pending_.resize(kept);
  }

  void report_term(const Hit& h, std::string_view text, const Place& place) {
    const Pattern& p = g_.patterns[h.id];
    std::string message = "“" + p.text + "”";
    if (p.from_site) {
      message += p.severity == Severity::Blocking ? " is a blocked term of this site"
                                                  : " is a term this site asks editors to check";
    } else if (p.rule == kLoginPhrase) {
      message += " is a login-entrance phrase, the tail of an injected gambling link";
    } else {
      message += std::string(" is ") + p.category + " vocabulary";
      if (p.severity == Severity::Warning)
        message += "; check the context (anti-fraud education may name it)";
    }
    if (h.split) message += "; written with invisible characters inside to slip past filters";
    emit(place, p.rule, p.severity, h.place_begin, h.place_end, std::move(message));

    // A brand in a sentence about an institution: "<brand>党委书记", "和<brand>牵头".
    if (p.rule == kLexicon && p.severity == Severity::Blocking && !h.split) {
      std::string_view role;
      const size_t role_end = role_after(text, h.end, role);
      // The Latin half of a brand written before it belongs to the name: "ag88真人娱乐牵头".
      size_t begin = h.place_begin;
      while (begin > 0 && is_ascii_alnum((unsigned char)text[begin - 1])) --begin;
      if (role_end != std::string_view::npos)
        emit(place, kInstitutionName, Severity::Blocking, begin, role_end,
             "“" + std::string(text.substr(begin, h.end - begin)) +
                 "” stands where an institution's name belongs (before “" + std::string(role) +
                 "”): the mark of a defaced page");
    }
  }

  // Terms hidden by invisible characters ("博\u200B彩"): read the text again without them.
  // Only hostile text gets here, so the copy costs nothing in ordinary use.
  void scan_without_invisible(std::string_view text, const Place& place) {
    clean_.clear();
    removed_.clear();  // (offset in clean_, bytes removed so far) after each removal
    for (size_t i = 0; i < text.size();) {
      const size_t at = i;
      const char32_t cp = utf8::decode(text, i);
      if (is_invisible(cp)) {
        removed_.push_back({clean_.size(), i - clean_.size()});
      } else {
        clean_.append(text.data() + at, i - at);
      }
    }
    const auto original = [&](size_t pos, bool is_end) {
      // Removed bytes before pos (for an end: before the last byte of the hit).
      const size_t probe = is_end ? pos - 1 : pos;
      auto it = std::upper_bound(
          removed_.begin(), removed_.end(), probe,
          [](size_t v, const std::pair<size_t, size_t>& r) { return v < r.first; });
      return pos + (it == removed_.begin() ? 0 : std::prev(it)->second);
    };
    pending_.clear();
    g_.matcher.scan(clean_, [&](size_t begin, uint32_t id) {
      const Pattern& p = g_.patterns[id];
      if (p.kind != PatternKind::Term) return;
      const size_t end = begin + p.size;
      const size_t ob = original(begin, false), oe = original(end, true);
      if (oe - ob == p.size || allowed(p, clean_, begin)) return;  // reported by the first pass
      push_term({begin, end, ob, oe, id, true}, clean_, place);
    });
    flush_terms(clean_, place, SIZE_MAX);
  }

  // --- Institution names ---

  // End of a role word or institution suffix right after text[pos] (one separator such as
  // "·" or a space may stand between), or npos.
  static size_t role_after(std::string_view text, size_t pos, std::string_view& role) {
    for (int skip = 0; skip < 2 && pos < text.size(); ++skip) {
      for (const char* r : lexicon::role_words()) {
        if (text.compare(pos, std::strlen(r), r) == 0) {
          role = r;
          return pos + role.size();
        }
      }
      for (const char* r : lexicon::institution_suffixes()) {
        if (text.compare(pos, std::strlen(r), r) == 0) {
          role = r;
          return pos + role.size();
        }
      }
      const char32_t cp = code_point_at(text, pos);
      if (cp != ' ' && cp != 0x00B7 && cp != 0x30FB && cp != '-' && cp != 0x2014) break;
      size_t next = pos;
      utf8::decode(text, next);
      pos = next;
    }
    return std::string_view::npos;
  }

  static bool is_party_role(std::string_view role) {
    for (const char* r : kPartyRoles)
      if (role == r) return true;
    return false;
  }

  // "党委" or "纪委" at text[begin, end): is a business name ending like a betting brand's
  // right before it? (Lexicon brands and Latin tokens there are reported on their own.)
  void brand_before_party_role(std::string_view text, const Place& place, size_t begin,
                               size_t end) {
    for (const Hit& h : pending_)
      if (h.end == begin && g_.patterns[h.id].severity == Severity::Blocking) return;
    for (const char* ending : kBrandEndings) {
      const size_t n = std::strlen(ending);
      if (begin < n || text.compare(begin - n, n, ending) != 0) continue;
      std::string_view role;
      size_t role_end = role_after(text, begin, role);
      if (role_end == std::string_view::npos) role_end = end;
      const std::string name(text.substr(begin - n, role_end - (begin - n)));
      emit(place, kInstitutionName, Severity::Warning, begin - n, role_end,
           "“" + name + "”: a name ending in “" + ending +
               "”, like a betting or gaming brand's, stands where an institution's name belongs");
      return;
    }
  }

  // The distinctive part of the site's name was found at text[begin, end): a name that
  // starts like the site's, ends like an institution and is one or two edits from it is a
  // misspelt or forged own name ("浙江工贸职业学院" for 浙江工贸职业技术学院). Other colleges
  // (浙江东方职业技术学院) do not start with it and are never reported.
  void own_name_near_miss(std::string_view text, const Place& place, size_t begin, size_t end) {
    const std::string& own = g_.institution;
    if (text.compare(begin, own.size(), own) == 0) return;
    size_t q = end;
    for (int steps = 0; steps <= 8 && q < text.size(); ++steps) {
      for (const char* suffix : lexicon::institution_suffixes()) {
        const size_t n = std::strlen(suffix);
        if (text.compare(q, n, suffix) != 0) continue;
        const std::string_view name = text.substr(begin, q + n - begin);
        const size_t d = edit_distance(code_points(name), g_.institution_code_points);
        if (d >= 1 && d <= 2)
          emit(place, kInstitutionName, Severity::Warning, begin, q + n,
               "“" + std::string(name) + "” is close to, but not, this site's name “" + own + "”");
        return;
      }
      if (!is_han(code_point_at(text, q))) return;
      utf8::decode(text, q);
    }
  }

  // --- Latin tokens: brand names and domains glued into Chinese text ---

  // Reads one token character (ASCII letter or digit, or its full-width form) at t[i].
  static bool token_char(std::string_view t, size_t i, char& ascii, size_t& len) {
    const auto c = (unsigned char)t[i];
    if (c < 0x80) {
      if (!is_ascii_alnum(c)) return false;
      ascii = char(c);
      len = 1;
      return true;
    }
    if (c != 0xEF || i + 2 >= t.size()) return false;
    const auto b1 = (unsigned char)t[i + 1], b2 = (unsigned char)t[i + 2];
    if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) {
      ascii = char('0' + (b2 - 0x90));  // U+FF10..FF19
    } else if (b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA) {
      ascii = char('A' + (b2 - 0xA1));  // U+FF21..FF3A
    } else if (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A) {
      ascii = char('a' + (b2 - 0x81));  // U+FF41..FF5A
    } else {
      return false;
    }
    len = 3;
    return true;
  }

  static bool joiner(std::string_view t, size_t i, char& ascii, size_t& len) {
    const auto c = (unsigned char)t[i];
    if (c == '.' || c == '-') {
      ascii = char(c);
      len = 1;
      return true;
    }
    if (c == 0xEF && i + 2 < t.size() && (unsigned char)t[i + 1] == 0xBC &&
        ((unsigned char)t[i + 2] == 0x8E || (unsigned char)t[i + 2] == 0x8D)) {
      ascii = (unsigned char)t[i + 2] == 0x8E ? '.' : '-';  // U+FF0E, U+FF0D
      len = 3;
      return true;
    }
    return false;
  }

  // Reads the token that begins at text[i], if one does, and judges it; returns where
  // the next token may begin.
  size_t read_token(std::string_view text, const Place& place, size_t i) {
    const size_t n = text.size();
    char a;
    size_t len;
    if (!token_char(text, i, a, len)) return i + 1;
    const size_t begin = i;
    token_.clear();
    bool letters = false, digits = false, dot = false;
    while (i < n) {
      if (token_char(text, i, a, len)) {
        if (token_.size() < kMaxToken + 1) token_ += a;
        letters |= !(a >= '0' && a <= '9');
        digits |= a >= '0' && a <= '9';
        i += len;
        continue;
      }
      char j;
      size_t jlen;
      if (joiner(text, i, j, jlen) && i + jlen < n && token_char(text, i + jlen, a, len)) {
        if (token_.size() < kMaxToken + 1) token_ += j;
        dot |= j == '.';
        i += jlen;
        continue;
      }
      break;
    }
    if (token_.size() <= kMaxToken) judge_token(text, place, begin, i, letters, digits, dot);
    return i;
  }

  void judge_token(std::string_view text, const Place& place, size_t begin, size_t end,
                   bool letters, bool digits, bool dot) {
    const char before = begin > 0 ? text[begin - 1] : '\0';
    const char after = end < text.size() ? text[end] : '\0';
    if (after == '@') return;  // the name of a mail box
    const bool url_host = before == '/' && begin >= 2 && text[begin - 2] == '/';
    if (!url_host && (before == '/' || before == '=' || before == '?' || before == '&' ||
                      before == '#' || before == '%' || before == '_' || before == '\\'))
      return;  // part of a URL's path or query, or a colour
    if (token_.size() > 2 && token_[0] == '0' && (token_[1] == 'x' || token_[1] == 'X')) return;

    if (dot && guard_tokens::looks_like_domain(token_)) {
      judge_domain_mention(place, begin, end, before == '@');
      return;
    }
    if (!letters) return;  // numbers, dates, phone numbers
    const bool glued = is_chinese_context(code_point_before(text, begin)) ||
                       is_chinese_context(code_point_at(text, end));
    if (!digits && !glued) return;  // a word of Latin-script text
    const guard_tokens::Verdict v = guard_tokens::judge_word(token_, glued);
    if (v.found && g_.allowed_around(text, begin, end)) return;
    if (v.found) emit(place, kBrandToken, v.severity, begin, end, "“" + token_ + "” " + v.reason);

    std::string_view role;
    const size_t role_end = role_after(text, end, role);
    if (role_end == std::string_view::npos) return;
    const std::string subject = "“" + token_ +
                                "” stands where an institution's name belongs (before “" +
                                std::string(role) + "”)";
    if (v.found && v.severity == Severity::Blocking) {
      emit(place, kInstitutionName, Severity::Blocking, begin, role_end,
           subject + ": the mark of a defaced page");
    } else if (is_party_role(role) && !g_.allowed_around(text, begin, role_end)) {
      emit(place, kInstitutionName, Severity::Warning, begin, role_end,
           subject + ": only Chinese institutions have Party committees");
    }
  }

  void judge_domain_mention(const Place& place, size_t begin, size_t end, bool mail) {
    const std::string host = lower_ascii(token_);
    if (host_in_domains(host, g_.own_domains) || host_in_domains(host, g_.link_domains)) return;
    const guard_tokens::Verdict v = guard_tokens::judge_host_spam(host);
    if (v.found) {
      emit(place, kBrandToken, Severity::Blocking, begin, end,
           "“" + token_ + "” is a domain name and " + v.reason);
    } else if (!mail) {
      emit(place, kLinkDomain, Severity::Warning, begin, end,
           "“" + token_ + "” names a domain outside the site's own and allowed domains");
    }
  }

  // --- Links ---

  void judge_url(std::string_view url, const Place& place, size_t size, bool allowed) {
    if (!allowed) {
      emit(place, kLinkDomain, Severity::Blocking, 0, size,
           "link target “" + std::string(url.substr(0, 200)) +
               "” uses a scheme that is not allowed");
      return;
    }
    std::string host = url_host(url);
    if (host.empty()) {
      // mailto: the mail domain can still be a spam site's.
      if (url.size() > 7 && equals_ci(url.substr(0, 7), "mailto:")) {
        const size_t at = url.rfind('@');
        if (at != std::string_view::npos) {
          host = lower_ascii(url.substr(at + 1, url.find_first_of("?#", at) - (at + 1)));
          const guard_tokens::Verdict v = guard_tokens::judge_host_spam(host);
          if (v.found)
            emit(place, kLinkDomain, Severity::Blocking, 0, size,
                 "mail link to “" + host + "”: " + v.reason);
        }
      }
      return;
    }
    const guard_tokens::Verdict v = g_.judge_link_host(host);
    if (v.found)
      emit(place, kLinkDomain, v.severity, 0, size, "link to “" + host + "”: " + v.reason);
  }

  void body_links(std::string_view markdown, const Document& doc) {
    std::vector<int32_t> first_span(doc.links.size(), -1);
    for (uint32_t k = 0; k < doc.spans.size(); ++k) {
      const int32_t l = doc.spans[k].link;
      if (l >= 0 && size_t(l) < first_span.size() && first_span[l] < 0) first_span[l] = int32_t(k);
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
        judge_url(link.url, place, link.url.size(), link.allowed);
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

  const CompiledGuard& g_;
  GuardReport& report_;
  std::vector<std::pair<const char*, std::string_view>> texts_;
  std::string_view markdown_;
  std::vector<int8_t> verbatim_;
  const BodyPrescan* prescan_ = nullptr;  // when check() has one
  std::vector<uint64_t> unit_candidates_, unit_latin_;
  TermMatcher::Marks unit_marks_;
  std::vector<Hit> pending_;
  std::string clean_, token_;
  std::vector<std::pair<size_t, size_t>> removed_;
  size_t warnings_ = 0, dropped_ = 0;
  bool dropped_blocking_ = false;
  bool recording_ = false;  // the second half of a long body (see body())
};

}  // namespace

// --- Public API ---------------------------------------------------------------------------

bool GuardReport::blocks() const {
  for (const Finding& f : findings)
    if (f.severity == Severity::Blocking) return true;
  return false;
}

struct Guard::Impl {
  explicit Impl(const SiteProfile& site) : compiled(site) {}
  CompiledGuard compiled;
};

Guard::Guard(const SiteProfile& site) : impl_(std::make_unique<Impl>(site)) {}
Guard::~Guard() = default;
Guard::Guard(Guard&&) noexcept = default;
Guard& Guard::operator=(Guard&&) noexcept = default;

GuardReport Guard::check(const Article& a, const Document& body, const BodyPrescan* prescan) const {
  GuardReport report;
  if (!impl_) return report;
  Scan scan(impl_->compiled, report);
  scan.field("title", a.title);
  scan.field("author", a.author);
  scan.field("source", a.source);
  const size_t words = (a.body.size() + 63) / 64;
  const bool prescanned = prescan && prescan->markdown.data() == a.body.data() &&
                          prescan->markdown.size() == a.body.size() &&
                          prescan->candidates.size() == words && prescan->latin.size() == words;
  scan.body(a.body, body, prescanned ? prescan : nullptr);
  scan.link_field(a.link);
  scan.field("editor", a.editor);
  scan.finish();
  return report;
}

BodyPrescan Guard::prescan(std::string_view markdown) const {
  BodyPrescan p;
  p.markdown = markdown;
  p.candidates.assign((markdown.size() + 63) / 64, 0);
  p.latin.assign(p.candidates.size(), 0);
  if (impl_) impl_->compiled.matcher.mark_candidates(markdown, p.candidates.data());
  TermMatcher::mark_latin(markdown, p.latin.data());
  return p;
}

const char* to_string(Severity s) {
  return s == Severity::Blocking ? "blocking" : "warning";
}

}  // namespace press::core

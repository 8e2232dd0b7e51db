#pragma once
// One check of one article (not a public API): the traversal. It walks the fields, the
// body's blocks and runs of spans and the body's links, reads each unit of text once with
// the compiled matcher, and hands each hit to the rule family it belongs to
// (guard_terms.h, guard_institution.h, guard_latin.h, guard_links.h), all of which report
// through one Findings (guard_findings.h).
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/guard.h"
#include "core/guard_compiled.h"
#include "core/guard_findings.h"
#include "core/guard_institution.h"
#include "core/guard_latin.h"
#include "core/guard_terms.h"

namespace press::core {

class GuardScan {
 public:
  // recording: this scan reads the second half of a long body for another (see body()).
  GuardScan(const CompiledGuard& g, GuardReport& report, bool recording = false)
      : g_(g),
        findings_(report, recording),
        institution_(g, findings_),
        terms_(g, findings_, institution_),
        latin_(g, findings_, institution_) {}
  GuardScan(const GuardScan&) = delete;
  GuardScan& operator=(const GuardScan&) = delete;

  void field(const char* name, std::string_view text);
  void link_field(std::string_view link);
  // prescan: the body's, when check() has one that matches it.
  // media: check()'s, for the media references (guard_media.h).
  void body(std::string_view markdown, const Document& doc, const BodyPrescan* prescan,
            const MediaCatalog* media = nullptr);
  void finish() { findings_.finish(); }

 private:
  void begin_body(std::string_view markdown, const Document& doc, const BodyPrescan* prescan);
  static bool takes_block(const Document& doc, const Block& b, uint32_t scanned);
  void body_blocks(const Document& doc, size_t block_begin, size_t block_end, uint32_t& scanned);
  void body_links(std::string_view markdown, const Document& doc);
  void mark_unit(const Document& doc, uint32_t first, uint32_t last, size_t begin,
                 std::string_view text);
  void scan_unit(std::string_view text, const Place& place, bool tokens,
                 const TermMatcher::Marks* marks = nullptr);

  const CompiledGuard& g_;
  Findings findings_;
  InstitutionRules institution_;
  TermRules terms_;
  LatinTokenRules latin_;
  std::string_view markdown_;             // the body's
  const BodyPrescan* prescan_ = nullptr;  // when check() has one
  std::vector<uint64_t> unit_candidates_, unit_latin_;
  TermMatcher::Marks unit_marks_;
};

}  // namespace press::core

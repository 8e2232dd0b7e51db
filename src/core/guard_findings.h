#pragma once
// Where the guard's findings go (not a public API): every rule family reports through
// Findings::emit(), which places the finding in the field as the editor wrote it, keeps
// the report's limits, and at the end orders the report and gives lines and columns.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/guard.h"
#include "core/guard_limits.h"

namespace press::core {

// Where the text being scanned (a unit) sits in a field, to report findings there.
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

class Findings {
 public:
  Findings(GuardReport& report, bool recording) : report_(report), limits_(recording) {}

  // A field about to be read; finish() counts its lines.
  void add_field(const char* name, std::string_view text) { texts_.push_back({name, text}); }
  // The body about to be read: its Markdown, and the spans whose offsets lead there.
  void begin_body(std::string_view markdown, const Document& doc);

  // A finding of unit text [begin, end) at place, unless the report is full.
  void emit(const Place& place, Rule rule, Severity severity, size_t begin, size_t end,
            std::string message, std::string suggestion = {});

  // True when span k of the body was copied verbatim from the Markdown (cached).
  bool verbatim(const Document& doc, uint32_t k);

  // The findings a recording Findings collected, as if emitted here just now.
  void take_recorded(Findings& recorded);
  // Orders the report (by field, then offset), fills in lines and columns and adds the
  // Rule::Limit finding.
  void finish();

 private:
  void to_field(const Place& place, size_t begin, size_t end, size_t& b, size_t& e);
  size_t body_offset(const Place& place, size_t pos, bool is_end);
  size_t decoded_source_size(const Span& s) const;

  GuardReport& report_;
  FindingLimits limits_;
  std::vector<std::pair<const char*, std::string_view>> texts_;
  std::string_view markdown_;
  std::vector<int8_t> verbatim_;
};

}  // namespace press::core

#include "core/guard_limits.h"

#include <string>
#include <utility>

namespace press::core {

bool FindingLimits::admit(Severity s, size_t listed) {
  // A recording scan keeps what could still be listed after the findings before it: past
  // kMaxFindings blocking or kMaxWarnings warnings of its own, nothing could be.
  const bool full =
      recording_ ? (s == Severity::Blocking ? listed - warnings_ >= kMaxFindings
                                            : warnings_ >= kMaxWarnings)
                 : listed >= kMaxFindings || (s == Severity::Warning && warnings_ >= kMaxWarnings);
  if (full) {
    ++dropped_;
    dropped_blocking_ |= s == Severity::Blocking;
    return false;
  }
  if (s == Severity::Warning) ++warnings_;
  return true;
}

void FindingLimits::add_left_out(const FindingLimits& recorded) {
  dropped_ += recorded.dropped_;
  dropped_blocking_ |= recorded.dropped_blocking_;
}

void FindingLimits::append_limit_finding(std::vector<Finding>& findings) const {
  if (dropped_ == 0) return;
  Finding more;
  more.severity = dropped_blocking_ ? Severity::Blocking : Severity::Warning;
  more.rule = rule_id(Rule::Limit);
  more.message = std::to_string(dropped_) + " more findings were not listed";
  findings.push_back(std::move(more));
}

}  // namespace press::core

#pragma once
// Rule `limit` (not a public API): how many findings one report lists. A hostile 10 MB
// article must not make a 10 MB report, and warnings never crowd out a blocking finding;
// what is left out is counted in one last finding.
#include <cstddef>
#include <vector>

#include "core/guard.h"

namespace press::core {

class FindingLimits {
 public:
  static constexpr size_t kMaxFindings = 1000;
  static constexpr size_t kMaxWarnings = 900;

  // recording: the limits of the second half of a long body, read by its own scan whose
  // findings are later taken after the first half's (see GuardScan::body()).
  explicit FindingLimits(bool recording) : recording_(recording) {}

  // True when a finding of severity s can be listed after the `listed` ones (and is counted
  // as listed); otherwise it is counted as left out.
  bool admit(Severity s, size_t listed);
  // The left-out count of a recording scan whose findings were taken.
  void add_left_out(const FindingLimits& recorded);
  // The Rule::Limit finding at the end of the report, when anything was left out.
  void append_limit_finding(std::vector<Finding>& findings) const;

 private:
  size_t warnings_ = 0, dropped_ = 0;
  bool dropped_blocking_ = false;
  bool recording_ = false;
};

}  // namespace press::core

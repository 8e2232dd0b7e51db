#pragma once
// The content guard's rules: one enum, and one table giving each rule the id that reports,
// `press check`, the server's replies and the editor use (stable: never rename one), and
// what it means in Chinese and English.
#include <cstddef>
#include <optional>
#include <string_view>

namespace press::core {

enum class Rule {
  Lexicon,          // gambling, pornography and spam-service vocabulary
  BrandToken,       // Latin-letter tokens of gambling brands ("ag88"), spam domains in text
  LoginPhrase,      // "login entrance" phrases that follow an injected brand
  LinkDomain,       // link targets and domain mentions outside the site's domains
  InvisibleChar,    // characters hidden from a reader
  InstitutionName,  // something other than an institution where its name belongs
  EmptyTableRow,    // a table row with nothing in any cell
  ImageAlt,         // an image without alt text
  MediaRef,         // a media reference that is malformed or names no stored file
  IdNumber,         // a resident ID number with a valid check digit and birth date
  BankCard,         // a bank card number (Luhn-valid)
  MobileNumber,     // a mainland mobile number
  HeadingSkip,      // a heading more than one level below the one before it
  TableHeader,      // a table whose header row has nothing in it
  Misstatement,     // a wrong form of an official name or formulation
  Limit,            // the findings past the report's limits, counted in one finding
};

struct RuleInfo {
  Rule rule;
  const char* id;  // "lexicon", "brand-token", ...
  const char* zh;  // what a finding of this rule means, for the editor
  const char* en;
};

// Every rule once, in the enum's order.
constexpr size_t kRuleCount = 16;
static_assert(size_t(Rule::Limit) + 1 == kRuleCount, "kRuleCount counts every rule");
const RuleInfo* rule_table();

const RuleInfo& rule_info(Rule rule);
inline const char* rule_id(Rule rule) {
  return rule_info(rule).id;
}
// The rule of an id as reports spell it; none for an id this build does not know (a
// newer server's).
std::optional<Rule> rule_from_id(std::string_view id);

}  // namespace press::core

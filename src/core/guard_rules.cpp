#include "core/guard_rules.h"

namespace press::core {

namespace {

// In the enum's order, so rule_info() is an index.
constexpr RuleInfo kRules[kRuleCount] = {
    {Rule::Lexicon, "lexicon", "违规词汇（博彩、色情或垃圾推广）", "banned vocabulary"},
    {Rule::BrandToken, "brand-token", "疑似博彩品牌名（字母加吉利数字）",
     "looks like a gambling brand"},
    {Rule::LoginPhrase, "login-phrase", "“登录入口”类推广用语", "a \"login entrance\" phrase"},
    {Rule::LinkDomain, "link-domain", "链接指向未经允许的网站",
     "a link to a site not on the allowed list"},
    {Rule::InvisibleChar, "invisible-char", "不可见字符，常用于隐藏篡改内容",
     "an invisible character"},
    {Rule::InstitutionName, "institution-name", "出现在本应是学校名称的位置，疑似页面被篡改",
     "stands where the institution's name belongs"},
    {Rule::EmptyTableRow, "empty-table-row", "表格中有空行，请填写或删除",
     "a table row with nothing in it"},
    {Rule::ImageAlt, "image-alt", "图片缺少替代文字（读屏软件和无障碍规范需要），请填写图片说明",
     "an image without alt text"},
    {Rule::MediaRef, "media-ref", "图片或附件引用有误，或文件不在媒体库中，页面将无法显示",
     "a media reference that is malformed or names no stored file"},
    {Rule::IdNumber, "id-number", "疑似公开了居民身份证号码，请删除或打码",
     "a resident ID number: delete or mask it"},
    {Rule::BankCard, "bank-card", "疑似公开了银行卡号，请删除或打码",
     "a bank card number: delete or mask it"},
    {Rule::MobileNumber, "mobile-number", "含手机号码，如非有意公开请删除或打码",
     "a mobile number: mask it unless it is meant to be public"},
    {Rule::HeadingSkip, "heading-skip",
     "标题层级跳级（如二级标题下直接用四级标题），读屏软件难以导航",
     "a heading that skips a level"},
    {Rule::TableHeader, "table-header", "表格的表头行为空，请填写各列名称",
     "a table whose header row is empty"},
    {Rule::Misstatement, "misstatement", "规范表述有误，请按建议改正",
     "a wrong form of an official name or formulation"},
    {Rule::Limit, "limit", "问题过多，仅列出前面部分",
     "too many findings; the first ones are listed"},
};

constexpr bool in_enum_order() {
  for (size_t i = 0; i < kRuleCount; ++i)
    if (size_t(kRules[i].rule) != i) return false;
  return true;
}
static_assert(in_enum_order(), "kRules must list the rules in the enum's order");

}  // namespace

const RuleInfo* rule_table() {
  return kRules;
}

const RuleInfo& rule_info(Rule rule) {
  const size_t i = size_t(rule);
  return kRules[i < kRuleCount ? i : 0];
}

std::optional<Rule> rule_from_id(std::string_view id) {
  for (const RuleInfo& r : kRules)
    if (id == r.id) return r.rule;
  return std::nullopt;
}

}  // namespace press::core

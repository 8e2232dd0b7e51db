#include "core/guard_misstatements.h"

namespace press::core {

namespace {

// A modest starter list: forms seen mis-written in published campus and government pages,
// each against the wording of its source. Only exact wrong forms: a right form that
// contains a wrong one is recognised around the hit (misstatement_hit). Serious: the
// names of the state and of its leader, which inspections (国办秘函〔2019〕19号) treat as
// serious misstatements.
constexpr BuiltinMisstatement kBuiltin[] = {
    {"中国特色社会主意", "中国特色社会主义", "错别字：“主义”；见《中国共产党章程》", false},
    {"马克思列宁主意", "马克思列宁主义", "错别字：“主义”；见《中国共产党章程》", false},
    {"毛泽东思相", "毛泽东思想", "错别字；见《中国共产党章程》", false},
    {"邓小平理伦", "邓小平理论", "错别字；见《中国共产党章程》", false},
    {"新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想",
     "全称；见党的十九大通过的《中国共产党章程（修正案）》", false},
    {"社会主义核心价值关", "社会主义核心价值观", "错别字；见党的十八大报告", false},
    {"全国人大常委员会", "全国人大常委会", "简称：“全国人民代表大会常务委员会”简称“全国人大常委会”",
     false},
    {"两学一作", "两学一做", "“学党章党规、学系列讲话，做合格党员”；见中共中央办公厅2016年通知",
     false},
    {"不忘出心", "不忘初心", "错别字：“不忘初心、牢记使命”主题教育", false},
    {"全面从严冶党", "全面从严治党", "错别字：“治”", false},
    {"依法冶国", "依法治国", "错别字：“治”；见《中华人民共和国宪法》第五条", false},
    {"中华人民共合国", "中华人民共和国", "国名错字；见《中华人民共和国宪法》", true},
    {"习进平", "习近平", "国家领导人姓名错字", true},
};

// True when the hit at text[begin] is part of p's right form written out there.
bool inside_right_form(const Pattern& p, std::string_view text, size_t begin) {
  for (const uint32_t offset : p.right_offsets)
    if (offset <= begin && text.substr(begin - offset, p.right.size()) == p.right) return true;
  return false;
}

}  // namespace

BuiltinMisstatements builtin_misstatements() {
  return {kBuiltin, sizeof kBuiltin / sizeof kBuiltin[0]};
}

void misstatement_hit(const Pattern& p, std::string_view text, const Place& place, size_t begin,
                      Findings& findings) {
  if (inside_right_form(p, text, begin)) return;
  std::string message = "write \"" + p.right + "\"";
  if (!p.note.empty()) message += " (" + p.note + ")";
  findings.emit(place, Rule::Misstatement, p.severity, begin, begin + p.size, std::move(message),
                p.right);
}

}  // namespace press::core

#include "core/html_tree.h"

#include "core/guard_text.h"
#include "core/utf8.h"

namespace press::core {

namespace {

using guard_text::lower_ascii;

// Text as the converter may trust it: valid UTF-8 (invalid bytes become U+FFFD).
void append_valid(std::string& out, std::string_view text) {
  if (utf8::is_valid(text)) {
    out.append(text);
    return;
  }
  for (size_t i = 0; i < text.size();) utf8::append(out, utf8::decode(text, i));
}

}  // namespace

const std::string* HtmlNode::attribute(std::string_view attribute_name) const {
  for (const auto& [key, value] : attributes)
    if (key == attribute_name) return &value;
  return nullptr;
}

HtmlTreeBuilder::HtmlTreeBuilder() {
  tree_.root.name = "#document";
  open_.push_back(&tree_.root);
}

HtmlNode& HtmlTreeBuilder::current() {
  return *open_.back();
}

bool HtmlTreeBuilder::room() {
  if (nodes_ >= kHtmlMaxNodes) {
    tree_.truncated = true;
    return false;
  }
  ++nodes_;
  return true;
}

void HtmlTreeBuilder::open(std::string_view name,
                           std::vector<std::pair<std::string, std::string>> attributes) {
  if (open_.size() > kHtmlMaxDepth || !room()) {
    ++clamped_;
    return;
  }
  HtmlNode node;
  node.name = lower_ascii(name);
  node.attributes = std::move(attributes);
  for (auto& [key, value] : node.attributes) {
    key = lower_ascii(key);
    if (!utf8::is_valid(value)) {
      std::string valid;
      append_valid(valid, value);
      value = std::move(valid);
    }
  }
  // The parent's children do not change while this child is open, so the pointer holds.
  current().children.push_back(std::move(node));
  open_.push_back(&current().children.back());
}

void HtmlTreeBuilder::close() {
  if (clamped_ > 0) {
    --clamped_;
    return;
  }
  if (open_.size() > 1) open_.pop_back();
}

void HtmlTreeBuilder::text(std::string_view utf8) {
  if (utf8.empty()) return;
  auto& siblings = current().children;
  if (!siblings.empty() && siblings.back().type == HtmlNode::Type::Text) {
    append_valid(siblings.back().text, utf8);
    return;
  }
  if (!room()) return;
  HtmlNode node;
  node.type = HtmlNode::Type::Text;
  append_valid(node.text, utf8);
  siblings.push_back(std::move(node));
}

void HtmlTreeBuilder::comment(std::string_view utf8) {
  if (!room()) return;
  HtmlNode node;
  node.type = HtmlNode::Type::Comment;
  append_valid(node.text, utf8);
  current().children.push_back(std::move(node));
}

HtmlTree HtmlTreeBuilder::finish() {
  open_.resize(1);
  clamped_ = 0;
  return std::move(tree_);
}

// ---- The compact encoding -------------------------------------------------------------

namespace {

bool is_mark(char c) {
  return c >= kHtmlOpen && c <= kHtmlClose;
}

// The field starting at i, up to the next record mark.
std::string_view field(std::string_view s, size_t& i) {
  const size_t start = i;
  while (i < s.size() && !is_mark(s[i])) ++i;
  return s.substr(start, i - start);
}

void encode_node(std::string& out, const HtmlNode& node) {
  switch (node.type) {
    case HtmlNode::Type::Text:
      out += kHtmlText;
      out += node.text;
      return;
    case HtmlNode::Type::Comment:
      out += kHtmlComment;
      out += node.text;
      return;
    case HtmlNode::Type::Element:
      break;
  }
  out += kHtmlOpen;
  out += node.name;
  for (const auto& [key, value] : node.attributes) {
    out += kHtmlAttribute;
    out += key;
    out += kHtmlValue;
    out += value;
  }
  for (const HtmlNode& child : node.children) encode_node(out, child);
  out += kHtmlClose;
}

}  // namespace

HtmlTree decode_compact_html(std::string_view s) {
  HtmlTreeBuilder builder;
  size_t i = 0;
  while (i < s.size()) {
    const char mark = s[i++];
    switch (mark) {
      case kHtmlOpen: {
        const std::string_view name = field(s, i);
        std::vector<std::pair<std::string, std::string>> attributes;
        while (i < s.size() && s[i] == kHtmlAttribute) {
          ++i;
          std::string key(field(s, i));
          std::string value;
          if (i < s.size() && s[i] == kHtmlValue) {
            ++i;
            value = std::string(field(s, i));
          }
          if (!key.empty()) attributes.emplace_back(std::move(key), std::move(value));
        }
        builder.open(name.empty() ? "span" : name, std::move(attributes));
        break;
      }
      case kHtmlText:
        builder.text(field(s, i));
        break;
      case kHtmlComment:
        builder.comment(field(s, i));
        break;
      case kHtmlClose:
        builder.close();
        break;
      default:
        // Text before any record is text; a stray attribute mark is skipped.
        if (is_mark(mark)) break;
        --i;
        builder.text(field(s, i));
        break;
    }
  }
  return builder.finish();
}

std::string encode_compact_html(const HtmlTree& tree) {
  std::string out;
  for (const HtmlNode& child : tree.root.children) encode_node(out, child);
  return out;
}

}  // namespace press::core

#include "core/page_text_import.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/article_json.h"
#include "core/beijing_time.h"

namespace press::core {

namespace {

std::string_view trim(std::string_view s) {
  const auto is_space = [](std::string_view t) {
    if (t.empty()) return size_t(0);
    if (t[0] == ' ' || t[0] == '\t' || t[0] == '\r') return size_t(1);
    if (t.substr(0, 3) == "\xE3\x80\x80") return size_t(3);  // U+3000 ideographic space
    if (t.substr(0, 2) == "\xC2\xA0") return size_t(2);      // no-break space
    return size_t(0);
  };
  while (size_t n = is_space(s)) s.remove_prefix(n);
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// Labels as the portal writes them, with a half-width or full-width colon.
bool take_label(std::string_view& s, std::string_view label) {
  if (!starts_with(s, label)) return false;
  std::string_view rest = s.substr(label.size());
  if (starts_with(rest, ":")) {
    rest.remove_prefix(1);
  } else if (starts_with(rest, "\xEF\xBC\x9A")) {  // ：
    rest.remove_prefix(3);
  } else {
    return false;
  }
  s = rest;
  return true;
}

// The value after `label:` up to the next of `stops` (or the end), trimmed.
std::string field_after(std::string_view line, std::string_view label,
                        const std::vector<std::string_view>& stops) {
  for (size_t at = line.find(label); at != std::string_view::npos; at = line.find(label, at + 1)) {
    std::string_view rest = line.substr(at);
    if (!take_label(rest, label)) continue;
    size_t end = rest.size();
    for (std::string_view stop : stops) {
      const size_t k = rest.find(stop);
      if (k != std::string_view::npos && k < end) end = k;
    }
    return std::string(trim(rest.substr(0, end)));
  }
  return {};
}

// "2023年07月29日 14:02" (Beijing time) -> Unix seconds.
// Reads 1..max_digits ASCII digits at `at`; false when there is none.
static bool read_digits(std::string_view s, size_t& at, size_t max_digits, int& value) {
  const size_t begin = at;
  value = 0;
  while (at < s.size() && at - begin < max_digits && s[at] >= '0' && s[at] <= '9')
    value = value * 10 + (s[at++] - '0');
  return at > begin;
}

static bool read_literal(std::string_view s, size_t& at, std::string_view literal) {
  if (s.substr(at, literal.size()) != literal) return false;
  at += literal.size();
  return true;
}

// Not sscanf: the web widget links no scanf family (about 8 KB of its payload).
std::optional<int64_t> parse_portal_time(std::string_view s) {
  int y, mo, d, h, mi;
  const std::string_view text = trim(s);
  size_t at = 0;
  if (!read_digits(text, at, 4, y) || !read_literal(text, at, "年") ||
      !read_digits(text, at, 2, mo) || !read_literal(text, at, "月") ||
      !read_digits(text, at, 2, d) || !read_literal(text, at, "日"))
    return std::nullopt;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  if (!read_digits(text, at, 2, h) || !read_literal(text, at, ":") || !read_digits(text, at, 2, mi))
    return std::nullopt;
  char iso[40];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:00+08:00", y, mo, d, h, mi);
  return parse_iso8601(iso);
}

// Keeps a plain-text paragraph plain when read back as Markdown.
std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  size_t i = 0;
  // A paragraph that would start a heading, quote, list or code block.
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i < text.size() && i > 0 && (text[i] == '.' || text[i] == ')')) {
    out.append(text.substr(0, i));
    out += '\\';
    out += text[i];
    text.remove_prefix(i + 1);
  } else if (!text.empty() && (text[0] == '#' || text[0] == '>' || text[0] == '-' ||
                               text[0] == '+' || text[0] == '=' || text[0] == '|')) {
    out += '\\';
  }
  for (char c : text) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' ||
        c == '&' || c == '~' || c == '|' || c == '!')
      out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

Result<Article> import_page_text(std::string_view page_text) {
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= page_text.size();) {
    size_t end = page_text.find('\n', start);
    if (end == std::string_view::npos) end = page_text.size();
    lines.push_back(trim(page_text.substr(start, end - start)));
    start = end + 1;
  }
  size_t i = 0;
  auto next_nonempty = [&]() {
    while (i < lines.size() && lines[i].empty()) ++i;
    return i < lines.size();
  };
  auto fail = [&](std::string what) {
    const int line = int(i < lines.size() ? i + 1 : lines.size());
    return Error::from(ErrorCode::invalid, {Diagnostic{{}, std::move(what), line, 1}});
  };

  Article a;
  // 1. Breadcrumb: home > channel... > 正文
  if (!next_nonempty()) return fail("empty page");
  {
    std::vector<std::string> levels;
    std::string_view crumb = lines[i];
    for (size_t pos = 0; pos <= crumb.size();) {
      size_t gt = crumb.find('>', pos);
      if (gt == std::string_view::npos) gt = crumb.size();
      levels.emplace_back(trim(crumb.substr(pos, gt - pos)));
      pos = gt + 1;
    }
    if (levels.size() < 3) return fail("expected a breadcrumb such as 首页 > 新闻中心 > 正文");
    a.channel.assign(levels.begin() + 1, levels.end() - 1);
    ++i;
  }
  // 2. Title.
  if (!next_nonempty()) return fail("expected the title");
  a.title = std::string(lines[i++]);
  // 3. Meta line, which the capture may have wrapped over several lines.
  std::string meta;
  while (next_nonempty() && (lines[i].find("作者") != std::string_view::npos ||
                             lines[i].find("来源") != std::string_view::npos ||
                             lines[i].find("发布时间") != std::string_view::npos ||
                             lines[i].find("浏览") != std::string_view::npos)) {
    meta += std::string(lines[i++]) + "  ";
  }
  if (meta.empty()) return fail("expected the meta line (作者:… 来源:… 发布时间:…)");
  const std::vector<std::string_view> meta_stops = {"  ", "作者", "来源", "发布时间", "浏览"};
  a.author = field_after(meta, "作者", meta_stops);
  a.source = field_after(meta, "来源", meta_stops);
  {
    std::string_view rest = meta;
    const size_t at = rest.find("发布时间");
    rest = at == std::string_view::npos ? std::string_view() : rest.substr(at);
    const auto t = take_label(rest, "发布时间") ? parse_portal_time(rest) : std::nullopt;
    if (!t) return fail("expected 发布时间:YYYY年MM月DD日 HH:MM in the meta line");
    a.published_at = *t;
  }
  a.updated_at = a.published_at;
  // 4. Body paragraphs, up to the original link, the editor line or the footer.
  std::string body;
  while (next_nonempty()) {
    std::string_view line = lines[i];
    if (starts_with(line, "网站链接") || starts_with(line, "责任编辑") ||
        starts_with(line, "版权所有"))
      break;
    body += escape_markdown(line);
    body += "\n\n";
    ++i;
  }
  if (!body.empty()) body.pop_back();  // one newline at the end, as editors save it
  a.body = std::move(body);
  // 5. Original link and editor line.
  while (next_nonempty() && !starts_with(lines[i], "版权所有")) {
    std::string_view line = lines[i];
    std::string_view rest = line;
    if (take_label(rest, "网站链接")) {
      a.link = std::string(trim(rest));
    } else if (starts_with(line, "责任编辑")) {
      a.editor = field_after(line, "责任编辑", {" ", "最后编辑"});
      std::string_view last = line.substr(std::min(line.size(), line.find("最后编辑")));
      if (take_label(last, "最后编辑")) {
        const auto t = parse_portal_time(last);
        if (!t) return fail("expected 最后编辑:YYYY年MM月DD日 HH:MM");
        a.updated_at = *t;
      }
    }
    ++i;
  }
  // The footer belongs to the site profile, never to an article: it is not imported.
  Diagnostics errors = validate_article(a);
  if (!errors.empty()) return Error::from(ErrorCode::invalid, std::move(errors));
  return a;
}

}  // namespace press::core

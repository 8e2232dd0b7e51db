// Hostile Markdown and article fields: nothing executable may reach the portal HTML.
//
// Every output is run through a strict checker: each '<' must open or close a tag from the
// writer's own vocabulary, each attribute must be one the writer emits with a double-quoted
// value, href/src values must pass the URL policy, and every '&' must be one of the five
// escapes. So a user's '<', '"' or '\'' can only appear escaped, and no event handler,
// <script> or javascript: URL can be produced.
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/media.h"
#include "core/portal_page.h"
#include "core/site.h"

using namespace press::core;

namespace {

bool in_list(std::string_view word, std::initializer_list<const char*> list) {
  for (const char* w : list)
    if (word == w) return true;
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c + 32);
  return out;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::pair<const char*, char> escapes[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    for (const auto& e : escapes) {
      const size_t len = std::strlen(e.first);
      if (s.compare(i, len, e.first) == 0) {
        out += e.second;
        i += len - 1;
        break;
      }
    }
  }
  return out;
}

// Returns an empty string when html is safe, else what is wrong and where.
std::string check_html(std::string_view html) {
  const auto near = [&](size_t i) { return " at: " + std::string(html.substr(i, 60)); };
  const auto entity_ok = [&](size_t i) {
    for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"})
      if (html.compare(i, std::strlen(e), e) == 0) return true;
    return false;
  };
  for (size_t i = 0; i < html.size();) {
    const char c = html[i];
    if (c == '&') {
      if (!entity_ok(i)) return "bare &" + near(i);
      ++i;
    } else if (c == '>' || c == '"' || c == '\'') {
      return std::string("unescaped ") + c + " in text" + near(i);
    } else if (c != '<') {
      ++i;
    } else if (html.compare(i, 15, "<!DOCTYPE html>") == 0) {
      i += 15;
    } else {
      size_t k = i + 1;
      if (k < html.size() && html[k] == '/') ++k;
      const size_t name_begin = k;
      while (k < html.size() &&
             ((html[k] >= 'a' && html[k] <= 'z') || (html[k] >= '0' && html[k] <= '9')))
        ++k;
      const std::string_view name = html.substr(name_begin, k - name_begin);
      if (!in_list(name, {"html", "head",   "meta",       "title",      "link",   "body",   "div",
                          "nav",  "span",   "a",          "article",    "h1",     "h2",     "h3",
                          "h4",   "h5",     "h6",         "p",          "br",     "hr",     "ul",
                          "ol",   "li",     "blockquote", "pre",        "code",   "strong", "em",
                          "del",  "img",    "table",      "thead",      "tbody",  "tr",     "th",
                          "td",   "footer", "figure",     "figcaption", "section"}))
        return "unexpected tag '" + std::string(name) + "'" + near(i);
      for (;;) {
        if (k >= html.size()) return "unterminated tag" + near(i);
        if (html[k] == '>') {
          ++k;
          break;
        }
        if (html[k] != ' ') return "junk in tag" + near(k);
        ++k;
        const size_t attr_begin = k;
        while (k < html.size() && ((html[k] >= 'a' && html[k] <= 'z') || html[k] == '-')) ++k;
        const std::string_view attr = html.substr(attr_begin, k - attr_begin);
        if (attr == "download" && k < html.size() && html[k] == '>')
          continue;  // the one bare attribute
        if (!in_list(attr,
                     {"href",    "src",      "alt",    "title", "rel",     "target", "style",
                      "start",   "class",    "id",     "lang",  "charset", "name",   "content",
                      "loading", "decoding", "srcset", "sizes", "width",   "height"}))
          return "unexpected attribute '" + std::string(attr) + "'" + near(attr_begin);
        if (html.compare(k, 2, "=\"") != 0) return "unquoted attribute" + near(k);
        k += 2;
        const size_t value_begin = k;
        while (k < html.size() && html[k] != '"') {
          if (html[k] == '<' || html[k] == '>' || html[k] == '\'')
            return "raw byte in value" + near(k);
          if (html[k] == '&' && !entity_ok(k)) return "bare & in value" + near(k);
          ++k;
        }
        if (k >= html.size()) return "unterminated value" + near(value_begin);
        const std::string value = unescape(html.substr(value_begin, k - value_begin));
        ++k;
        if (attr == "srcset") {  // "URL 480w, URL 1600w": every URL a media file's
          for (size_t at = 0; at < value.size();) {
            const size_t comma = value.find(", ", at);
            const std::string candidate =
                value.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
            if (candidate.compare(0, 7, "/media/") != 0 ||
                candidate.find_first_of("\"<>' ", 0) < candidate.rfind(' '))
              return "unexpected srcset '" + value + "'" + near(value_begin);
            at = comma == std::string::npos ? value.size() : comma + 2;
          }
        }
        if ((attr == "loading" && value != "lazy") || (attr == "decoding" && value != "async") ||
            ((attr == "width" || attr == "height") &&
             value.find_first_not_of("0123456789") != std::string::npos))
          return "unexpected " + std::string(attr) + near(value_begin);
        if (attr == "href" || attr == "src") {
          const std::string v = lower(value);
          if (!url_allowed(value) || v.find("javascript:") != std::string::npos ||
              v.find("vbscript:") != std::string::npos || v.find("data:") != std::string::npos)
            return "hostile URL '" + value + "'" + near(value_begin);
        }
        if (attr == "style" &&
            !in_list(value, {"text-align:left", "text-align:center", "text-align:right"}))
          return "unexpected style" + near(value_begin);
      }
      i = k;
    }
  }
  return "";
}

// std::string so the NUL in one of them is kept.
const std::string kHostileBodies[] = {
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "**<style>body{display:none}</style>**",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](<java\tscript:alert(1)>)",
    "[click](java&#9;script:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#"
    "0000116&#0000058alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](&Tab;javascript:alert(1))",
    "[click](%6Aavascript:alert(1))",
    "[click](java%0Ascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[click](file:///etc/passwd)",
    "[click](javascript:alert(1) \"title\")",
    "<javascript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "[x](http://a.cn/\" onmouseover=\"alert(1))",
    "[x](<http://a.cn/\" onmouseover=\"alert(1)>)",
    "[x](http://a.cn/ \"t\\\" onmouseover=\\\"alert(1)\")",
    "![x\" onerror=\"alert(1)](/a.png)",
    "![img](javascript:alert(1))",
    "![img](&#x6A;avascript:alert(1))",
    "![a](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![a](/a.png \"x' onerror='alert(1)\")",
    "![<script>alert(1)</script>](/a.png)",
    "| <script>x</script> | a |\n|---|---|\n| <img src=x onerror=alert(1)> | [y](javascript:1) |",
    "`<script>alert(1)</script>`",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "    </code></pre><img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "# \"><script>alert(1)</script>",
    "> - [x](javascript:alert(1))\n>   ![y](vbscript:z)",
    std::string("[x](java\0script:alert(1))", 25),
    "[[x](javascript:a)](javascript:b)",
    "[![inner](javascript:a)](javascript:b)",
    "'\"><img src=x onerror=alert(1)>",
};

}  // namespace

TEST_CASE("the checker itself rejects unsafe HTML", "[xss]") {
  CHECK(check_html("<p>ok &amp; fine</p>\n").empty());
  CHECK_FALSE(check_html("<script>x</script>").empty());
  CHECK_FALSE(check_html("<img src=\"a.png\" onerror=\"x\">").empty());
  CHECK_FALSE(check_html("<a href=\"javascript:x\">y</a>").empty());
  CHECK_FALSE(check_html("<p>a \" b</p>").empty());
  CHECK_FALSE(check_html("<p>&copy;</p>").empty());
  CHECK_FALSE(check_html("<p style=\"color:red\">x</p>").empty());
}

TEST_CASE("hostile bodies render as inert text", "[xss]") {
  size_t count = 0;
  for (const std::string& md : kHostileBodies) {
    const std::string html = render_body_html(parse_markdown(md));
    INFO(md << "\n=> " << html);
    CHECK(check_html(html) == "");
    const std::string l = lower(html);
    CHECK(l.find("<script") == std::string::npos);
    CHECK(l.find("href=\"javascript") == std::string::npos);
    CHECK(l.find("src=\"javascript") == std::string::npos);
    ++count;
  }
  CHECK(count >= 25);
}

TEST_CASE("hostile media: alt text, captions, file names and links stay inert", "[xss][media]") {
  const std::string photo(64, 'a'), pdf(64, 'b');
  MediaCatalog media;
  MediaFile image;
  image.id = photo;
  image.ext = "jpg";
  image.width = 1200;
  image.height = 800;
  image.widths = {480};
  media.files.push_back(image);
  MediaFile file;
  file.id = pdf;
  file.ext = "pdf";
  file.kind = MediaKind::Attachment;
  file.bytes = 1000;
  file.name = "\"><script>alert(1)</script>.pdf";  // the uploaded name, as the server keeps it
  media.files.push_back(file);
  const std::string bodies[] = {
      "![\"><script>x</script>](media/" + photo + ".jpg \"'><img src=x onerror=alert(1)>\")",
      "[![a\" onerror=\"x](media/" + photo + ".jpg)](javascript:alert(1))",
      "[![a](media/" + photo + ".jpg \"&quot;><b>\")](\"><script>x</script>)",
      "[<script>alert(1)</script>](media/" + pdf + ".pdf)",
      "[![](media/" + photo + ".jpg)](media/" + pdf + ".pdf)",  // named by the hostile upload name
      "![x](media/" + photo + ".jpg?\"onerror=alert(1))",
  };
  for (const std::string& md : bodies) {
    const std::string html = render_body_html(parse_markdown(md), &media);
    INFO(md << "\n=> " << html);
    CHECK(check_html(html) == "");
    CHECK(lower(html).find("<script") == std::string::npos);
  }
}

TEST_CASE("hostile URLs never become links or images", "[xss]") {
  for (const std::string& body : kHostileBodies) {
    const Document d = parse_markdown(body);
    const std::string html = render_body_html(d);
    for (const Link& link : d.links) {
      const std::string url = lower(link.url);
      if (url.find("script") != std::string::npos || url.find("data:") != std::string::npos ||
          url.find("file:") != std::string::npos) {
        INFO(body << " -> " << link.url);
        CHECK_FALSE(link.allowed);
      }
    }
    // The visible text of a refused link survives.
    if (body == "[click](javascript:alert(1))") CHECK(html == "<p>click</p>\n");
    if (body == "![img](javascript:alert(1))") CHECK(html == "<p>img</p>\n");
  }
}

TEST_CASE("hostile article fields are escaped on the page", "[xss]") {
  SiteProfile site;
  site.institution = "学院\"><script>alert(1)</script>";
  site.home_label = "<b>首页</b>";
  site.channels = {{{"新闻\"中心"}, "x\" onclick=\"y"}};
  site.footer_lines = {"<script>footer()</script>"};
  site.icp = "ICP'><svg onload=1>";
  const char* const hostile[] = {
      "<script>alert(1)</script>",  "\" onmouseover=\"alert(1)", "'><img src=x onerror=alert(1)>",
      "</title><script>x</script>", "javascript:alert(1)",       "&lt;script&gt;"};
  for (const char* h : hostile) {
    Article a;
    a.channel = {"新闻\"中心", h};
    a.title = h;
    a.author = h;
    a.source = h;
    a.editor = h;
    a.link = h;
    a.published_at = 1690610520;
    const std::string page = render_portal_page(a, site, parse_markdown(h));
    INFO(h);
    CHECK(check_html(page) == "");
    CHECK(lower(page).find("<script") == std::string::npos);
    CHECK(lower(page).find("<svg") == std::string::npos);
    CHECK(lower(page).find("href=\"javascript") == std::string::npos);
  }
}

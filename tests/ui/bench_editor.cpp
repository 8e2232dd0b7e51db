// The editor benchmark (hidden: run by scripts/bench-editor.sh). A 50,000-character
// Chinese article is open with the form, the body editor and the preview on screen;
// measured are the CPU time of an idle frame (no input) and of a keystroke frame (one
// character typed into the body: editing, re-parsing, the guard, the preview). Headless:
// the frame is everything up to ImGui::Render(), without GL.
//
// Under callgrind (PRESS_BENCH_CALLGRIND=idle or key, valgrind --instr-atstart=no), only
// the measured frames are instrumented and counted.
#include <time.h>
#include <valgrind/callgrind.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>

#include "app_harness.h"
#include "core/article_json.h"
#include "core/document.h"
#include "ui/char_count.h"

using namespace press_ui_test;

namespace {

double cpu_ms() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The sample articles' paragraphs, in sections with headings, bold text and links, until
// the body holds at least 50,000 characters as editors count them.
std::string long_body(size_t characters) {
  std::vector<std::string> paragraphs;
  for (const char* name : {"sample-article", "clean-anti-fraud", "clean-enrollment",
                           "clean-international", "clean-media-report", "clean-notice-jinsha",
                           "clean-party-building", "clean-sports-meet", "clean-tech-competition"}) {
    const std::string text =
        read_text(source_path(std::string("assets/samples/") + name + ".json"));
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("body") || !j["body"].is_string()) continue;
    const std::string body = j["body"].get<std::string>();
    for (size_t i = 0; i < body.size();) {
      size_t e = body.find("\n\n", i);
      if (e == std::string::npos) e = body.size();
      std::string p = body.substr(i, e - i);
      if (!p.empty() && p[0] != '#' && p[0] != '|' && p[0] != '-' && p[0] != '>')
        paragraphs.push_back(p);
      i = e + 2;
    }
  }
  REQUIRE(paragraphs.size() > 10);
  std::string out;
  size_t n = 0, section = 0;
  while (press::ui::count_characters(press::core::parse_markdown(out)) < characters) {
    out += "## 第" + std::to_string(++section) + "部分 综合报道\n\n";
    for (size_t k = 0; k < 8; ++k, ++n) {
      std::string p = paragraphs[n % paragraphs.size()];
      if (k == 2) p = "**本报讯**" + p;
      if (k == 5)
        p += "详见[学院官网](https://www.zjitc.edu.cn/info/" + std::to_string(section) + ".htm)。";
      out += p + "\n\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("editor frame times with a 50,000-character article", "[.bench]") {
  const char* callgrind = std::getenv("PRESS_BENCH_CALLGRIND");
  const std::string phase = callgrind ? callgrind : "";
  TempDir temp;
  press::core::ArticleParse sample =
      press::core::parse_article(read_text(source_path("assets/samples/sample-article.json")));
  REQUIRE(sample.ok());
  press::core::Article article = sample.article;
  article.body = long_body(50000);
  std::ofstream(temp.file("long.json")) << press::core::article_to_json(article);

  HarnessOptions options;
  options.open_file = temp.file("long.json");
  options.scripted_http = true;
  Harness h(options);
  h.until_ready();
  REQUIRE(h.session().article().body == article.body);
  // Caret in the middle of the body, the view scrolled there, the preview following.
  h.click(UiItem::Body);
  for (int i = 0; i < 40; ++i) h.key(ImGuiKey_PageDown);
  h.type("字");  // every glyph the keystrokes use is in the atlas from here on
  h.wait(2);     // and the autosave that follows is done
  h.frames(30);

  const size_t chars = h.session().analysis().char_count;
  const size_t glyphs = h.app().fonts().glyph_count();

  // Idle frames.
  std::vector<double> idle;
  if (phase == "idle") CALLGRIND_START_INSTRUMENTATION;
  for (int i = 0; i < (phase.empty() ? 300 : 10); ++i) {
    const double t0 = cpu_ms();
    if (phase == "idle") CALLGRIND_TOGGLE_COLLECT;
    h.frame();
    if (phase == "idle") CALLGRIND_TOGGLE_COLLECT;
    idle.push_back(cpu_ms() - t0);
  }
  if (phase == "idle") CALLGRIND_STOP_INSTRUMENTATION;

  // Keystroke frames: one character into the body, the frame that takes it. Frames in
  // between let the caret settle; an autosave frame (once a second) is measured apart.
  std::vector<double> keys;
  if (phase == "key") CALLGRIND_START_INSTRUMENTATION;
  const uint64_t before = h.session().draft().edit_generation;
  for (int i = 0; i < (phase.empty() ? 60 : 10); ++i) {
    ImGui::GetIO().AddInputCharactersUTF8(i % 2 ? "字" : "区");
    const double t0 = cpu_ms();
    if (phase == "key") CALLGRIND_TOGGLE_COLLECT;
    h.frame(0.05f);
    if (phase == "key") CALLGRIND_TOGGLE_COLLECT;
    keys.push_back(cpu_ms() - t0);
    h.frame(0.05f);
  }
  if (phase == "key") CALLGRIND_STOP_INSTRUMENTATION;
  REQUIRE(h.session().draft().edit_generation > before);

  // A character the atlas does not hold yet: the atlas is rebuilt before the next frame
  // (between frames, as the main loop does), measured with that frame.
  double new_glyph = 0;
  if (phase.empty() || phase == "glyph") {
    ImGui::GetIO().AddInputCharactersUTF8("鑫");
    h.frame(0.05f);  // the editor takes the character and notes the new glyph
    const double t0 = cpu_ms();
    if (phase == "glyph") CALLGRIND_START_INSTRUMENTATION;
    if (phase == "glyph") CALLGRIND_TOGGLE_COLLECT;
    h.frame(0.05f);  // atlas rebuild + the frame that draws it
    if (phase == "glyph") CALLGRIND_TOGGLE_COLLECT;
    if (phase == "glyph") CALLGRIND_STOP_INSTRUMENTATION;
    new_glyph = cpu_ms() - t0;
  }

  // The autosave of the long draft, for reference.
  double save = 0;
  if (phase.empty()) {
    h.wait(0.5f);
    const double t0 = cpu_ms();
    h.wait(1.2f);
    save = cpu_ms() - t0;
  }

  std::printf("article: %zu characters (%zu bytes of Markdown), %zu glyphs in the atlas\n", chars,
              h.session().article().body.size(), glyphs);
  std::printf("idle frame:      median %.3f ms CPU, mean %.3f ms (%zu frames)\n", median(idle),
              std::accumulate(idle.begin(), idle.end(), 0.0) / double(idle.size()), idle.size());
  std::printf("keystroke frame: median %.3f ms CPU, max %.3f ms (%zu keystrokes)\n", median(keys),
              *std::max_element(keys.begin(), keys.end()), keys.size());
  if (phase.empty()) {
    std::printf(
        "new-glyph frame: %.3f ms CPU (atlas rebuilt with %zu glyphs, once per new character)\n",
        new_glyph, h.app().fonts().glyph_count());
    std::printf("autosave frames: %.3f ms CPU in 1.2 s of frames\n", save);
  }
  std::printf("frames measured per phase under callgrind: 10\n");
}

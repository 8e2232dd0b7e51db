// Text engine benchmark (scripts/bench-text.sh builds and runs it).
//
//   bench_text frames ARTICLE_BODY_FILE            CPU time of idle and keystroke frames
//   bench_text callgrind idle|key ARTICLE_BODY_FILE  the frames callgrind counts (see script)
//   bench_text breaks INPUT_FILE                    line-breaking throughput in MB/s
//
// Frames are whole ImGui frames (NewFrame, the editor in a window, Render) with the
// 50,000-character article in the editor, headless: no window, no GL.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "core/east_asian_width.h"
#include "core/line_break.h"
#include "core/text_layout.h"
#include "core/utf8.h"
#include "ui/body_editor.h"

namespace {

std::string read_file(const char* path) {
  std::string out;
  if (FILE* f = std::fopen(path, "rb")) {
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}

double cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

}  // namespace

struct Bench {
  ImGuiContext* context = nullptr;
  press::ui::BodyEditor editor;
  bool cjk_font = false;

  explicit Bench(const std::string& body) {
    context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 800);
    io.IniFilename = nullptr;
    // A real CJK face holding the article's glyphs, as the editor will have; ImGui's
    // default font (fallback glyphs for CJK) when the machine has none.
    if (FILE* f = std::fopen(kCjkFont, "rb")) {
      std::fclose(f);
      ImFontGlyphRangesBuilder builder;
      builder.AddText(body.data(), body.data() + body.size());
      static ImVector<ImWchar> ranges;
      builder.BuildRanges(&ranges);
      ImFontConfig config;
      config.OversampleH = 1;
      cjk_font = io.Fonts->AddFontFromFileTTF(kCjkFont, 20.f, &config, ranges.Data) != nullptr;
    }
    if (!cjk_font) io.Fonts->AddFontDefault();
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    editor.set_text(body);
    frame();
    // Focus with a click, then put the caret in the middle of the text.
    io.AddMousePosEvent(100, 100);
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    io.AddMouseButtonEvent(0, false);
    frame();
    size_t middle = body.size() / 2;
    while (middle > 0 && (static_cast<unsigned char>(body[middle]) & 0xC0) == 0x80) --middle;
    editor.set_selection(middle, middle);
    for (int i = 0; i < 5; ++i) frame();
  }
  ~Bench() { ImGui::DestroyContext(context); }

  void frame() {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.f / 60;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("editor", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    editor.draw("##body", ImVec2(800, 760));
    ImGui::End();
    ImGui::Render();
  }
};

// What callgrind counts: --toggle-collect on these two names.
extern "C" __attribute__((noinline)) void bench_idle_frame(Bench* b) {
  b->frame();
}
extern "C" __attribute__((noinline)) void bench_keystroke_frame(Bench* b) {
  ImGui::GetIO().AddInputCharactersUTF8("新");
  b->frame();
}

namespace {

struct Stats {
  double mean = 0, median = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> v) {
  Stats s;
  std::sort(v.begin(), v.end());
  for (double x : v) s.mean += x;
  s.mean /= double(v.size());
  s.median = v[v.size() / 2];
  s.p95 = v[v.size() * 95 / 100];
  s.max = v.back();
  return s;
}

int run_frames(const std::string& body) {
  Bench b(body);
  const size_t chars = press::core::utf8::count_code_points(body);
  const size_t lines = b.editor.layout().line_count();
  std::printf("article: %zu characters, %zu bytes, %zu paragraphs, %zu wrapped lines, font: %s\n",
              chars, body.size(), b.editor.layout().paragraph_count(), lines,
              b.cjk_font ? "Noto Sans CJK SC 20px" : "ImGui default (CJK as fallback glyphs)");
  const int n = 300;
  std::vector<double> idle, key;
  for (int i = 0; i < 20; ++i) bench_idle_frame(&b);
  for (int i = 0; i < n; ++i) {
    const double t = cpu_seconds();
    bench_idle_frame(&b);
    idle.push_back((cpu_seconds() - t) * 1e3);
  }
  const size_t before = b.editor.size();
  for (int i = 0; i < n; ++i) {
    const double t = cpu_seconds();
    bench_keystroke_frame(&b);
    key.push_back((cpu_seconds() - t) * 1e3);
  }
  if (b.editor.size() != before + size_t(n) * 3) {
    std::printf("error: keystrokes did not reach the text\n");
    return 1;
  }
  const Stats si = stats(idle), sk = stats(key);
  const ImDrawData* draw = ImGui::GetDrawData();
  std::printf("a frame draws %d vertices (the visible lines only), caret at byte %zu of %zu\n",
              draw ? draw->TotalVtxCount : 0, b.editor.caret(), b.editor.size());
  std::printf(
      "idle frame:      mean %.3f ms  median %.3f ms  p95 %.3f ms  max %.3f ms  (budget 0.5 ms)\n",
      si.mean, si.median, si.p95, si.max);
  std::printf(
      "keystroke frame: mean %.3f ms  median %.3f ms  p95 %.3f ms  max %.3f ms  (budget 2 ms)\n",
      sk.mean, sk.median, sk.p95, sk.max);
  // The worst case of per-paragraph layout: a keystroke inside one 20,000-character
  // paragraph (a long paste without line breaks) lays out that whole paragraph again.
  {
    std::string one;
    for (size_t i = 0; i < body.size() && press::core::utf8::count_code_points(one) < 20000;) {
      size_t nl = body.find('\n', i);
      if (nl == std::string::npos) nl = body.size();
      one.append(body, i, nl - i);
      i = nl + 1;
    }
    Bench big(one);
    std::vector<double> t_big;
    for (int i = 0; i < 100; ++i) {
      const double t = cpu_seconds();
      bench_keystroke_frame(&big);
      t_big.push_back((cpu_seconds() - t) * 1e3);
    }
    const Stats sb = stats(t_big);
    std::printf("keystroke frame in one %zu-character paragraph: median %.3f ms  p95 %.3f ms\n",
                press::core::utf8::count_code_points(one), sb.median, sb.p95);
  }
  const bool ok = si.median <= 0.5 && sk.median <= 2.0;
  std::printf("budget: %s\n", ok ? "met" : "MISSED");
  return ok ? 0 : 1;
}

int run_callgrind(const std::string& which, const std::string& body) {
  Bench b(body);
  const int n = 10;
  for (int i = 0; i < n; ++i) {
    if (which == "idle") {
      bench_idle_frame(&b);
    } else {
      bench_keystroke_frame(&b);
    }
  }
  return 0;
}

float columns(std::string_view cluster, char32_t base) {
  return float(press::core::cluster_columns(cluster, base));
}

int run_breaks(const std::string& input) {
  // Paragraphs as the layout sees them: the lines of the input.
  std::vector<std::string_view> paragraphs;
  for (size_t at = 0; at < input.size();) {
    size_t nl = input.find('\n', at);
    if (nl == std::string::npos) nl = input.size();
    paragraphs.push_back(std::string_view(input).substr(at, nl - at));
    at = nl + 1;
  }
  const double mb = double(input.size()) / 1e6;
  std::printf("input: %.1f MB, %zu paragraphs\n", mb, paragraphs.size());

  std::vector<press::core::BreakOpportunity> breaks;
  std::vector<press::core::LineBox> lines;
  lines.reserve(1 << 16);
  breaks.reserve(1 << 16);
  auto best_of = [&](auto&& body) {
    double best = 1e9;
    for (int run = 0; run < 5; ++run) {
      const double t = cpu_seconds();  // CPU time: steadier than wall time on a busy machine
      body();
      best = std::min(best, cpu_seconds() - t);
    }
    return best;
  };
  size_t count = 0;
  const double t_breaks = best_of([&] {
    count = 0;
    for (std::string_view p : paragraphs) {
      press::core::find_break_opportunities(p, breaks);
      count += breaks.size();
    }
  });
  std::printf("break opportunities:          %7.1f MB/s  (%zu opportunities)\n", mb / t_breaks,
              count);
  double layout_mb_s = 0;
  for (float width : {80.f, 40.f}) {
    size_t line_count = 0;
    const double t = best_of([&] {
      line_count = 0;
      for (std::string_view p : paragraphs) {
        lines.clear();
        press::core::layout_paragraph(p, {width, 4}, columns, lines);
        line_count += lines.size();
      }
    });
    std::printf("layout at %2.0f columns:         %7.1f MB/s  (%zu lines)\n", width, mb / t,
                line_count);
    if (width == 80.f) layout_mb_s = mb / t;
  }
  // Pixel layout through a virtual measure, as the editor does (fixed advances).
  press::ui::FixedMetrics metrics(10, 20);
  auto pixels = [&](std::string_view c, char32_t b) { return metrics.advance(c, b); };
  size_t pixel_lines = 0;
  const double t_px = best_of([&] {
    pixel_lines = 0;
    for (std::string_view p : paragraphs) {
      lines.clear();
      press::core::layout_paragraph(p, {800, 40}, pixels, lines);
      pixel_lines += lines.size();
    }
  });
  std::printf("layout at 800 px (editor):    %7.1f MB/s  (%zu lines)\n", mb / t_px, pixel_lines);
  const bool ok = mb / t_breaks >= 100 && layout_mb_s >= 100;
  std::printf("target >= 100 MB/s (break opportunities, layout): %s\n", ok ? "met" : "MISSED");
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "frames") == 0) return run_frames(read_file(argv[2]));
  if (argc >= 4 && std::strcmp(argv[1], "callgrind") == 0)
    return run_callgrind(argv[2], read_file(argv[3]));
  if (argc >= 3 && std::strcmp(argv[1], "breaks") == 0) return run_breaks(read_file(argv[2]));
  std::fprintf(stderr, "usage: bench_text frames BODY | callgrind idle|key BODY | breaks INPUT\n");
  return 2;
}

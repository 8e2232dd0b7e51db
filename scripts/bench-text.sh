#!/usr/bin/env bash
# Text engine benchmark: the body editor with a 50,000-character Chinese article, headless
# (ImGui without a window or GL): CPU time and callgrind instruction counts of an idle frame
# and of a frame that inserts one character in the middle; and line-breaking throughput on
# the ~10 MB input of the core benchmark (the sample body, repeated with headings and links).
# Budget: keystroke frame <= 2 ms, idle frame <= 0.5 ms; line breaking >= 100 MB/s.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build/bench-text
SIZE_MB=${SIZE_MB:-10}

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPRESS_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" --target press_ui press_core imgui md4c >/dev/null
g++ -std=c++17 -O2 -g -DNDEBUG -DIMGUI_DISABLE_OBSOLETE_FUNCTIONS -DIMGUI_DISABLE_OBSOLETE_KEYIO \
  -Isrc -isystem third_party/imgui bench/text/bench_text.cpp \
  "$BUILD/libpress_ui.a" "$BUILD/libpress_core.a" "$BUILD/libimgui.a" "$BUILD/libmd4c.a" \
  -o "$BUILD/bench_text"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The editor's article: the sample body's paragraphs repeated to 50,000 characters.
python3 - "$work/article.md" <<'PY'
import json, sys
body = json.load(open("assets/samples/sample-article.json", encoding="utf-8"))["body"]
paragraphs = [p for p in body.split("\n\n") if p.strip()]
out, chars, i = [], 0, 0
while chars < 50000:
    p = paragraphs[i % len(paragraphs)]
    p = p[: 50000 - chars] if chars + len(p) > 50000 else p
    out.append(p)
    chars += len(p)
    i += 1
open(sys.argv[1], "w", encoding="utf-8").write("\n\n".join(out) + "\n")
PY

# The core benchmark's input (same generator as scripts/bench-core.sh).
python3 - "$work/input.md" "$SIZE_MB" <<'PY'
import json, sys
body = json.load(open("assets/samples/sample-article.json", encoding="utf-8"))["body"]
paragraphs = [p for p in body.split("\n\n") if p.strip()]
target = int(sys.argv[2]) * 1000 * 1000
out, n, size = [], 0, 0
while size < target:
    n += 1
    section = [f"## 第{n}部分 产教融合动态\n"]
    for i, p in enumerate(paragraphs):
        if i == 2:
            p = p.replace("温州湾新区", "**温州湾新区**", 1)
        if i == 5:
            p += " 详见[学院官网](https://www.zjitc.edu.cn/info/%d.htm)。" % n
        section.append(p + "\n")
    chunk = "\n".join(section) + "\n"
    out.append(chunk)
    size += len(chunk.encode("utf-8"))
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY

echo "== frames (CPU time, $(nproc) cores, $(uname -m))"
status=0
"$BUILD/bench_text" frames "$work/article.md" || status=1

echo
echo "== callgrind instruction counts (mean of 10 frames)"
if command -v valgrind >/dev/null; then
  for which in idle key; do
    fn=bench_idle_frame
    [ "$which" = key ] && fn=bench_keystroke_frame
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$which" --collect-atstart=no \
      --toggle-collect="$fn" "$BUILD/bench_text" callgrind "$which" "$work/article.md" \
      >/dev/null 2>&1
    ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$work/cg.$which")
    label="idle frame:     "
    [ "$which" = key ] && label="keystroke frame:"
    printf '%s %12d instructions\n' "$label" "$((ir / 10))"
  done
else
  echo "valgrind not installed: skipped"
fi

echo
echo "== line breaking"
"$BUILD/bench_text" breaks "$work/input.md" || status=1
exit $status

#!/usr/bin/env bash
# Core benchmark: renders a ~10 MB Chinese news Markdown input to a full portal page with
# `press render` (document model + HTML + content guard) and, in the same run, to HTML with
# md4c's own md2html built from the same tarball. Prints MB/s of both, the ratio and peak
# memory. Budget: press >= 0.8 x md2html.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
SIZE_MB=${SIZE_MB:-10}
BUILD_DIR=${BUILD_DIR:-build/native}  # e.g. BUILD_DIR=build/mine to bench your own build

if [ "$BUILD_DIR" = build/native ]; then
  if [ ! -x build/native/press ] || [ ! -x build/native/md2html ]; then
    bash scripts/setup.sh >/dev/null
    cmake --preset native >/dev/null
    cmake --build --preset native --target press md2html >/dev/null
  fi
elif [ ! -x "$BUILD_DIR/press" ] || [ ! -x "$BUILD_DIR/md2html" ]; then
  echo "bench-core: build press and md2html in $BUILD_DIR first" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The input: the sample article's body, repeated with section headings, emphasis and links
# the way a long news digest would have them.
python3 - "$work/input.md" "$SIZE_MB" <<'PY'
import json, sys
body = json.load(open("assets/samples/sample-article.json", encoding="utf-8"))["body"]
paragraphs = [p for p in body.split("\n\n") if p.strip()]
target = int(sys.argv[2]) * 1000 * 1000
out, n = [], 0
size = 0
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
bytes=$(stat -c %s "$work/input.md")

python3 - "$work" "$bytes" "$RUNS" "$BUILD_DIR" <<'PY'
import os, subprocess, sys, time
work, nbytes, runs, build = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sample = "assets/samples/sample-article.json"
commands = {
    "md2html": [build + "/md2html", "--ftables", "--fstrikethrough", "--fno-html", work + "/input.md", "-o", os.devnull],
    "press render": [build + "/press", "render", sample, "--body", work + "/input.md", "-o", os.devnull],
}
def measure(cmd):
    best = float("inf")
    peak = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)  # this child's own peak memory
        dt = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{cmd[0]} failed with status {status}")
        best = min(best, dt)
        peak = max(peak, usage.ru_maxrss)
    return best, peak
# Interleave warm-up so both see the same page cache.
results = {}
for name, cmd in commands.items():
    subprocess.run(cmd, stderr=subprocess.DEVNULL)
for name, cmd in commands.items():
    results[name] = measure(cmd)
mb = nbytes / 1e6
print(f"input: {mb:.1f} MB of Chinese news Markdown, best of {runs} runs")
for name, (t, peak) in results.items():
    print(f"{name:>13}: {mb / t:7.1f} MB/s  ({t * 1000:.0f} ms)")
ratio = (mb / results["press render"][0]) / (mb / results["md2html"][0])
print(f"        ratio: {ratio:.2f} x md2html (budget >= 0.80)")
for name, (t, peak) in results.items():
    print(f"  peak memory: {name} {peak / 1024:.0f} MB")
PY

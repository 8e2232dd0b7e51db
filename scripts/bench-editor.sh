#!/usr/bin/env bash
# Editor benchmark: a 50,000-character Chinese article open in the desktop editor (form,
# body editor and preview on screen), run headless. Prints the CPU time of an idle frame
# and of a keystroke frame (the frame that takes one typed character: editing, re-parsing,
# the guard, the preview), then the instructions of each under callgrind.
# Budget on this machine: idle <= 1 ms, keystroke <= 8 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/native}

if [ ! -x "$BUILD/press_ui_tests" ]; then
  bash scripts/setup.sh >/dev/null
  cmake --preset native >/dev/null
fi
cmake --build "$BUILD" --target press_ui_tests >/dev/null

echo "== CPU time (median over many frames)"
"$BUILD/press_ui_tests" "[.bench]" | grep -E "^(article|idle|keystroke|new-glyph|autosave)"

echo "== callgrind (instructions per frame, mean of 10 frames; only those frames are instrumented)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for phase in idle key; do
  PRESS_BENCH_CALLGRIND=$phase valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no \
    --callgrind-out-file="$work/$phase.out" "$BUILD/press_ui_tests" "[.bench]" >/dev/null 2>"$work/$phase.log" \
    || { tail -20 "$work/$phase.log"; exit 1; }
  total=$(grep -E "^totals:" "$work/$phase.out" | awk '{print $2}')
  label=$([ "$phase" = idle ] && echo "idle frame:     " || echo "keystroke frame:")
  awk -v t="$total" -v l="$label" 'BEGIN { printf "%s %.2f M instructions\n", l, t / 10 / 1e6 }'
done
echo "budget: idle <= 1 ms, keystroke <= 8 ms"

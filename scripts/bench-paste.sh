#!/usr/bin/env bash
# Benchmarks rich paste's HTML -> Markdown: `press import-html` beside turndown (npm, the
# converter most web apps use) under node, on the same ~1 MB Word HTML document.
#
#   scripts/bench-paste.sh                          # 7 runs each; RUNS=11 for steadier medians
#   PRESS_BIN=build/mine/press scripts/bench-paste.sh   # a press built elsewhere, no build here
#   SKIP_BUILD=1 scripts/bench-paste.sh             # time build/native/press as it is
#
# The file: tests/corpus/paste/word.html (Word 2016's clipboard HTML: a big <style>, VML
# pictures, fake lists, a table) with its head once and its body repeated to >= 1,000,000
# bytes, in a temporary folder.
#   1. turndown: new TurndownService().turndown(html) in one node process (its own parse
#      included, as it does from a string), a warm-up, then median and min of RUNS runs.
#   2. press import-html FILE -o OUT.json: the whole command (start, parse, convert, write),
#      median and min of RUNS runs, through hyperfine when it is installed; then
#      press import-html FILE --bench RUNS: gumbo's parse + the conversion in one process
#      (the file read once, a warm-up), turndown's own measure.
# Then both again on one core (taskset -c 0). The ratio is turndown's time over press's:
# above 1, press is faster. Budget (paste issue): ratio >= 1. Figures only, never asserted.
# The browser half (a paste event in headless chromium to the body showing it) is a TODO in
# tests/browser/bench-paste.mjs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export RUNS=${RUNS:-7}

command -v node >/dev/null || { echo "bench-paste: node is missing (scripts/setup.sh installs it)" >&2; exit 1; }

if [ -n "${PRESS_BIN:-}" ]; then  # a press built elsewhere
  export PRESS_BIN
elif [ ! -x build/native/press ]; then
  echo "bench-paste: building press (Release) in build/native"
  bash scripts/setup.sh >/dev/null
  cmake --preset native >/dev/null
  nice cmake --build --preset native --target press >/dev/null
elif [ -z "${SKIP_BUILD:-}" ]; then
  # Up to date with the sources (import-html may have landed since it was built); a tree
  # that does not build right now (others' work in progress) leaves the old binary.
  log=$(mktemp)
  if ! nice cmake --build build/native --target press >"$log" 2>&1; then
    echo "bench-paste: building press failed (last lines below); timing the press already there"
    tail -5 "$log"
  fi
  rm -f "$log"
fi

# turndown from the lock file (tests/browser/package-lock.json), as CI installs it.
if [ ! -e tests/browser/node_modules/turndown/package.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

(cd tests/browser && node bench-paste.mjs)

#!/usr/bin/env bash
# Installs what is missing, builds native and WebAssembly, and runs every test:
# Catch2 suites through ctest (native and under node), the CLI checks, a fuzz smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten finds Debian's acorn through it
FUZZ_SECONDS=${FUZZ_SECONDS:-20}

bash scripts/setup.sh

echo "== native build"
cmake --preset native -DPRESS_WERROR=ON >/dev/null
cmake --build --preset native
echo "== native tests"
ctest --preset native

echo "== WebAssembly build (core tests under node, exceptions off)"
cmake --preset web -DPRESS_WERROR=ON >/dev/null
cmake --build --preset web
ctest --preset web

echo "== browser tests (playwright-core + Debian chromium, against a real press-server)"
(cd tests/browser && PRESS_SERVER="$PWD/../../build/native/press-server" \
  PRESS_WIDGET_DIR="$PWD/../../build/web/widget" node --test --test-concurrency=1 .)

echo "== fuzz smoke run (${FUZZ_SECONDS}s per target, the media sniffer ${FUZZ_MEDIA_SECONDS:-5}s, RTF pictures ${FUZZ_RTF_SECONDS:-10}s, HTML to Markdown ${FUZZ_HTML_SECONDS:-15}s)"
cmake --preset fuzz -DPRESS_WERROR=ON >/dev/null
cmake --build --preset fuzz --target fuzz_article_json fuzz_markdown fuzz_media_sniff fuzz_rtf_pictures fuzz_html_markdown
for target in fuzz_article_json fuzz_markdown fuzz_media_sniff fuzz_rtf_pictures fuzz_html_markdown; do
  seconds=$FUZZ_SECONDS
  corpus=$(mktemp -d)
  case $target in
    fuzz_article_json) cp tests/fuzz/corpus/json/* assets/samples/*.json "$corpus"/ ;;
    fuzz_markdown) cp tests/fuzz/corpus/markdown/* "$corpus"/ ;;
    fuzz_media_sniff) cp tests/fuzz/corpus/media/* "$corpus"/; seconds=${FUZZ_MEDIA_SECONDS:-5} ;;
    fuzz_rtf_pictures) cp tests/corpus/paste/*.rtf "$corpus"/; seconds=${FUZZ_RTF_SECONDS:-10} ;;
    fuzz_html_markdown) cp tests/fuzz/corpus/html/* "$corpus"/; seconds=${FUZZ_HTML_SECONDS:-15} ;;
  esac
  ./build/fuzz/$target -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 "$corpus" 2>"build/fuzz/$target.log" \
    || { tail -40 "build/fuzz/$target.log"; echo "$target: crash"; exit 1; }
  grep -E "stat::number_of_executed_units" "build/fuzz/$target.log" | sed "s/^/$target: /"
  rm -rf "$corpus"
done
echo "== all tests passed"

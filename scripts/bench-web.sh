#!/usr/bin/env bash
# Web widget benchmark, in one run:
#  - the widget's whole payload (press.js + press_widget.mjs + press_widget.wasm: everything
#    it fetches; no font file) gzipped, beside TinyMCE 7's minimal editor installed from the
#    npm registry into a temporary folder (never the repo), and the ratio;
#  - navigation -> first interactive frame (performance.mark 'press-first-frame') in
#    headless chromium, admin page and standalone widget, beside the first frame of a bare
#    ImGui + md4c + nlohmann-json + GLFW module (bench/web-bare) and TinyMCE's init time;
#  - frame time while typing into a 50,000-character article.
# Uses build/web/widget and build/native/press-server unless PRESS_WIDGET_DIR / PRESS_SERVER
# say otherwise (scripts/test.sh builds both).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PRESS_WIDGET_DIR=${PRESS_WIDGET_DIR:-$ROOT/build/web/widget}
export PRESS_SERVER=${PRESS_SERVER:-$ROOT/build/native/press-server}
TINYMCE_VERSION=${TINYMCE_VERSION:-7}   # the newest 7.x

for f in "$PRESS_WIDGET_DIR/press_widget.wasm" "$PRESS_SERVER"; do
  [ -e "$f" ] || { echo "bench-web: $f is missing: build first (scripts/test.sh)" >&2; exit 1; }
done
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm install --no-audit --no-fund --silent)

gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

echo "== payload (gzip -9)"
widget=0
for f in press.js press_widget.mjs press_widget.wasm; do
  size=$(gz "$PRESS_WIDGET_DIR/$f")
  widget=$((widget + size))
  printf '  widget  %-22s %8s KB\n' "$f" "$(kb "$size")"
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
tinymce=0
if (cd "$TMP" && npm install --no-audit --no-fund --silent "tinymce@$TINYMCE_VERSION" >/dev/null 2>&1); then
  T=$TMP/node_modules/tinymce
  for f in tinymce.min.js themes/silver/theme.min.js models/dom/model.min.js icons/default/icons.min.js \
           skins/ui/oxide/skin.min.css; do
    size=$(gz "$T/$f")
    tinymce=$((tinymce + size))
    printf '  tinymce %-34s %8s KB\n' "$f" "$(kb "$size")"
  done
  export TINYMCE_DIR=$T
  TINYMCE_VERSION=$(node -p "require('$T/package.json').version")
else
  echo "  (TinyMCE could not be installed from npm: no comparison)"
fi
# The issue's other reference: a bare ImGui + md4c + nlohmann-json + GLFW module (-Oz -flto),
# built from bench/web-bare on request.
export BARE_DIR=${BARE_DIR:-$ROOT/build/web/bare}
bare=0
if [ -f build/web/build.ninja ] && NODE_PATH=/usr/share/nodejs cmake --build build/web --target press_bare_reference >/dev/null 2>&1; then
  for f in bare.js bare.wasm; do
    size=$(gz "$BARE_DIR/$f")
    bare=$((bare + size))
    printf '  bare    %-22s %8s KB\n' "$f" "$(kb "$size")"
  done
else
  echo "  (the bare ImGui reference could not be built: no comparison)"
fi
printf 'widget payload:  %s KB gzipped (budget 300 KB)\n' "$(kb $widget)"
if [ $bare -gt 0 ]; then
  printf 'bare ImGui + md4c + nlohmann-json + GLFW module: %s KB gzipped\n' "$(kb $bare)"
  awk -v w=$widget -v b=$bare 'BEGIN { printf "widget - bare module: %.1f KB (the product'"'"'s own code)\n", (w - b) / 1024 }'
fi
if [ $tinymce -gt 0 ]; then
  printf 'TinyMCE %s:   %s KB gzipped\n' "$TINYMCE_VERSION" "$(kb $tinymce)"
  awk -v w=$widget -v t=$tinymce 'BEGIN { printf "ratio widget / TinyMCE: %.2f\n", w / t }'
fi

echo "== start-up and typing (headless chromium)"
(cd tests/browser && node bench.mjs)

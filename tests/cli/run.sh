#!/usr/bin/env bash
# End-to-end checks of the press command: exit codes, located errors, outputs.
# Usage: tests/cli/run.sh PATH/TO/press SOURCE_DIR
set -u
PRESS=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect_exit() {  # expected-code description command...
  local want=$1 what=$2
  shift 2
  "$@" >"$T/out" 2>"$T/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, wanted $want"; sed 's/^/  /' "$T/err" | head -5; fi
}
contains() {  # file needle description
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; fi
}

SAMPLE=$SRC/assets/samples/sample-article.json

expect_exit 0 "help" "$PRESS" --help
contains "$T/out" "Exit codes" "help documents exit codes"
expect_exit 2 "no arguments" "$PRESS"
expect_exit 2 "unknown command" "$PRESS" frobnicate

# render
expect_exit 0 "render sample" "$PRESS" render "$SAMPLE" -o "$T/page.html"
contains "$T/page.html" "<h1" "page has the title heading"
contains "$T/page.html" "温度新闻客户端:温州湾新区产教联合体成立" "page has the title"
contains "$T/page.html" "浙ICP备12044836号" "page has the footer ICP"
"$PRESS" render "$SAMPLE" -o "$T/page2.html" 2>/dev/null
if cmp -s "$T/page.html" "$T/page2.html"; then ok; else bad "render is not byte-stable"; fi
expect_exit 0 "render fragment" "$PRESS" render "$SAMPLE" --fragment
if grep -q "<html" "$T/out"; then bad "fragment contains <html"; else ok; fi
contains "$T/out" "<p>" "fragment has paragraphs"
expect_exit 2 "render missing file" "$PRESS" render "$T/nope.json"
contains "$T/err" "nope.json" "missing file is named"
expect_exit 2 "render unknown option" "$PRESS" render "$SAMPLE" --bogus
printf '# 标题\n\n正文<script>alert(1)</script>\n' >"$T/body.md"
expect_exit 0 "render with --body" "$PRESS" render "$SAMPLE" --body "$T/body.md" --fragment
contains "$T/out" "&lt;script&gt;" "raw HTML is escaped"

# check
expect_exit 0 "check sample passes the guard" "$PRESS" check "$SAMPLE"
for f in "$SRC"/assets/samples/clean-*.json; do
  [ -e "$f" ] || continue
  expect_exit 0 "check $(basename "$f")" "$PRESS" check "$f"
done
if [ -e "$SRC/assets/samples/defaced-article.json" ]; then
  expect_exit 1 "check defaced article blocks" "$PRESS" check "$SRC/assets/samples/defaced-article.json"
  expect_exit 1 "check --json defaced" "$PRESS" check --json "$SRC/assets/samples/defaced-article.json"
  contains "$T/out" '"blocked": true' "json report says blocked"
fi
printf '{"channel":["新闻中心"],\n"title": 5}' >"$T/bad.json"
expect_exit 1 "check invalid article" "$PRESS" check "$T/bad.json"
contains "$T/err" "bad.json: title: expected a string" "field error is located"
printf '{"channel":["新闻中心"],\n"title": ' >"$T/trunc.json"
expect_exit 1 "check truncated JSON" "$PRESS" check "$T/trunc.json"
contains "$T/err" "trunc.json:2:" "syntax error has line"

# validate
expect_exit 0 "validate sample and site" "$PRESS" validate "$SAMPLE" "$SRC/assets/sites/zjitc.json"
contains "$T/out" "site profile" "site profile recognized"
expect_exit 1 "validate invalid" "$PRESS" validate "$SAMPLE" "$T/bad.json"
printf '\xff\xfe{}' >"$T/binary.json"
expect_exit 1 "validate binary garbage" "$PRESS" validate "$T/binary.json"

# import-text: the captured page gives back the sample article
expect_exit 0 "import-text sample page" "$PRESS" import-text "$SRC/assets/samples/sample-page.txt" -o "$T/imported.json"
python3 - "$T/imported.json" "$SAMPLE" <<'PY' && ok || bad "import-text does not reproduce the sample article"
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
keys = ["channel", "title", "author", "source", "published_at", "link", "editor", "updated_at", "body"]
diff = [k for k in keys if a.get(k) != b.get(k)]
if diff:
    print("differs in", diff, file=sys.stderr); sys.exit(1)
PY
expect_exit 0 "imported article renders" "$PRESS" render "$T/imported.json" -o "$T/imported.html"
printf 'only a title\n' >"$T/junk.txt"
expect_exit 1 "import-text junk" "$PRESS" import-text "$T/junk.txt"
contains "$T/err" "junk.txt:" "import error is located"

# text (plain-text wrapping)
if "$PRESS" text "$SAMPLE" --width 40 >"$T/text40" 2>"$T/err"; then
  ok
  python3 - "$T/text40" <<'PY' && ok || bad "press text lines exceed 40 columns"
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    if w > 40 and "://" not in line:
        print("too wide:", w, line, file=sys.stderr); sys.exit(1)
PY
else
  bad "press text failed"; cat "$T/err"
fi

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

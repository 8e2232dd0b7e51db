#!/usr/bin/env bash
# `press text`: the sample article wrapped at several widths, and the command's errors.
# Usage: tests/cli/text.sh PATH/TO/press SOURCE_DIR
set -u
PRESS=$1
SRC=$2
SAMPLE=$SRC/assets/samples/sample-article.json
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

for width in 20 40 72 100; do
  expect_exit 0 "text at width $width" "$PRESS" text "$SAMPLE" --width "$width"
  # Every line fits (wide characters count two), none ends in a space; the parts come in
  # the portal's order and the body paragraphs come back whole when their lines are joined.
  python3 - "$T/out" "$width" "$SAMPLE" <<'PY' && ok || bad "text at width $width: layout"
import json, sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
width = int(sys.argv[2])
body = json.load(open(sys.argv[3], encoding="utf-8"))["body"]
lines = text.split("\n")
assert text.endswith("\n"), "no final newline"
for line in lines:
    w = sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    assert w <= width, f"{w} columns: {line}"
    assert not line.endswith(" "), f"trailing space: {line!r}"
starts = [next(i for i, l in enumerate(lines) if l.startswith(p)) for p in
          ("首页", "温度新闻客户端", "作者:", "    7月28日", "网站链", "责任编", "版权所")]
assert starts == sorted(starts), f"parts out of order: {starts}"
paragraphs = [p for p in body.split("\n\n") if p.strip()]
joined = []
for block in text.split("\n\n"):
    if block.startswith("    "):
        joined.append(block[4:].replace("\n", ""))
# Spaces at line ends collapse; nothing else may be lost or added.
assert [j.replace(" ", "") for j in joined] == [p.strip("\n").replace(" ", "") for p in paragraphs], \
    "body paragraphs changed"
PY
done
"$PRESS" text "$SAMPLE" --width 40 >"$T/a" && "$PRESS" text "$SAMPLE" --width 40 >"$T/b"
if cmp -s "$T/a" "$T/b"; then ok; else bad "text output is not stable"; fi

expect_exit 0 "text -o FILE" "$PRESS" text "$SAMPLE" --width 50 -o "$T/file.txt"
if grep -q "浙ICP备12044836号" "$T/file.txt"; then ok; else bad "-o FILE lacks the footer"; fi
expect_exit 0 "text with --site" "$PRESS" text "$SAMPLE" --site "$SRC/assets/sites/zjitc.json"
expect_exit 2 "text without an article" "$PRESS" text
expect_exit 2 "text with a bad width" "$PRESS" text "$SAMPLE" --width 3
if grep -q -- "--width" "$T/err"; then ok; else bad "bad width not explained"; fi
expect_exit 2 "text with a non-number width" "$PRESS" text "$SAMPLE" --width wide
expect_exit 2 "text with an unknown option" "$PRESS" text "$SAMPLE" --bogus
expect_exit 2 "text of a missing file" "$PRESS" text "$T/nope.json"
if grep -q "nope.json" "$T/err"; then ok; else bad "missing file not named"; fi
printf '{"channel":["新闻中心"],\n"title": 5}' >"$T/bad.json"
expect_exit 1 "text of an invalid article" "$PRESS" text "$T/bad.json"
if grep -q "bad.json: title:" "$T/err"; then ok; else bad "field error not located"; fi
printf '{"channel":["新闻中心"],\n"title": ' >"$T/trunc.json"
expect_exit 1 "text of truncated JSON" "$PRESS" text "$T/trunc.json"
if grep -q "trunc.json:2:" "$T/err"; then ok; else bad "syntax error has no line"; fi

echo "cli text: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

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

# media: --media DIR with the server's file names; sizes read from the image headers
M=$T/media
mkdir -p "$M"
python3 - "$M" "$T" "$SAMPLE" <<'PY'
import json, struct, sys
m, t, sample = sys.argv[1:4]
ids = {k: (k * 64) for k in "abcdef0"}
def write(name, data):
    open(f"{m}/{name}", "wb").write(data)
png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 640, 480, 8, 2, 0, 0, 0) + b"\0" * 4
write(ids["a"] + ".png", png)
write(ids["a"] + "-480.png", png)
write(ids["a"] + "-0480.png", png)  # not a published width
exif = b"Exif\0\0" + b"\0" * 300
jpeg = b"\xff\xd8" + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, 800, 1200, 3) + b"\0" * 9 + b"\xff\xd9"
write(ids["b"] + ".jpg", jpeg)
write(ids["c"] + ".gif", b"GIF89a" + struct.pack("<HH", 320, 200) + b"\0" * 8)
write(ids["d"] + ".webp", b"RIFF" + struct.pack("<I", 30) + b"WEBPVP8X" + struct.pack("<I", 10) + b"\0" * 4 + (999).to_bytes(3, "little") + (749).to_bytes(3, "little"))
bits = (300 - 1) | ((150 - 1) << 14)
write(ids["e"] + ".webp", b"RIFF" + struct.pack("<I", 30) + b"WEBPVP8L" + struct.pack("<I", 10) + b"\x2f" + struct.pack("<I", bits) + b"\0" * 8)
write(ids["f"] + ".webp", b"RIFF" + struct.pack("<I", 30) + b"WEBPVP8 " + struct.pack("<I", 10) + b"\0\0\0\x9d\x01\x2a" + struct.pack("<HH", 200, 100) + b"\0" * 4)
write(ids["0"] + ".pdf", b"%PDF-1.4\n" + b"x" * 1300)
good = "\n\n".join([
    "正文。",
    f'![校园](media/{ids["a"]}.png "新校区")',
    f'[![会场](media/{ids["b"]}.jpg)](/news/1.html)',
    f'![动图](/media/{ids["c"]}.gif)',
    f'![扩展](media/{ids["d"]}.webp) 和 ![无损](media/{ids["e"]}.webp) 和 ![有损](media/{ids["f"]}.webp)',
    f'![有损](media/{ids["f"]}.webp)',
    f'![无损](media/{ids["e"]}.webp)',
    f'![扩展](media/{ids["d"]}.webp)',
    f'请下载[报名通知](media/{ids["0"]}.pdf)。',
]) + "\n"
open(f"{t}/media-good.md", "w").write(good)
missing = "第一段。\n\n第二段。\n\n![照片](media/" + "9" * 64 + ".jpg)\n"
open(f"{t}/media-missing.md", "w").write(missing)
open(f"{t}/media-bad.md", "w").write("正文\n\n![照片](media/IMG_0001.jpg)\n")
a = json.load(open(sample, encoding="utf-8"))
for name, body in (("good", good), ("missing", missing)):
    a["body"] = body
    json.dump(a, open(f"{t}/media-{name}.json", "w", encoding="utf-8"), ensure_ascii=False)
PY
A=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
B=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
P=0000000000000000000000000000000000000000000000000000000000000000
expect_exit 0 "render with --media" "$PRESS" render "$SAMPLE" --body "$T/media-good.md" --media "$M" --fragment
contains "$T/out" "<figure class=\"press-figure\"><img src=\"/media/$A.png\" srcset=\"/media/$A-480.png 480w, /media/$A.png 640w\" sizes=\"(max-width: 760px) 100vw, 760px\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\" alt=\"校园\"><figcaption>新校区</figcaption></figure>" "PNG figure with its size and published width"
contains "$T/out" "<figure class=\"press-figure\"><a href=\"/news/1.html\"><img src=\"/media/$B.jpg\" width=\"1200\" height=\"800\"" "linked JPEG figure, size past its EXIF"
contains "$T/out" 'width="320" height="200"' "GIF size"
contains "$T/out" 'width="1000" height="750"' "WebP (VP8X) size"
contains "$T/out" 'width="300" height="150"' "WebP (VP8L) size"
contains "$T/out" 'width="200" height="100"' "WebP (VP8) size"
contains "$T/out" "<li><a href=\"/media/$P.pdf\" download>报名通知</a> <span class=\"file-meta\">PDF · 1.3 KB</span></li>" "attachment listed"
expect_exit 0 "render page with --media" "$PRESS" render "$T/media-good.json" --media "$M" -o "$T/media.html"
contains "$T/media.html" '<section class="attachments">' "page lists attachments"
expect_exit 0 "check with --media" "$PRESS" check "$T/media-good.json" --media "$M"
expect_exit 1 "render: a missing media file is an error" "$PRESS" render "$SAMPLE" --body "$T/media-missing.md" --media "$M" -o "$T/missing.html"
contains "$T/err" "body:5:7: blocking [media-ref]" "missing media file is located"
contains "$T/err" "not among the stored media files" "missing media file is named as such"
expect_exit 1 "check: a missing media file is an error" "$PRESS" check "$T/media-missing.json" --media "$M"
contains "$T/err" "body:5:7: blocking [media-ref]" "check locates the missing file"
expect_exit 1 "check --json: a missing media file" "$PRESS" check "$T/media-missing.json" --media "$M" --json
contains "$T/out" '"rule": "media-ref"' "json report has the media finding"
expect_exit 0 "without --media a reference is not looked up" "$PRESS" check "$T/media-missing.json"
expect_exit 1 "a malformed reference blocks without --media" "$PRESS" render "$SAMPLE" --body "$T/media-bad.md" --fragment
contains "$T/err" "body:3:7: blocking [media-ref]" "malformed reference is located"
expect_exit 2 "--media folder that does not exist" "$PRESS" check "$T/media-good.json" --media "$T/nope"
contains "$T/err" "nope" "missing media folder is named"
expect_exit 2 "--media that is a file" "$PRESS" render "$SAMPLE" --media "$SAMPLE"
expect_exit 2 "--media without a value" "$PRESS" check "$SAMPLE" --media
printf '正文\n\n![](b.png)\n' >"$T/noalt.md"
expect_exit 0 "an image without alt text is a warning" "$PRESS" render "$SAMPLE" --body "$T/noalt.md" --fragment
contains "$T/err" "body:3:1: warning [image-alt]" "missing alt text is located"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

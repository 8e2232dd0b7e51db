#!/usr/bin/env bash
# press import-html: the paste corpus, a gb2312 page, a .docx with a picture, pictures
# stored in --media DIR (and the ones to insert again listed), bad files, hostile nesting.
# Usage: tests/cli/import_html.sh PATH/TO/press SOURCE_DIR
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
lacks() {  # file needle description
  if grep -qF -- "$2" "$1"; then bad "$3: '$2' in $1"; else ok; fi
}
# article.json field needle description: the field of the article contains needle
field_has() {
  python3 - "$1" "$2" "$3" <<'PY' && ok || bad "$4"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
v = a.get(sys.argv[2])
if not isinstance(v, str) or sys.argv[3] not in v:
    print(f"{sys.argv[2]} = {v!r:.300}", file=sys.stderr); sys.exit(1)
PY
}
CORPUS=$SRC/tests/corpus/paste

# Every corpus page gives a valid article with a title and a body, no placeholder and no
# raw HTML left, and renders.
for f in "$CORPUS"/*.html; do
  name=$(basename "$f" .html)
  expect_exit 0 "import-html $name" "$PRESS" import-html "$f" -o "$T/$name.json"
  python3 - "$T/$name.json" <<'PY' && ok || bad "import-html $name: article fields"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
assert a["title"].strip(), "empty title"
assert a["channel"] == ["新闻中心"], a["channel"]
body = a["body"]
assert len(body) > 100, "short body: %r" % body
assert "paste-image:" not in body, "placeholder left in the body"
for tag in ("<p", "<span", "<div", "<o:p", "<img", "<table", "<script", "<style", "mso-"):
    assert tag not in body, "raw %s in the body" % tag
PY
  expect_exit 0 "the imported $name renders" "$PRESS" render "$T/$name.json" -o "$T/$name.page.html"
done

# Pictures: LibreOffice's data: PNG is stored in --media DIR under its sha256; press render
# --media reads it back as a figure with its size.
M=$T/media
expect_exit 0 "import-html with --media" "$PRESS" import-html "$CORPUS/libreoffice.html" -o "$T/lo.json" --media "$M"
PNG_ID=$(python3 -c "
import base64, hashlib, re, sys
html = open(sys.argv[1], encoding='utf-8').read()
data = re.search(r'src=\"data:image/png;base64,([^\"]+)\"', html).group(1)
print(hashlib.sha256(base64.b64decode(data)).hexdigest())" "$CORPUS/libreoffice.html")
if [ -f "$M/$PNG_ID.png" ]; then ok; else bad "the data: PNG is not stored as $PNG_ID.png"; ls "$M" 2>&1 | head -3; fi
field_has "$T/lo.json" body "](media/$PNG_ID.png" "the body refers to the stored PNG"
lacks "$T/lo.json" "data:image" "no data: URI left in the article"
expect_exit 0 "the imported page renders with --media" "$PRESS" render "$T/lo.json" --media "$M" --fragment
contains "$T/out" "<img src=\"/media/$PNG_ID.png\" width=\"8\" height=\"8\"" "the stored picture is a figure with its size"
# Without --media the picture cannot be kept: taken out and listed.
expect_exit 0 "import-html without --media" "$PRESS" import-html "$CORPUS/libreoffice.html" -o "$T/lo2.json"
contains "$T/err" "需重新插入" "a picture with nowhere to go is listed"
contains "$T/err" "--media" "the listing says what would keep it"
lacks "$T/lo2.json" "paste-image:" "no placeholder left"

# Word's clipboard pictures are files of another computer: listed with their source.
expect_exit 0 "import-html word.html" "$PRESS" import-html "$CORPUS/word.html" -o "$T/w.json" --media "$M"
n=$(grep -c "需重新插入" "$T/err")
if [ "$n" -ge 1 ]; then ok; else bad "word.html: no 需重新插入 warning"; fi
contains "$T/err" "file:///C:/Users/" "the warning gives the picture's source"
lacks "$T/w.json" "file:///" "no file:/// picture left in the body"
# A remote picture is listed, never hot-linked.
expect_exit 0 "import-html news-page.html" "$PRESS" import-html "$CORPUS/news-page.html" -o "$T/n.json" --media "$M"
contains "$T/err" "需重新插入: https://" "a remote picture is listed"
lacks "$T/n.json" "](https://img." "a remote picture is not hot-linked"

# A saved web page's pictures beside it (页面.files/image001.png) are stored.
mkdir -p "$T/saved/报告.files"
cp "$M/$PNG_ID.png" "$T/saved/报告.files/image001.png"
printf '<html><head><title>保存的网页</title></head><body><p>正文第一段。</p><p><img src="%s" alt="图一"></p></body></html>' \
  '%E6%8A%A5%E5%91%8A.files/image001.png' >"$T/saved/报告.html"
expect_exit 0 "a saved page with a picture beside it" "$PRESS" import-html "$T/saved/报告.html" -o "$T/saved.json" --media "$T/m2"
field_has "$T/saved.json" title "保存的网页" "the title comes from <title>"
field_has "$T/saved.json" body "(media/$PNG_ID.png" "the picture beside the page is stored"

# Chinese Word's "Save as web page" writes gb2312: converted to UTF-8.
python3 - "$T/gb.html" <<'PY'
import sys
html = ('<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312">'
        '<title>我校举行技能竞赛</title></head><body><p class=MsoNormal>'
        '<span style="font-family:宋体">本报讯　我校第十二届职业技能竞赛开幕。</span></p></body></html>')
open(sys.argv[1], "wb").write(html.encode("gb2312"))
PY
expect_exit 0 "a gb2312 page" "$PRESS" import-html "$T/gb.html" -o "$T/gb.json"
field_has "$T/gb.json" title "我校举行技能竞赛" "the gb2312 title reads as UTF-8"
field_has "$T/gb.json" body "第十二届职业技能竞赛开幕" "the gb2312 body reads as UTF-8"

# A .docx: headings, text, a picture stored in --media DIR.
python3 - "$T/doc.docx" "$M/$PNG_ID.png" <<'PY'
import sys, zipfile
out, png = sys.argv[1], open(sys.argv[2], "rb").read()
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
PIC = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
doc = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W} {R} {A} {WP} {PIC}><w:body>
<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>校运会圆满落幕</w:t></w:r></w:p>
<w:p><w:r><w:t>本报讯 第</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>六十</w:t></w:r><w:r><w:t>届校运会闭幕。</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="开幕式"/>
<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>
<pic:blipFill><a:blip r:embed="rId5"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>
</wp:inline></w:drawing></w:r></w:p>
</w:body></w:document>'''
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr("word/_rels/document.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>')
    z.writestr("word/document.xml", doc)
    z.writestr("word/media/image1.png", png)
PY
expect_exit 0 "import-html a .docx" "$PRESS" import-html "$T/doc.docx" -o "$T/doc.json" --media "$T/m3"
field_has "$T/doc.json" title "校运会圆满落幕" "the .docx title"
field_has "$T/doc.json" body "**六十**" "the .docx bold run"
field_has "$T/doc.json" body "(media/$PNG_ID.png" "the .docx picture is stored and referred to"
if [ -f "$T/m3/$PNG_ID.png" ]; then ok; else bad "the .docx picture is not in --media DIR"; fi
expect_exit 0 "the imported .docx renders with --media" "$PRESS" render "$T/doc.json" --media "$T/m3" --fragment
contains "$T/out" 'alt="开幕式"' "the .docx picture's alt text"

# Bad files: located errors, never an abort.
head -c $(( $(stat -c %s "$T/doc.docx") / 2 )) "$T/doc.docx" >"$T/cut.docx"
expect_exit 1 "a damaged .docx" "$PRESS" import-html "$T/cut.docx"
contains "$T/err" "cut.docx:" "the damaged .docx is named"
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >"$T/old.doc"
head -c 4096 /dev/zero >>"$T/old.doc"
expect_exit 1 "an OLE file (old .doc or encrypted .docx)" "$PRESS" import-html "$T/old.doc"
contains "$T/err" "old.doc:" "the OLE file is named"
python3 -c "
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w') as z: z.writestr('xl/workbook.xml', '<workbook/>'); z.writestr('[Content_Types].xml', '<Types/>')" "$T/book.xlsx"
expect_exit 1 "a ZIP archive that is no Word document" "$PRESS" import-html "$T/book.xlsx"
contains "$T/err" "book.xlsx:" "the archive is named"
expect_exit 1 "a picture is no page" "$PRESS" import-html "$M/$PNG_ID.png"
contains "$T/err" "not an HTML page or a .docx" "a picture is refused as such"
expect_exit 2 "a missing file" "$PRESS" import-html "$T/nope.html"
contains "$T/err" "nope.html" "the missing file is named"
expect_exit 2 "no file" "$PRESS" import-html
expect_exit 2 "an unknown option" "$PRESS" import-html "$CORPUS/word.html" --bogus
expect_exit 2 "--media without a value" "$PRESS" import-html "$CORPUS/word.html" --media
expect_exit 2 "--media that is a file" "$PRESS" import-html "$CORPUS/libreoffice.html" --media "$T/gb.html"
printf '\xff\xfe\x00\xd8garbage \xc3\x28 <p>\xe4\xb8' >"$T/garbage.html"
expect_exit 0 "invalid bytes give an article" "$PRESS" import-html "$T/garbage.html" -o "$T/garbage.json"
python3 -c "import json,sys; json.load(open(sys.argv[1], encoding='utf-8'))" "$T/garbage.json" && ok || bad "the article of invalid bytes is not valid UTF-8 JSON"

# Hostile nesting: a million nested <div>s in seconds, not an hour; a wide table too.
python3 -c "
import sys
n = 1000000
open(sys.argv[1], 'w').write('<title>深</title>' + '<div>' * n + '正文' + '</div>' * n)" "$T/deep.html"
start=$(date +%s)
expect_exit 0 "a million nested divs" "$PRESS" import-html "$T/deep.html" -o "$T/deep.json"
field_has "$T/deep.json" body "正文" "the text of the deepest div is kept"
if [ $(( $(date +%s) - start )) -lt 60 ]; then ok; else bad "a million nested divs took over 60 s"; fi

# --bench: parse + convert timed in-process.
expect_exit 0 "--bench" "$PRESS" import-html "$CORPUS/word.html" --bench 3
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['times'])==3 and d['markdownChars']>0" "$T/out" && ok || bad "--bench prints its times as JSON"
expect_exit 2 "--bench 0" "$PRESS" import-html "$CORPUS/word.html" --bench 0

echo "cli_import_html: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

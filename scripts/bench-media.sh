#!/usr/bin/env bash
# Benchmarks press-server's picture ingest beside the vips command line on the same file.
#
#   scripts/bench-media.sh             # 5 runs each; RUNS=9 for steadier medians
#   PRESS_SERVER=build/native/press-server scripts/bench-media.sh   # without building
#   WATERMARK=1 scripts/bench-media.sh # the site profile with a watermark (text, bottom-right)
#
# The file: a 12-megapixel JPEG (4000 x 3000, a gradient with noise, like a photo) with an
# EXIF block (camera, orientation, GPS position), made here with the vips command.
#   1. press-server: POST /api/v1/media of the file, over loopback. Each run sends it with a
#      different COM marker, so the server cannot answer from its "same upload" table: every
#      run verifies (a full decode), turns upright, strips, makes the 2560-pixel main file
#      and the 480, 960 and 1600 widths, and stores them (fsynced files and row).
#   2. vips thumbnail of the same file to the same four sizes (Q=82, strip), four processes
#      per run, as a shell script would do it.
# Figures are medians; the ratio is vips' time over the server's (server speed relative to
# the command line's). Budget (issue 14): ratio >= 0.8.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build/bench-media}
RUNS=${RUNS:-5}

for tool in vips curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-media: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

if [ -n "${PRESS_SERVER:-}" ]; then  # a press-server built elsewhere (optimised)
  SERVER=$PRESS_SERVER
else
  echo "bench-media: building press-server (Release) in $BUILD"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" --target press-server >/dev/null
  SERVER="$BUILD/press-server"
fi

WORK=$(mktemp -d /tmp/press-bench-media.XXXXXX)
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- The photo ------------------------------------------------------------------------
vips grey "$WORK/ramp.v" 4000 3000
vips linear "$WORK/ramp.v" "$WORK/ramp255.v" 180 40
vips gaussnoise "$WORK/noise.v" 4000 3000 --mean 0 --sigma 14
vips add "$WORK/ramp255.v" "$WORK/noise.v" "$WORK/grey.v"
vips linear "$WORK/grey.v" "$WORK/colour.v" "1 0.85 0.7" "0 10 20"
vips cast "$WORK/colour.v" "$WORK/photo.v" uchar
vips jpegsave "$WORK/photo.v" "$WORK/plain.jpg" --Q 90
python3 - "$WORK/plain.jpg" "$WORK/photo.jpg" <<'PY'
# An EXIF block (APP1): Make, Orientation 1 and a GPS latitude, right after the SOI.
import struct, sys
data = open(sys.argv[1], 'rb').read()
make = b'PortalPress bench\0'
ifd0 = [(0x010F, 2, len(make), 50 + 30 + 24), (0x0112, 3, 1, 1), (0x8825, 4, 1, 50)]
tiff = b'II*\0' + struct.pack('<I', 8) + struct.pack('<H', len(ifd0))
tiff += b''.join(struct.pack('<HHII', *e) for e in ifd0) + struct.pack('<I', 0)
tiff += struct.pack('<H', 2) + struct.pack('<HHI4s', 1, 2, 2, b'N\0\0\0')
tiff += struct.pack('<HHII', 2, 5, 3, 80) + struct.pack('<I', 0)
tiff += struct.pack('<6I', 30, 1, 15, 1, 7, 1) + make
app1 = b'\xff\xe1' + struct.pack('>H', 2 + 6 + len(tiff)) + b'Exif\0\0' + tiff
open(sys.argv[2], 'wb').write(data[:2] + app1 + data[2:])
PY
for i in $(seq "$RUNS"); do  # the same picture, different bytes: one COM marker each
  python3 -c "import sys; d=open(sys.argv[1],'rb').read(); c=b'run $i'; \
open(sys.argv[2],'wb').write(d[:2]+b'\xff\xfe'+bytes([0,len(c)+2])+c+d[2:])" \
    "$WORK/photo.jpg" "$WORK/upload-$i.jpg"
done
echo "bench-media: $(vipsheader "$WORK/photo.jpg"), $(stat -c %s "$WORK/photo.jpg") bytes," \
  "EXIF: $(vipsheader -f exif-ifd0-Make "$WORK/photo.jpg" 2>/dev/null | cut -d' ' -f1-2)"

# --- press-server ---------------------------------------------------------------------
TOKEN="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
. "$ROOT/scripts/press-server-start.sh"
SITE_ARGS=()
if [ -n "${WATERMARK:-}" ]; then  # the shipped profile plus a watermark drawn on every size
  python3 - "$ROOT/assets/sites/zjitc.json" "$WORK/site.json" <<'PY'
import json, sys
site = json.load(open(sys.argv[1], encoding='utf-8'))
site['watermark'] = {'text': '浙江工贸职业技术学院新闻网', 'corner': 'bottom-right', 'opacity': 0.5,
                     'min_width': 0}
json.dump(site, open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False)
PY
  SITE_ARGS=(--site "$WORK/site.json")
  echo "bench-media: with a watermark on every size"
fi
start_press_server bench-media "${SITE_ARGS[@]}"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now_ms() { date +%s%3N; }

server_times=()
for i in $(seq "$RUNS"); do
  reply=$(curl -s -o "$WORK/reply.json" -w "%{http_code} %{time_total}" -H "Authorization: Bearer $TOKEN" \
    --data-binary @"$WORK/upload-$i.jpg" "http://127.0.0.1:$PORT/api/v1/media?name=photo.jpg")
  # 201 the first time, 200 after: the re-encoded file is the same (the COM marker is
  # stripped), so it is stored once, but the upload's bytes differ, so all the work ran.
  [ "${reply%% *}" = 201 ] || [ "${reply%% *}" = 200 ] || { echo "bench-media: upload answered $reply: $(cat "$WORK/reply.json")" >&2; exit 1; }
  server_times+=("$(awk -v t="${reply#* }" 'BEGIN {printf "%.1f", t * 1000}')")
done
sizes=$(python3 -c "import json; j=json.load(open('$WORK/reply.json')); print(j['width'], 'x', j['height'], 'widths', j['widths'])")

vips_times=()
for i in $(seq "$RUNS"); do
  start=$(now_ms)
  for size in 2560 1600 960 480; do
    vips thumbnail "$WORK/upload-$i.jpg" "$WORK/thumb-$size.jpg[Q=82,strip]" "$size"
  done
  vips_times+=("$(( $(now_ms) - start ))")
done

server_ms=$(printf '%s\n' "${server_times[@]}" | median)
vips_ms=$(printf '%s\n' "${vips_times[@]}" | median)
echo "press-server ingest (verify, strip, $sizes): median $server_ms ms  (runs: ${server_times[*]})"
echo "vips thumbnail x 4 sizes (Q=82, strip):                median $vips_ms ms  (runs: ${vips_times[*]})"
awk -v s="$server_ms" -v v="$vips_ms" 'BEGIN {printf "speed ratio (vips time / server time): %.2f  (budget >= 0.8)\n", v / s}'

# The widget's side: a 12 MP photo dropped into the editor in headless chromium.
WIDGET_DIR=${PRESS_WIDGET_DIR:-$ROOT/build/web/widget}
if [ -e "$WIDGET_DIR/press_widget.wasm" ]; then
  [ -d "$ROOT/tests/browser/node_modules/playwright-core" ] || (cd "$ROOT/tests/browser" && npm install --no-audit --no-fund --silent)
  echo "== the widget (headless chromium)"
  (cd "$ROOT/tests/browser" && PRESS_WIDGET_DIR="$WIDGET_DIR" PRESS_SERVER="$SERVER" RUNS="$RUNS" node bench-media.mjs)
else
  echo "bench-media: no widget build in $WIDGET_DIR, the browser half is skipped (scripts/test.sh builds it)"
fi

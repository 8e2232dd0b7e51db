#!/usr/bin/env bash
# Benchmarks press-server on loopback, next to nginx serving the same page as a static file.
#
#   scripts/bench-server.sh            # 10 s per run; DURATION=5 for a quicker look
#
# What it measures (wrk, 64 connections, 2 threads, all on 127.0.0.1):
#   1. nginx (Debian nginx-light, one worker, config written here) serving the published
#      page as exported by `press-server export` - a plain file, sendfile on.
#   2. press-server serving the same page at /news/<id>.html: from its in-memory cache,
#      view count filled in and counted on every request.
#   3. article saves: PUT /api/v1/articles/<id> of a full article (the sample, about 7 KB
#      of JSON). Each wrk thread cycles through its own share of pre-created articles and
#      sends the revision the server last acknowledged for that article, so every save is
#      a real conditional update (no 409s by construction; any are counted and reported).
#      Every 200 means the write was committed and fsynced (synchronous=FULL).
# Budget (issue 3): GETs >= 0.5 x nginx, >= 3,000 saves/s, p99 < 10 ms.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build/bench-server}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
ARTICLES=${ARTICLES:-256}   # saved round-robin: 4x the connections keeps saves conflict-free

for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-server: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

echo "bench-server: building press-server (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target press-server >/dev/null
SERVER="$BUILD/press-server"

WORK=$(mktemp -d /tmp/press-bench.XXXXXX)
chmod 755 "$WORK"  # nginx's worker (nobody) reads the exported site in here; data/ stays 0700
SERVER_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

TOKEN="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# --- press-server on a free loopback port ---------------------------------------------
. "$ROOT/scripts/press-server-start.sh"
start_press_server bench-server --flush-seconds 5
BASE="http://127.0.0.1:$PORT"
AUTH="Authorization: Bearer $TOKEN"

# The page: the sample article, its body twice over (a page of about 12 KB, the size
# class of the issue's 15 KB reference page).
python3 - "$ROOT/assets/samples/sample-article.json" "$WORK" <<'PY'
import json, sys
sample = json.load(open(sys.argv[1], encoding="utf-8"))
work = sys.argv[2]
page = dict(sample); page["body"] = sample["body"] + "\n" + sample["body"]
json.dump(page, open(work + "/page.json", "w", encoding="utf-8"), ensure_ascii=False)
save = dict(sample); save["title"] = "保存测试:温州湾新区产教联合体成立"; save["revision"] = 999999999
# A template for the Lua script: REVISION is replaced on every request.
text = json.dumps(save, ensure_ascii=False).replace("999999999", "REVISION")
open(work + "/save-template.json", "w", encoding="utf-8").write(text)
PY
curl -fsS -X POST -H "$AUTH" -H "Content-Type: application/json" --data-binary @"$WORK/page.json" \
  "$BASE/api/v1/articles" >/dev/null
curl -fsS -X POST -H "$AUTH" "$BASE/api/v1/articles/1/publish" >/dev/null
PAGE_BYTES=$(curl -fsS "$BASE/news/1.html" | wc -c)

# --- nginx: the same page, exported as a static file ----------------------------------
"$SERVER" export "$WORK/site" --data "$WORK/data" >/dev/null
NGINX_PORT=""
for candidate in $(shuf -i 20000-60000 -n 20); do
  ss -ltn "sport = :$candidate" | grep -q LISTEN || { NGINX_PORT=$candidate; break; }
done
mkdir -p "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  open_file_cache max=1000 inactive=60s;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  types { text/html html; text/css css; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/site;
  }
}
CONF
nginx -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/news/1.html" 2>/dev/null && break; sleep 0.05; done
NGINX_BYTES=$(curl -fsS "http://127.0.0.1:$NGINX_PORT/news/1.html" | wc -c)

# --- Saves: articles to update, and the Lua script --------------------------------------
for i in $(seq "$ARTICLES"); do
  [ "$i" -gt 1 ] && echo "next"
  echo "url = \"$BASE/api/v1/articles\""
  echo "request = \"POST\""
  echo "header = \"$AUTH\""
  echo "header = \"Content-Type: application/json\""
  echo "data-binary = \"@$WORK/page.json\""
  echo "output = \"/dev/null\""
done >"$WORK/create.curl"
curl -fsS -K "$WORK/create.curl"
cat >"$WORK/save.lua" <<'LUA'
-- Conditional saves without conflicts: thread t (of n) updates articles 2+t, 2+t+n, ...
-- round-robin, each time with the revision the server acknowledged for it. An article
-- comes round again only after `share` more requests of its thread, by which time the
-- previous save was answered (at most connections/threads requests are in flight).
local threads = {}
local next_thread = 0
function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  local nthreads, articles, token, template = tonumber(args[1]), tonumber(args[2]), args[3], args[4]
  local f = assert(io.open(template, "rb"))
  local text = f:read("*a")
  f:close()
  head, tail = text:match("^(.*)REVISION(.*)$")
  ids, revision = {}, {}
  for id = 2 + thread_index, articles + 1, nthreads do
    table.insert(ids, id)
    revision[id] = 1
  end
  position = 0
  auth = "Bearer " .. token
  ok, conflicts, errors = 0, 0, 0
end

function request()
  position = position % #ids + 1
  local id = ids[position]
  return wrk.format("PUT", "/api/v1/articles/" .. id,
    { ["Authorization"] = auth, ["Content-Type"] = "application/json" },
    head .. revision[id] .. tail)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status == 409 then
    conflicts = conflicts + 1
  else
    errors = errors + 1
    return
  end
  -- {"id":"N","revision":R,...} or a 409's {"current":{...,"id":"N",...,"revision":R,...}}
  local id = tonumber(body:match('"id":"(%d+)"'))
  local rev = tonumber(body:match('"revision":(%d+)'))
  if id and rev and revision[id] and rev > revision[id] then revision[id] = rev end
end

function done(summary, latency, requests)
  local o, c, e = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); c = c + t:get("conflicts"); e = e + t:get("errors")
  end
  io.write(string.format("saves: %d ok, %d conflicts, %d other\n", o, c, e))
end
LUA

run_wrk() {  # name url [script.lua script-args...]
  local name=$1 url=$2
  shift 2
  local script=()
  if [ $# -gt 0 ]; then script=(-s "$1"); shift; fi
  echo "bench-server: $name (${DURATION}s, $CONNECTIONS connections)" >&2
  # wrk hands the words after the URL to the script's init(args).
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${script[@]}" "$url" "$@" >"$WORK/$name.txt"
}
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$WORK/$1.txt"; }
p99_ms() {  # wrk prints e.g. "99%    2.10ms" or "99%  812.00us"
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' "$WORK/$1.txt"
}

run_wrk nginx "http://127.0.0.1:$NGINX_PORT/news/1.html"
run_wrk press-get "$BASE/news/1.html"
run_wrk press-save "$BASE/api/v1/articles/" "$WORK/save.lua" "$WRK_THREADS" "$ARTICLES" "$TOKEN" "$WORK/save-template.json"

NGINX_RPS=$(rps nginx)
PRESS_RPS=$(rps press-get)
SAVE_RPS=$(rps press-save)
RATIO=$(python3 -c "print(f'{$PRESS_RPS / $NGINX_RPS:.2f}')")
GET_P99=$(p99_ms press-get)
NGINX_P99=$(p99_ms nginx)
SAVE_P99=$(p99_ms press-save)
SAVES_LINE=$(grep '^saves:' "$WORK/press-save.txt" || echo "saves: ?")
VIEWS=$(curl -fsS "$BASE/news/1.html" | sed -n 's/.*id="press-views">\([0-9]*\)<.*/\1/p')

verdict() { python3 -c "print('ok' if $1 else 'OVER BUDGET')"; }
cat <<REPORT

press-server benchmark ($(nproc) cores, wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s, loopback)
  page: /news/1.html, $PAGE_BYTES bytes from press-server, $NGINX_BYTES bytes from nginx
  nginx 1 worker, static file   $NGINX_RPS req/s   p99 $NGINX_P99 ms
  press-server page GET         $PRESS_RPS req/s   p99 $GET_P99 ms   (views counted: $VIEWS)
  ratio press/nginx             $RATIO            budget >= 0.5: $(verdict "$RATIO >= 0.5")
  p99 page GET at $CONNECTIONS conns     $GET_P99 ms           budget < 10: $(verdict "$GET_P99 < 10")
  article saves (PUT, fsynced)  $SAVE_RPS saves/s  p99 $SAVE_P99 ms   budget >= 3000: $(verdict "$SAVE_RPS >= 3000")
  $SAVES_LINE
REPORT

# Sourced by the benchmarks: start_press_server NAME [press-server options...] starts
# $SERVER on a free loopback port with its data in $WORK/data and the admin token $TOKEN,
# then sets SERVER_PID and PORT (the caller's EXIT trap stops it). NAME prefixes errors.
start_press_server() {
  local name=$1
  shift
  PRESS_ADMIN_TOKEN=$TOKEN "$SERVER" --host 127.0.0.1 --port 0 --data "$WORK/data" "$@" \
    >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 100); do
    grep -q "listening on" "$WORK/server.out" 2>/dev/null && break
    sleep 0.05
  done
  PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/server.out")
  [ -n "$PORT" ] || { echo "$name: press-server did not start" >&2; cat "$WORK/server.err" >&2; exit 1; }
}

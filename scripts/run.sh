#!/usr/bin/env bash
# Installs what is missing, builds, and starts the publishing server with the admin page
# and the widget on http://127.0.0.1:8080 (data in ./data, a local SQLite file).
# Settings: PRESS_HOST, PRESS_PORT, PRESS_DATA, PRESS_SITE (or the same as flags after --).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs

bash scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native --target press press-server
if [ "${PRESS_SKIP_WEB:-0}" != 1 ]; then  # the widget's WebAssembly build
  cmake --preset web >/dev/null
  cmake --build --preset web
fi

# press-server creates the data folder itself, readable by its owner only.
export PRESS_DATA=${PRESS_DATA:-$PWD/data}
exec ./build/native/press-server --host "${PRESS_HOST:-127.0.0.1}" --port "${PRESS_PORT:-8080}" \
  --data "$PRESS_DATA" --static-dir "/widget/=$PWD/build/web/widget" "$@"

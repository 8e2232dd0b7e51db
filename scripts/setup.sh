#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine (as root) to build and test PortalPress.
# Idempotent: every step checks before it acts, so run.sh and test.sh call it each time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
THIRD_PARTY=$ROOT/third_party   # git-ignored: sources fetched here, never committed

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates xz-utils dpkg-dev
  python3                            # packs md4c's entity table at configure time
  emscripten                         # WebAssembly toolchain (Debian's 3.1.6)
  nlohmann-json3-dev                 # JSON
  catch2                             # unit tests (Catch2 v2 from Debian 12)
  libglfw3-dev libgl-dev             # native window + OpenGL3 for the desktop editor
  libstb-dev libwebp-dev             # desktop editor: picture sizes and preview decoding
  libzip-dev libpugixml-dev          # desktop editor and CLI: reading .docx files (ZIP + XML)
  libgumbo-dev                       # desktop editor and CLI: parsing HTML pages and pasted HTML
  libcpp-httplib-dev libssl-dev zlib1g-dev  # publishing server (HTTP + gzip)
  libsqlite3-dev sqlite3             # server storage
  libvips-dev libzip-dev             # server media store: re-encoding pictures, checking archives
  libfontconfig-dev                  # server: which fonts can draw the site's watermark text
  libvips-tools                      # the vips command, bench-media.sh's reference
  clang-14 libclang-rt-14-dev        # libFuzzer targets
  valgrind                           # callgrind instruction counts in benchmarks
  fonts-noto-cjk fonts-droid-fallback  # CJK glyphs for the native UI and headless chromium
  chromium                           # browser tests and screenshots
  xvfb xauth imagemagick             # screenshots of the native app
  xclip                              # desktop editor: pictures pasted from the X clipboard (Ctrl+V)
  nodejs npm                         # playwright-core for browser tests
  wrk nginx-light hyperfine          # benchmarks
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# Node.js from another source may already provide node/npm: do not fight it.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- Dear ImGui 1.90.1 and md4c 0.5.2 from Debian's source tarballs (trixie) ---
declare -A TARBALL_SHA256=(
  [imgui_1.90.1+ds.orig.tar.xz]=ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c
  [md4c_0.5.2.orig.tar.gz]=55d0111d48fb11883aaee91465e642b8b640775a4d6993c2d0e7a8092758ef21
)
mkdir -p "$THIRD_PARTY/downloads"
need_download=0
for f in "${!TARBALL_SHA256[@]}"; do
  [ -f "$THIRD_PARTY/downloads/$f" ] || need_download=1
done
if [ $need_download -eq 1 ]; then
  # A deb-src entry for trixie, with the URIs of the machine's own Debian source list.
  src_list=/etc/apt/sources.list.d/portalpress-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    uri=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      uri=$(awk '/^URIs:/{u=$2} /^Suites:/{ if ($0 !~ /security/ && u != "") {print u; exit} }' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
      uri=$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
    fi
    [ -n "$uri" ] || { echo "setup: no Debian source list found to copy URIs from" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
      | $SUDO tee "$src_list" >/dev/null
    $SUDO apt-get update -qq
  fi
  (cd "$THIRD_PARTY/downloads" && apt-get source --download-only --tar-only imgui/trixie md4c/trixie)
fi
for f in "${!TARBALL_SHA256[@]}"; do
  echo "${TARBALL_SHA256[$f]}  $THIRD_PARTY/downloads/$f" | sha256sum --check --quiet \
    || { echo "setup: checksum mismatch for $f" >&2; rm -f "$THIRD_PARTY/downloads/$f"; exit 1; }
done
unpack() {  # tarball, destination folder
  [ -d "$THIRD_PARTY/$2" ] && return 0
  mkdir -p "$THIRD_PARTY/$2.tmp"
  tar -xf "$THIRD_PARTY/downloads/$1" -C "$THIRD_PARTY/$2.tmp" --strip-components=1
  mv "$THIRD_PARTY/$2.tmp" "$THIRD_PARTY/$2"
}
unpack imgui_1.90.1+ds.orig.tar.xz imgui
unpack md4c_0.5.2.orig.tar.gz md4c

# --- npm packages: playwright-core for browser tests (it never downloads a browser) and
# terser, which minifies the widget's JS module in the web build. Pinned by package-lock.json.
if [ -f tests/browser/package.json ]; then
  for pkg in playwright-core terser; do
    if [ ! -d "tests/browser/node_modules/$pkg" ]; then
      (cd tests/browser && npm ci --no-audit --no-fund --silent)
      break
    fi
  done
fi
echo "setup: ok"

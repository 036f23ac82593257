#!/usr/bin/env bash
# Installs everything Cadre360 needs on this machine, idempotently, caching
# downloads and builds outside the checkout (C360_CACHE, ~/.cache/cadre360):
#   - a Python 3.11 virtualenv with requirements-dev.txt (keyed by its hash)
#   - the Kafka broker jars from Maven Central (keyed by the pom's hash)
#   - the FerretDB launcher binary built from the Go module proxy
#   - Debian's fonts-dejavu-core (the font the PDF exports embed) when it is missing
#   - Debian's chromium + chromium-driver when --browser is given (tests), and the
#     axe-core accessibility checker from the npm registry (deploy/local/axe, pinned by its lock);
#     Debian's zbar-tools (zbarimg), with which the browser tests read the QR codes the pages print
# Prints nothing but progress; exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${C360_CACHE:-$HOME/.cache/cadre360}
mkdir -p "$cache/bin"
say() { printf '[install] %s\n' "$*" >&2; }
hash_of() { cat "$@" | sha256sum | cut -c1-16; }
# point NAME at TARGET; a real directory left at NAME by an older layout is removed first
link() { if [ -d "$2" ] && [ ! -L "$2" ]; then rm -rf "$2"; fi; ln -sfn "$1" "$2"; }

# Python virtualenv
venv_key=$(hash_of "$root/requirements.txt" "$root/requirements-dev.txt")
venv="$cache/venv-$venv_key"
if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.complete" ]; then
  say "Python virtualenv ($venv)"
  rm -rf "$venv"
  python3.11 -m venv "$venv" 2>/dev/null || python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  # runtime packages at requirements.lock's versions (what the image installs), so the tests run what
  # ships; its pins without the hashes, which would put every dev tool under hash checking too
  constraints=$(mktemp)
  sed -n 's/^\([A-Za-z0-9][A-Za-z0-9._-]*==[^ ]*\).*/\1/p' "$root/requirements.lock" > "$constraints"
  "$venv/bin/pip" install -q -r "$root/requirements-dev.txt" -c "$constraints"
  rm -f "$constraints"
  touch "$venv/.complete"
fi
link "$venv" "$cache/venv"

# Kafka (Maven Central)
kafka_key=$(hash_of "$root/deploy/local/kafka/pom.xml")
kafka_libs="$cache/kafka/$kafka_key/libs"
if [ ! -f "$cache/kafka/$kafka_key/.complete" ]; then
  say "Kafka broker jars (Maven Central)"
  rm -rf "$cache/kafka/$kafka_key"
  mvn -q -B -f "$root/deploy/local/kafka/pom.xml" package -Dlibs.dir="$kafka_libs" >&2
  touch "$cache/kafka/$kafka_key/.complete"
fi
link "$cache/kafka/$kafka_key/libs" "$cache/kafka/libs"

# FerretDB launcher (Go module proxy)
fdb_key=$(hash_of "$root/deploy/local/ferretdb/go.mod" "$root/deploy/local/ferretdb/go.sum" "$root"/deploy/local/ferretdb/*.go)
if [ ! -x "$cache/bin/ferretdb-$fdb_key" ]; then
  say "FerretDB launcher (Go build, first time takes a few minutes)"
  ( cd "$root/deploy/local/ferretdb" &&
    GOPATH="$cache/go" GOMODCACHE="$cache/go/mod" GOCACHE="$cache/go/build" GOFLAGS=-mod=readonly \
      go build -o "$cache/bin/ferretdb-$fdb_key" . )
fi
link "$cache/bin/ferretdb-$fdb_key" "$cache/bin/ferretdb"

# DejaVu Sans for the PDF exports (Debian's fonts-dejavu-core: every Vietnamese letter, embedded in the PDFs)
dejavu=/usr/share/fonts/truetype/dejavu
if [ ! -f "$dejavu/DejaVuSans.ttf" ] || [ ! -f "$dejavu/DejaVuSans-Bold.ttf" ]; then
  say "fonts-dejavu-core (apt), the font of the PDF exports"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq fonts-dejavu-core; } >&2 ||
    { say "could not install fonts-dejavu-core: the PDF exports need it (apt-get install fonts-dejavu-core)"; exit 1; }
fi

# Chromium for browser tests (Debian packages), npm to fetch axe-core
if [ "${1:-}" = "--browser" ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null ||
                                   ! command -v npm >/dev/null || ! command -v zbarimg >/dev/null; }; then
  # only what is missing: a machine whose Node.js comes from NodeSource already has npm, and
  # Debian's npm package conflicts with that nodejs (apt then refuses the whole install)
  pkgs="fonts-noto-core"
  command -v chromium >/dev/null || pkgs="$pkgs chromium"
  command -v chromedriver >/dev/null || pkgs="$pkgs chromium-driver"
  command -v npm >/dev/null || pkgs="$pkgs npm"
  command -v zbarimg >/dev/null || pkgs="$pkgs zbar-tools"
  say "$pkgs (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq $pkgs >&2
fi

# axe-core for the browser tests' accessibility check (npm registry, keyed by the lock file's hash)
if [ "${1:-}" = "--browser" ]; then
  axe_key=$(hash_of "$root/deploy/local/axe/package.json" "$root/deploy/local/axe/package-lock.json")
  axe_dir="$cache/node/axe-$axe_key"
  if [ ! -f "$axe_dir/.complete" ]; then
    say "axe-core (npm)"
    rm -rf "$axe_dir"
    mkdir -p "$axe_dir"
    cp "$root/deploy/local/axe/package.json" "$root/deploy/local/axe/package-lock.json" "$axe_dir/"
    ( cd "$axe_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error ) >&2
    touch "$axe_dir/.complete"
  fi
  link "$axe_dir/node_modules/axe-core" "$cache/node/axe-core"
fi
say "ready (cache: $cache)"

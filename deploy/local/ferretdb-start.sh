#!/usr/bin/env bash
# Start FerretDB (MongoDB wire protocol, SQLite storage) in the foreground.
# Usage: ferretdb-start.sh DATA_DIR [PORT]
# Runs the launcher built from this checkout's sources (install.sh keys the binary by their
# hash), not whichever build another checkout linked last.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${1:?data dir}; port=${2:-27017}
cache=${C360_CACHE:-$HOME/.cache/cadre360}
key=$(cat "$here/ferretdb/go.mod" "$here/ferretdb/go.sum" "$here"/ferretdb/*.go | sha256sum | cut -c1-16)
bin="$cache/bin/ferretdb-$key"
[ -x "$bin" ] || { echo "FerretDB is not built for this checkout; run deploy/local/install.sh" >&2; exit 1; }
mkdir -p "$data"
exec "$bin" -listen "127.0.0.1:$port" -data "$data"

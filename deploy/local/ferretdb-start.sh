#!/usr/bin/env bash
# Start FerretDB (MongoDB wire protocol, SQLite storage) in the foreground.
# Usage: ferretdb-start.sh DATA_DIR [PORT]
set -euo pipefail
data=${1:?data dir}; port=${2:-27017}
bin=${C360_CACHE:-$HOME/.cache/cadre360}/bin/ferretdb
[ -x "$bin" ] || { echo "FerretDB is not built; run deploy/local/install.sh" >&2; exit 1; }
mkdir -p "$data"
exec "$bin" -listen "127.0.0.1:$port" -data "$data"

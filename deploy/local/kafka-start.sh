#!/usr/bin/env bash
# Start a single-node KRaft Kafka broker in the foreground (exec), formatting
# its log directory on first use. Usage: kafka-start.sh DATA_DIR [PORT] [CONTROLLER_PORT]
# A broker set up otherwise (the SASL/TLS test) puts DATA_DIR/extra.properties (appended: a key
# given again wins) and DATA_DIR/format-args (more arguments to the first format, one per line).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${1:?data dir}; port=${2:-9092}; cport=${3:-9093}
cache=${C360_CACHE:-$HOME/.cache/cadre360}
key=$(cat "$here/kafka/pom.xml" | sha256sum | cut -c1-16)
libs="$cache/kafka/$key/libs"
[ -d "$libs" ] || { echo "Kafka is not installed; run deploy/local/install.sh" >&2; exit 1; }
mkdir -p "$data/logs"
sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$cport#g" -e "s#@DATA_DIR@#$data/logs#g" \
  "$here/kafka/server.properties.template" > "$data/server.properties"
[ ! -f "$data/extra.properties" ] || cat "$data/extra.properties" >> "$data/server.properties"
format_args=()
[ ! -f "$data/format-args" ] || mapfile -t format_args < "$data/format-args"
if [ ! -f "$data/logs/meta.properties" ]; then
  java -cp "$libs/*" -Dlog4j2.configurationFile="$here/kafka/log4j2.yaml" kafka.tools.StorageTool format \
    -t "$(cat /proc/sys/kernel/random/uuid | tr -d - | head -c 22)" -c "$data/server.properties" \
    "${format_args[@]}" >/dev/null
fi
exec java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$here/kafka/log4j2.yaml" -cp "$libs/*" kafka.Kafka "$data/server.properties"

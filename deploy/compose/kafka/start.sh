#!/bin/bash
# Starts Cadre360's broker (the compose "kafka" service): server.properties with the broker's
# password and the secrets' directory filled in, the log directory formatted on the first start
# with a SCRAM user for the broker and one per Cadre360 process group. Passwords are hex
# (openssl rand -hex 24): they go into the JAAS line and the format arguments as they are.
# A user added or a password changed later: kafka-configs.sh --alter (deploy/README.md).
set -euo pipefail
secrets=/run/secrets
secret() { tr -d '\r\n' < "$secrets/$1"; }
broker_password=$(secret kafka_broker_password)
umask 077
sed -e "s#@BROKER_PASSWORD@#${broker_password}#" -e "s#@SECRETS@#${secrets}#g" \
  /etc/cadre360/kafka/server.properties > /tmp/server.properties
# what the healthcheck's admin client uses (the broker's own login)
cat > /tmp/client.properties <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="${broker_password}";
ssl.truststore.type=PEM
ssl.truststore.location=${secrets}/kafka_ca
PROPERTIES
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  users=(--add-scram "SCRAM-SHA-512=[name=broker,password=${broker_password}]")
  for user in evaluation survey training gateway topics; do
    users+=(--add-scram "SCRAM-SHA-512=[name=${user},password=$(secret "kafka_${user}_password")]")
  done
  /opt/kafka/bin/kafka-storage.sh format -t "${CLUSTER_ID:?}" -c /tmp/server.properties "${users[@]}"
fi
exec /opt/kafka/bin/kafka-server-start.sh /tmp/server.properties

"""How every process reaches Kafka and MongoDB: credentials and TLS come from secret files named
by the environment, never from URIs or environment values (which show up in `docker inspect`,
process listings and crash reports).

On a developer's machine and in tests nothing is set: plaintext Kafka on loopback, a store
without authentication. In production (deploy/compose, deploy/k8s):

- Kafka: ``C360_KAFKA_SECURITY_PROTOCOL=SASL_SSL`` with ``C360_KAFKA_USERNAME``,
  ``C360_KAFKA_PASSWORD_FILE`` (SCRAM, ``C360_KAFKA_SASL_MECHANISM``, SHA-512 unless told) and
  ``C360_KAFKA_CA_FILE`` (the CA that signed the brokers' certificates; the host name is checked);
- MongoDB: ``C360_MONGO_USERNAME`` and ``C360_MONGO_PASSWORD_FILE`` beside a URI without
  credentials.
A half-configured connection (a protocol without its password file, say) stops the process at
start with the missing setting named, rather than falling back to plaintext.
"""
from __future__ import annotations

from pathlib import Path

from .config import env

KAFKA_PROTOCOLS = ("PLAINTEXT", "SASL_SSL")
SCRAM_MECHANISMS = ("SCRAM-SHA-256", "SCRAM-SHA-512")


class ConnectionSettingError(RuntimeError):
    """A connection setting is missing or wrong; the message names it."""


def secret_from_file(setting: str) -> str:
    """The secret in the file that ``C360_<setting>`` names (surrounding whitespace dropped)."""
    path = env(setting)
    if not path:
        raise ConnectionSettingError(f"C360_{setting} is not set")
    try:
        value = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConnectionSettingError(f"C360_{setting}: cannot read {path} ({exc.strerror})") from None
    if not value:
        raise ConnectionSettingError(f"C360_{setting}: {path} is empty")
    return value


def kafka_options() -> dict:
    """Keyword arguments for every KafkaProducer, KafkaConsumer and KafkaAdminClient."""
    protocol = env("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").upper()
    if protocol not in KAFKA_PROTOCOLS:
        raise ConnectionSettingError(f"C360_KAFKA_SECURITY_PROTOCOL must be one of {', '.join(KAFKA_PROTOCOLS)}")
    if protocol == "PLAINTEXT":
        return {}
    mechanism = env("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512").upper()
    if mechanism not in SCRAM_MECHANISMS:
        raise ConnectionSettingError(f"C360_KAFKA_SASL_MECHANISM must be one of {', '.join(SCRAM_MECHANISMS)}")
    username = env("KAFKA_USERNAME")
    if not username:
        raise ConnectionSettingError("C360_KAFKA_USERNAME is not set")
    ca_file = env("KAFKA_CA_FILE")
    if not ca_file:
        raise ConnectionSettingError("C360_KAFKA_CA_FILE is not set")
    return {"security_protocol": "SASL_SSL", "sasl_mechanism": mechanism, "sasl_plain_username": username,
            "sasl_plain_password": secret_from_file("KAFKA_PASSWORD_FILE"), "ssl_cafile": ca_file,
            "ssl_check_hostname": True}


def mongo_options() -> dict:
    """Credentials for the store's client, or nothing when the store needs none."""
    username = env("MONGO_USERNAME")
    if not username and not env("MONGO_PASSWORD_FILE"):
        return {}
    if not username:
        raise ConnectionSettingError("C360_MONGO_USERNAME is not set")
    return {"username": username, "password": secret_from_file("MONGO_PASSWORD_FILE")}

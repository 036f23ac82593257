"""Configuration from environment variables prefixed ``C360_``, with local defaults."""
from __future__ import annotations

import os

DEFAULTS = {
    "MONGO_URI": "mongodb://127.0.0.1:27017/cadre360_{service}",
    "KAFKA_BOOTSTRAP": "127.0.0.1:9092",
    "JWT_PUBLIC_KEY_FILE": "",
    "JWT_PRIVATE_KEY_FILE": "",
    "JWT_AUDIENCE": "cadre360",
    "JWT_ISSUER": "cadre360-gateway",
    "LOG_LEVEL": "INFO",
    "SLOW_REQUEST_MS": "2000",  # a request answered later than this is logged as a warning
    "TOPIC_REPLICATION": "1",
    "TOPIC_MIN_ISR": "1",
    "EVALUATION_URL": "http://127.0.0.1:8001",
    "SURVEY_URL": "http://127.0.0.1:8002",
    "TRAINING_URL": "http://127.0.0.1:8003",
    "STORE_READ_INDEXES": "auto",  # a model's read-only indexes: auto (MongoDB yes, FerretDB no), on, off
}


def env(name: str, default: str | None = None) -> str:
    """Value of ``C360_<name>`` or its default."""
    value = os.environ.get(f"C360_{name}")
    if value not in (None, ""):
        return value
    return default if default is not None else DEFAULTS.get(name, "")


def service_config(service: str, overrides: dict | None = None) -> dict:
    """Flask config for one service, environment first, then ``overrides`` (tests)."""
    cfg = {key: env(key) for key in DEFAULTS}
    cfg["MONGO_URI"] = cfg["MONGO_URI"].replace("{service}", service)
    cfg["SERVICE_NAME"] = service
    cfg.update(overrides or {})
    return cfg

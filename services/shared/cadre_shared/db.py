"""MongoDB (or FerretDB) connection for a service, through mongoengine."""
from __future__ import annotations

import mongoengine
from pymongo import monitoring
from pymongo.errors import DuplicateKeyError, PyMongoError

from .connections import mongo_options
from .metrics import STORE_COMMANDS


class _CommandCounter(monitoring.CommandListener):
    """Counts the store's round-trips per command (``c360_store_commands_total``): what the
    benchmark divides by the answers it sent. Counting at ``started`` also counts a failed one."""

    def __init__(self, process: str):
        self.process = process

    def started(self, event) -> None:
        STORE_COMMANDS.labels(self.process, event.command_name).inc()

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        pass


def connect(uri: str, alias: str = "default", process: str = "web"):
    """Connect once per process; short timeouts so readiness answers quickly."""
    mongoengine.disconnect(alias=alias)
    return mongoengine.connect(
        host=uri,
        alias=alias,
        event_listeners=[_CommandCounter(process)],
        serverSelectionTimeoutMS=2000,
        connectTimeoutMS=2000,
        socketTimeoutMS=15000,
        tz_aware=True,
        uuidRepresentation="standard",
        **mongo_options(),
    )


def init_app(app) -> None:
    connect(app.config["MONGO_URI"])


def ping(alias: str = "default") -> str | None:
    """None when the store answers, else the reason."""
    try:
        mongoengine.get_connection(alias).admin.command("ping")
        return None
    except PyMongoError as exc:
        return f"database unreachable: {exc.__class__.__name__}"


def unique_refusal(exc: PyMongoError) -> bool:
    """Whether a unique index refused the write: MongoDB's duplicate key (11000), or FerretDB's
    words for the same on an update (an internal error naming SQLite's UNIQUE constraint)."""
    return isinstance(exc, DuplicateKeyError) or "UNIQUE constraint failed" in str(exc)

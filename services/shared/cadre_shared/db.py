"""MongoDB (or FerretDB) connection for a service, through mongoengine."""
from __future__ import annotations

import mongoengine
from pymongo import monitoring
from pymongo.errors import DuplicateKeyError, PyMongoError

from .config import env
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


# indexes that serve only reads --------------------------------------------------------------------
_ferretdb: dict[int, bool] = {}  # id(client) → whether it is FerretDB


def is_ferretdb(db) -> bool:
    """Whether the store behind ``db`` is FerretDB (its buildInfo names its own version), asked once
    per client."""
    client = db.client
    if id(client) not in _ferretdb:
        _ferretdb[id(client)] = "ferretdbVersion" in db.command("buildInfo")
    return _ferretdb[id(client)]


def read_indexes_wanted(db) -> bool:
    """``C360_STORE_READ_INDEXES``: ``auto`` (the default) makes a model's read indexes on MongoDB and
    not on FerretDB, whose SQLite backend uses no index but ``_id`` for a filter; ``on`` / ``off``
    make them, or not, whatever the store."""
    setting = env("STORE_READ_INDEXES").strip().lower()
    if setting in ("on", "off"):
        return setting == "on"
    return not is_ferretdb(db)


class ReadIndexes:
    """For a model whose ``meta`` indexes serve only reads (none unique: a unique index refuses
    writes, and is always made): they are made where a store uses them for a filter (MongoDB), and
    on the embedded FerretDB — which pushes down only ``_id`` filters — left out and dropped if an
    earlier version made them, since there they cost each insert without serving any read (issue 22,
    P5: the course results of a 50,000-row upload). ``C360_STORE_READ_INDEXES`` decides
    (``read_indexes_wanted``). Put it before the Document class: ``class X(ReadIndexes, Document)``."""

    @classmethod
    def ensure_indexes(cls):
        db = cls._get_db()
        if read_indexes_wanted(db):
            return super().ensure_indexes()
        specs = cls._meta.get("index_specs") or []
        if any(spec.get("unique") for spec in specs):
            raise TypeError(f"{cls.__name__}: a unique index is no read index")
        declared = [[tuple(f) for f in spec["fields"]] for spec in specs]
        collection = db[cls._get_collection_name()]
        try:
            present = collection.index_information()
        except PyMongoError:
            return None  # not there yet (a new collection has none)
        for name, info in present.items():
            if name != "_id_" and [tuple(k) for k in info.get("key", [])] in declared:
                try:
                    collection.drop_index(name)
                except PyMongoError:
                    pass  # dropped by another process meanwhile
        return None

"""Read copies kept from another service's state events: apply a snapshot only when it is
newer than what is stored, so redelivered or reordered events change nothing.

``UnitCopy`` is the copy of the unit registry that survey and training both keep, the same in
each (a collection ``unit_copies`` in each service's own database); copies that differ between
services (cadres, positions) stay in the service's models."""
from __future__ import annotations

from mongoengine import Document, IntField, StringField
from pymongo.errors import BulkWriteError, DuplicateKeyError

from .by_id import find_by_ids


class UnitCopy(Document):
    """A unit of the registry as its last ``evaluation.units.v1`` event described it."""
    meta = {"collection": "unit_copies"}
    id = StringField(primary_key=True)
    code = StringField()
    name = StringField()
    kind = StringField()
    area = StringField(null=True)
    version = IntField()


UNIT_FIELDS = ("code", "name", "kind", "area")


def upsert_if_newer(collection, doc_id: str, version: int, fields: dict) -> bool:
    """Store ``fields`` for ``doc_id`` at ``version``; True when it changed the copy.

    Every command names the copy by ``_id`` alone: a filter on ``version`` as well reads and decodes
    the whole collection on the embedded store (FerretDB/SQLite), once per event — learning a
    province of 10,000 cadres took an hour. The stored version is read first, then the copy is
    inserted (another writer inserted it meanwhile: read again) or set. A copy's events share their
    key, so one consumer applies them one after another: no two writers set one copy at once."""
    while True:
        held = collection.find_one({"_id": doc_id}, {"version": 1})
        if held is None:
            try:
                collection.insert_one({"_id": doc_id, **fields, "version": version})
                return True
            except DuplicateKeyError:
                continue
        if (held.get("version") or 0) >= version:
            return False
        collection.update_one({"_id": doc_id}, {"$set": {**fields, "version": version}})
        return True


def upsert_many_if_newer(collection, copies: dict[str, tuple[int, dict]],
                         fields: tuple[str, ...] = ()) -> dict[str, dict]:
    """``upsert_if_newer`` for a run of copies (an import's events): the stored versions read by
    ``_id`` (``find_by_ids``), one unordered insert of the copies not stored yet, one set per copy that is newer.
    Returns each copy as it was stored before (``version`` and ``fields``; {} for a new one)."""
    if not copies:
        return {}
    held = find_by_ids(collection, copies, dict.fromkeys(("version", *fields), 1))
    new = [{"_id": doc_id, **values, "version": version}
           for doc_id, (version, values) in copies.items() if doc_id not in held]
    if new:
        try:
            collection.insert_many(new, ordered=False)
        except BulkWriteError:  # another writer inserted some meanwhile: each the one-by-one way
            for doc_id, (version, values) in copies.items():
                if doc_id not in held:
                    upsert_if_newer(collection, doc_id, version, values)
    for doc_id, (version, values) in copies.items():
        if doc_id in held and (held[doc_id].get("version") or 0) < version:
            collection.update_one({"_id": doc_id}, {"$set": {**values, "version": version}})
    return {doc_id: held.get(doc_id, {}) for doc_id in copies}


def snapshot_handler(document_cls, id_field: str, fields: tuple[str, ...]):
    """A consumer handler that keeps ``document_cls`` as a copy of state events whose
    payload carries ``id_field``, ``version`` and ``fields``."""

    def handle(event: dict) -> None:
        payload = event["payload"]
        upsert_if_newer(document_cls._get_collection(), payload[id_field], payload["version"],
                        {name: payload.get(name) for name in fields})

    return handle

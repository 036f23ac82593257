"""Writing a change together with its events (transactional outbox, one document per write)."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError
from pymongo.errors import OperationFailure

from cadre_shared.conditional_update import update_if
from cadre_shared.db import unique_refusal
from cadre_shared.envelope import make_event
from cadre_shared.errors import ApiError
from cadre_shared.outbox import note_staged

PRODUCER = "evaluation"


def event(event_type: str, key: str, payload: dict) -> dict:
    return make_event(event_type, 1, key, payload, PRODUCER)


def duplicate(field: str = "code") -> ApiError:
    return ApiError(409, "Mã đã tồn tại / Code already exists", {field: ["Mã đã tồn tại / already exists"]},
                    code="duplicate")


def conflict() -> ApiError:
    return ApiError(409, "Bản ghi vừa được người khác thay đổi, vui lòng tải lại / Changed meanwhile, reload",
                    code="conflict")


def insert(doc, *events: dict) -> None:
    """Insert a new document with its events; a taken unique code is a 409."""
    for e in events:
        doc.stage_event(e)
    try:
        doc.save(force_insert=True)
    except NotUniqueError:
        raise duplicate() from None


def update_where(document_cls, query: dict, update: dict, events: list[dict]) -> bool:
    """Apply ``update`` to the one document matching ``query`` and stage ``events`` in the
    same write; False when nothing matched (changed meanwhile). A taken unique code is a 409.
    ``query`` names the document by ``_id`` and may add fields it must still hold (``version``,
    ``status``): compared under a lock by ``_id`` (``conditional_update``), not in the filter."""
    update = {key: dict(value) for key, value in update.items()}
    if events:
        update.setdefault("$push", {})["outbox"] = {"$each": events}
        update.setdefault("$inc", {})["outbox_pending"] = len(events)
    expected = dict(query)
    doc_id = expected.pop("_id")
    try:
        applied = update_if(document_cls._get_collection(), doc_id, expected, update)
    except OperationFailure as exc:  # FerretDB refuses a taken unique code on update in its own words
        if unique_refusal(exc):
            raise duplicate() from None
        raise
    if events and applied:
        note_staged(document_cls, [doc_id])
    return applied


def stored_fields(doc, exclude: tuple[str, ...] = ()) -> dict:
    """The document's fields as stored, except its id, its outbox and ``exclude``."""
    data = doc.to_mongo().to_dict()
    for name in ("_id", "outbox", "outbox_pending", *exclude):
        data.pop(name, None)
    return data

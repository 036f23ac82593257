"""Create-or-replace of a document keyed by a natural id (a unit's roster, a cadre's photo)."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError
from pymongo.errors import DuplicateKeyError


def upsert_fields(document_cls, doc_id: str, **values) -> None:
    """Create or replace fields; two requests creating the same document at once both succeed."""
    update = {f"set__{name}": value for name, value in values.items()}
    try:
        document_cls.objects(id=doc_id).update_one(upsert=True, **update)
    except (NotUniqueError, DuplicateKeyError):  # the other request created it first: now it exists
        document_cls.objects(id=doc_id).update_one(**update)

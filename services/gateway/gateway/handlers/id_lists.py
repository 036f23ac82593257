"""Lists of ids kept inside one document (an inbox, an index entry, the mail queue), changed with
atomic ``$addToSet``/``$pull`` so repeating a change changes nothing and readers go by ``_id``."""
from __future__ import annotations

from pymongo.errors import DuplicateKeyError


def add(collection, doc_id: str, value: str, *fields: str) -> None:
    """Adds ``value`` to each of ``fields`` of document ``doc_id``, creating it when missing."""
    update = {"$addToSet": {name: value for name in fields}}
    try:
        collection.update_one({"_id": doc_id}, update, upsert=True)
    except DuplicateKeyError:  # another writer created the document at the same moment: it exists now
        collection.update_one({"_id": doc_id}, update)


def remove(collection, doc_id: str, value: str, *fields: str) -> None:
    collection.update_one({"_id": doc_id}, {"$pull": {name: value for name in fields}})


def ids_in(collection, doc_id: str, field: str) -> list[str]:
    doc = collection.find_one({"_id": doc_id}, {field: 1})
    return list(doc.get(field) or []) if doc else []

"""Evidence files of output tasks, stored by the evaluation service. A file is its description
(``evidence_files``) and its content in chunks (``evidence_chunks``), each chunk a document keyed
``<file id>:<n>``: every read goes by ``_id`` (GridFS would find chunks by a ``files_id`` filter,
which the embedded store answers by reading the whole collection)."""
from __future__ import annotations

from mongoengine import BinaryField, DateTimeField, Document, IntField, StringField

from ...common.ids import utcnow

CHUNK_BYTES = 255 * 1024


def chunk_id(file_id: str, number: int) -> str:
    return f"{file_id}:{number}"


class EvidenceFile(Document):
    meta = {"collection": "evidence_files"}
    id = StringField(primary_key=True)
    task_id = StringField(required=True)
    name = StringField(required=True)
    content_type = StringField(required=True)
    size = IntField(required=True)
    chunks = IntField(required=True)
    sha256 = StringField(required=True)
    uploaded_by = StringField(required=True)
    uploaded_at = DateTimeField(default=utcnow)


class EvidenceChunk(Document):
    meta = {"collection": "evidence_chunks"}
    id = StringField(primary_key=True)         # chunk_id(file_id, n)
    data = BinaryField(required=True)

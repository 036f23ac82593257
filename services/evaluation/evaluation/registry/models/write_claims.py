"""Claims of a cadre's next write (optimistic concurrency without a scan): before a cadre read
at (version, gaps version) is written, its writer inserts the claim ``"<cadre id>|<version>|<gaps
version>"``; the store's unique ``_id`` lets exactly one writer claim each version, and the
cadre itself is then written by ``_id`` alone (a filter on ``_id`` and ``version`` would read
every cadre on the embedded store). Claims are never read in bulk; they only grow by one per
write and may be purged when older than a day."""
from __future__ import annotations

from mongoengine import DateTimeField, Document, StringField

from ...common.ids import utcnow


class WriteClaim(Document):
    meta = {"collection": "cadre_write_claims", "indexes": ["at"]}
    id = StringField(primary_key=True)
    at = DateTimeField(default=utcnow)

"""Publication confirmed: once a ``response.recorded`` event is readable on the topic, the
response's outbox entry has done its job and is removed, so the relay keeps polling a small
collection however many responses are stored. Removing it twice, or after the relay has
emptied it, changes nothing."""
from __future__ import annotations

from ..models import ResponseOutbox


def confirm_published(event: dict) -> None:
    ResponseOutbox._get_collection().delete_one({"_id": event["payload"]["response_id"]})

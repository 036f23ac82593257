"""The survey service's copy of each cadre (``evaluation.cadres.v1``): the current state, for the
kiosk's list of officials, and every unit and status the registry announced with the time it
did (``posts``), so an answer queued while the official moved is attributed as it was given."""
from __future__ import annotations

from datetime import datetime

from cadre_shared.consumer import ConsumerSpec
from cadre_shared.read_copy import upsert_if_newer

from ..handlers import cadre_cache
from ..models.read_copies import CADRE_FIELDS, CadreCopy


def keep_cadre_copy(event: dict) -> None:
    payload = event["payload"]
    copies = CadreCopy._get_collection()
    upsert_if_newer(copies, payload["cadre_id"], payload["version"], {name: payload.get(name) for name in CADRE_FIELDS})
    # every version's post, older ones arriving late included; a redelivered event adds nothing
    post = {"version": payload["version"], "unit_id": payload["unit_id"], "status": payload["status"],
            "since": datetime.fromisoformat(event["occurred_at"])}
    copies.update_one({"_id": payload["cadre_id"]}, {"$addToSet": {"posts": post}})
    cadre_cache.forget(payload["cadre_id"])


CADRE_COPIES = ConsumerSpec("cadre-copies", ["evaluation.cadres.v1"], keep_cadre_copy)

"""Keeping every holder's gap analysis current when what it depends on changes elsewhere: a new
version of their position, their unit's area, an area appendix, a competency, a course result."""
from __future__ import annotations

from datetime import date

from ..models import Cadre, TrainingRecord, Unit
from .cadre_writes import Mutation, change_cadre
from .catalogue import Catalogue, training_records


def follow_position(catalogue: Catalogue) -> Mutation:
    """Holders of a position move to its current version (their work history keeps the one
    they were appointed under); leader status follows the position."""
    def mutate(cadre: Cadre) -> str | None:
        position = catalogue.positions.get(cadre.position_id)
        if position is None or (cadre.position_version, bool(cadre.is_leader)) == (position.version,
                                                                                   position.is_leader):
            return None
        cadre.position_version, cadre.is_leader = position.version, position.is_leader
        return "cadre.updated"

    return mutate


def refresh(**query) -> int:
    """Recompute the active cadres matching ``query``; returns how many were written."""
    catalogue = Catalogue.load()
    cadres = list(Cadre.objects(status="active", **query).exclude("outbox"))
    records = training_records(c.id for c in cadres)
    mutate = follow_position(catalogue)
    return sum(change_cadre(c, mutate, catalogue, records.get(c.id, []))[1] for c in cadres)


def on_registry_event(event: dict) -> None:
    payload = event["payload"]
    if event["type"] in ("position.versioned", "competency.versioned") and payload["version"] == 1:
        return  # a first version: whoever holds it was analysed against it already
    if event["type"] == "position.versioned":
        refresh(position_id=payload["position_id"])
    elif event["type"] == "unit.updated":
        refresh(unit_id=payload["unit_id"])
    elif event["type"] == "appendix.versioned":
        refresh(unit_id__in=[u.id for u in Unit.objects(area=payload["area"]).only("id")])
    elif event["type"] == "competency.versioned":
        # levels stay numbered 1..n and standards never ask above the scale, so only the name
        # shown in existing gaps can change
        refresh(gap_keys=f"competency:{payload['code']}")


def on_course_result(event: dict) -> None:
    """Keep the result (the latest event for a result id wins) and recompute that cadre's gaps."""
    p = event["payload"]
    TrainingRecord(id=p["result_id"], cadre_id=p["cadre_id"], course_code=p["course_code"], category=p["category"],
                   session=p["session"], completed_on=date.fromisoformat(p["completed_on"]), passed=p["passed"],
                   hours=p["hours"], certificate_expires_on=date.fromisoformat(p["certificate_expires_on"])
                   if p["certificate_expires_on"] else None).save()
    refresh(id=p["cadre_id"])

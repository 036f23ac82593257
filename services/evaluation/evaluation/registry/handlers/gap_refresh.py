"""Keeping every holder's gap analysis current when what it depends on changes elsewhere: a new
version of their position, their unit's area, an area appendix, a competency, a course result."""
from __future__ import annotations

from collections.abc import Iterable

from ..models import Cadre, CadreTraining, Unit
from . import roster_reads
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


def refresh(cadre_ids: Iterable[str]) -> int:
    """Recompute these cadres (the active ones); returns how many were written."""
    catalogue = Catalogue.load()
    cadres = [c for c in (Cadre.objects(id=cadre_id).exclude("outbox").first() for cadre_id in cadre_ids)
              if c is not None and c.status == "active"]
    records = training_records(c.id for c in cadres)
    mutate = follow_position(catalogue)
    return sum(change_cadre(c, mutate, catalogue, records.get(c.id, []))[1] for c in cadres)


def _active(rows) -> list[str]:
    return [row["id"] for row in rows if row["status"] == "active"]


def on_registry_event(event: dict) -> None:
    payload = event["payload"]
    if event["type"] in ("position.versioned", "competency.versioned") and payload["version"] == 1:
        return  # a first version: whoever holds it was analysed against it already
    if event["type"] == "position.versioned":
        refresh(_active(r for r in roster_reads.rows() if r["position_id"] == payload["position_id"]))
    elif event["type"] == "unit.updated":
        refresh(_active(roster_reads.rows([payload["unit_id"]])))
    elif event["type"] == "appendix.versioned":
        refresh(_active(roster_reads.rows(u.id for u in Unit.objects(area=payload["area"]).only("id"))))
    elif event["type"] == "competency.versioned":
        # levels stay numbered 1..n and standards never ask above the scale, so only the name
        # shown in existing gaps can change
        key = f"competency:{payload['code']}"
        refresh(_active(r for r in roster_reads.rows() if key in r["gap_keys"]))


RECORD_FIELDS = ("category", "passed", "certificate_expires_on", "course_code", "session", "completed_on", "hours")


def on_course_result(event: dict) -> None:
    on_course_results([event])


def on_course_results(events: list[dict]) -> None:
    """Keep the results (the latest event for a result id wins: a run is applied in its order) and
    recompute the gaps of each cadre they concern once — a school's file arrives as thousands of
    results, several a cadre: one write of records per cadre and one catalogue read per run."""
    by_cadre: dict[str, dict] = {}
    for event in events:
        p = event["payload"]
        by_cadre.setdefault(p["cadre_id"], {})[f"records.{p['result_id']}"] = {name: p[name] for name in RECORD_FIELDS}
    collection = CadreTraining._get_collection()
    for cadre_id, records in by_cadre.items():
        collection.update_one({"_id": cadre_id}, {"$set": records}, upsert=True)
    refresh(by_cadre)

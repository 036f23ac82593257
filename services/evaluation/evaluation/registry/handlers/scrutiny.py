"""Keeping the scrutiny read copy (consumer of the survey's report conclusions and confidence-vote
results) and reading it: per cadre, by ``_id``."""
from __future__ import annotations

from cadre_shared.auth import Principal

from ..models import Position
from ..models.scrutiny import ScrutinyRecord
from .access import visible_cadre

REPORT_FIELDS = ("substantiated", "happened_on", "received_on", "concluded_on")
VOTE_FIELDS = ("year", "ballots", "high", "medium", "low", "low_share", "outcome", "closed_on")


def on_scrutiny_event(event: dict) -> None:
    """One fact per report or vote under the cadre's record; the same event twice sets the same value."""
    p = event["payload"]
    if event["type"] == "report.concluded":
        path, fact = f"reports.{p['report_id']}", {name: p[name] for name in REPORT_FIELDS}
    else:
        path, fact = f"votes.{p['vote_id']}", {name: p[name] for name in VOTE_FIELDS}
    ScrutinyRecord._get_collection().update_one({"_id": p["cadre_id"]}, {"$set": {path: fact}}, upsert=True)


def records_of(cadre_ids) -> dict[str, ScrutinyRecord]:
    """The records of these cadres (those with none are absent), each read by ``_id``; None: every
    record, in one pass (closing a period: only cadres someone reported or voted on have one)."""
    if cadre_ids is None:
        return {record.id: record for record in ScrutinyRecord.objects}
    found = {}
    for cadre_id in dict.fromkeys(cadre_ids):
        record = ScrutinyRecord.objects(id=cadre_id).first()
        if record is not None:
            found[cadre_id] = record
    return found


def cadre_scrutiny(principal: Principal, cadre_id: str) -> dict:
    """The facts as HR reads them in the dossier: concluded reports (never who reported or what
    they wrote — the survey's inspection keeps that) and confidence-vote results, newest first."""
    cadre = visible_cadre(principal, cadre_id)
    record = records_of([cadre.id]).get(cadre.id)
    reports = sorted(((rid, f) for rid, f in (record.reports if record else {}).items()),
                     key=lambda item: item[1]["concluded_on"], reverse=True)
    votes = sorted(((vid, f) for vid, f in (record.votes if record else {}).items()),
                   key=lambda item: (item[1]["year"], item[1]["closed_on"]), reverse=True)
    return {"cadre_id": cadre.id,
            "substantiated_reports": sum(1 for _, f in reports if f["substantiated"]),
            "reports": [{"report_id": rid, **f} for rid, f in reports],
            "confidence_votes": [{"vote_id": vid, **f} for vid, f in votes]}


def appointment_warnings(cadre_id: str, position_id: str | None) -> list[str]:
    """What HR should weigh when a cadre takes a leader's post: substantiated citizens' reports
    ("không bố trí cán bộ có nhiều phản ánh tiêu cực", seed 001). A warning, not a refusal: the
    competent authority decides."""
    position = Position.objects(id=position_id).only("is_leader").first() if position_id else None
    record = records_of([cadre_id]).get(cadre_id)
    count = sum(1 for f in (record.reports if record else {}).values() if f["substantiated"])
    if position is None or not position.is_leader or not count:
        return []
    return [f"Cán bộ có {count} phản ánh của người dân được kết luận là đúng; cân nhắc trước khi bố trí vào vị "
            f"trí lãnh đạo / {count} citizens' report(s) about this cadre found substantiated; weigh them before "
            f"appointing to a leader's post"]

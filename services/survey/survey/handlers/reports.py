"""Citizens' reports: filed by anyone without sign-in (the reporter gets a reference), followed by
reference, read by the inspection (with the contact details, opened from their seal) and by the
province's administrator (without them), concluded once by an inspector — the conclusion published
for the evaluation service, in the same write."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.clock import in_vietnam, today
from cadre_shared.envelope import make_event
from cadre_shared.errors import ApiError
from cadre_shared.notify import notification
from cadre_shared.outbox import update_with_event
from cadre_shared.read_copy import UnitCopy

from ..domain.reports import CONCLUDED, RECEIVED, new_reference, normalise_reference
from ..models import CadreCopy, CitizenReport
from .keys import open_contact, seal_contact

NO_OFFICIAL = "Không có cán bộ này / No such official"
NO_REPORT = "Không có phản ánh này / No such report"
INSPECTORS = ("inspector",)


def file_report(data: dict) -> CitizenReport:
    cadre = CadreCopy.objects(id=data["cadre_id"]).first()
    if cadre is None or cadre.status != "active":
        raise ApiError(422, fields={"cadre_id": [NO_OFFICIAL]})
    unit = UnitCopy.objects(id=cadre.unit_id).first()
    for _ in range(5):
        reference = new_reference()
        report = CitizenReport(
            id=reference, cadre_id=cadre.id, cadre_name=cadre.full_name, unit_id=cadre.unit_id,
            unit_name=unit.name if unit else None, what=data["what"], where=data.get("where"),
            happened_on=data["happened_on"].isoformat() if data.get("happened_on") else None,
            channel=data["channel"], has_contact=bool(data.get("contact")),
            contact_sealed=seal_contact(reference, data["contact"]) if data.get("contact") else None)
        report.stage_event(notification(
            "survey", "report_received", about=cadre.id, roles=list(INSPECTORS),
            params={"reference": reference, "cadre_name": cadre.full_name}, link=f"/reports/{reference}",
            dedupe_key=f"report_received|{reference}"))
        try:
            report.save(force_insert=True)
            return report
        except NotUniqueError:
            continue
    raise ApiError(503, "Vui lòng gửi lại / Please send again", code="busy")


def follow(reference_text: str) -> dict:
    """What the reporter (whoever holds the reference) may see: where the case stands."""
    reference = normalise_reference(reference_text)
    report = CitizenReport.objects(id=reference).only("id", "status", "received_at", "conclusion").first() \
        if reference else None
    if report is None:
        raise ApiError(404, NO_REPORT)
    conclusion = report.conclusion or {}
    return {"reference": report.id, "status": report.status,
            "received_on": in_vietnam(report.received_at).date(),
            "concluded_on": conclusion.get("concluded_on"),
            "substantiated": conclusion.get("substantiated") if report.status == CONCLUDED else None}


def view(report: CitizenReport, principal: Principal) -> dict:
    """The report as its reader may see it: the contact details for the inspection only."""
    shown = {name: getattr(report, name) for name in ("cadre_id", "cadre_name", "unit_id", "unit_name", "what",
                                                      "where", "happened_on", "channel", "status", "received_at")}
    shown.update(id=report.id, reference=report.id, conclusion=report.conclusion or None)
    if principal.role in INSPECTORS:
        shown["contact"] = open_contact(report.id, report.contact_sealed) if report.contact_sealed else None
    return shown


def list_reports(principal: Principal, query: dict) -> tuple[list[dict], int]:
    filters = {name: query[name] for name in ("status", "cadre_id", "unit_id") if query.get(name)}
    found = CitizenReport.objects(**filters).exclude("outbox").order_by("-received_at")
    total = found.count()
    start = (query["page"] - 1) * query["per_page"]
    return [view(r, principal) for r in found[start:start + query["per_page"]]], total


def find_report(principal: Principal, report_id: str) -> dict:
    report = CitizenReport.objects(id=report_id).exclude("outbox").first()
    if report is None:
        raise ApiError(404, NO_REPORT)
    return view(report, principal)


def concluded_event(report: CitizenReport, substantiated: bool, concluded_on: str) -> dict:
    """What the evaluation service learns of a concluded report (also published again after a restore)."""
    return make_event("report.concluded", 1, report.cadre_id, {
        "report_id": report.id, "cadre_id": report.cadre_id, "unit_id": report.unit_id,
        "substantiated": substantiated, "happened_on": report.happened_on,
        "received_on": in_vietnam(report.received_at).date().isoformat(), "concluded_on": concluded_on}, "survey")


def conclude(principal: Principal, report_id: str, substantiated: bool, note: str) -> dict:
    report = CitizenReport.objects(id=report_id).exclude("outbox").first()
    if report is None:
        raise ApiError(404, NO_REPORT)
    concluded_on = today()
    conclusion = {"substantiated": substantiated, "note": note, "by": principal.username,
                  "at": datetime.now(timezone.utc), "concluded_on": concluded_on.isoformat()}
    event = concluded_event(report, substantiated, concluded_on.isoformat())
    if not update_with_event(CitizenReport, {"_id": report.id, "status": RECEIVED},
                             {"$set": {"status": CONCLUDED, "conclusion": conclusion}}, event):
        raise ApiError(409, "Phản ánh đã được kết luận / Already concluded", code="already_concluded")
    return find_report(principal, report_id)


def public_units() -> list[dict]:
    """Communes and wards a report can be about, by name."""
    return sorted(({"unit_id": u.id, "name": u.name} for u in UnitCopy.objects(kind__in=["commune", "ward"])),
                  key=lambda u: u["name"] or "")


def public_officials(unit_id: str) -> list[dict]:
    """The serving officials of a unit, by name (what a citizen picks the official by)."""
    return sorted(({"cadre_id": c.id, "full_name": c.full_name}
                   for c in CadreCopy.objects(unit_id=unit_id, status="active").only("id", "full_name")),
                  key=lambda c: c["full_name"] or "")

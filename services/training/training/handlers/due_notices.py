"""The daily job of the training worker: every unit's compliance computed for the new day, and the
``training_due`` notifications that day calls for (30 days before a deadline, when a certificate
expires), staged in the unit's compliance document in the same write that records them as sent.

Each notice goes out twice: to the cadre (link: their own page) and to their unit's HR (link: the
unit's compliance page); the gateway keeps one inbox item per user and ``dedupe_key``."""
from __future__ import annotations

from datetime import date, timedelta

from cadre_shared.notify import notification
from cadre_shared.read_copy import UnitCopy

from ..domain import compliance as rules
from ..domain.reminders import due_notices
from ..models import UnitCompliance
from .settings import notice_days
from .unit_compliance import Inputs, compute_unit, members_by_unit

KEEP_NOTICE_KEYS_DAYS = 400  # sent keys are kept a year past their date, long after any window


def _course(item: rules.Item, inputs: Inputs) -> str:
    """What to complete: the course's title when the requirement names a course, else its own title."""
    r = item.requirement
    return inputs.courses.get(r.course_code, r.title) if r.course_code else r.title


def _events(unit_id: str, cadre_id: str, cadre_name: str, key: str, item: rules.Item, inputs: Inputs) -> list[dict]:
    params = {"cadre_name": cadre_name or "", "course": _course(item, inputs), "due_on": item.due_on.isoformat()}
    return [
        notification("training", "training_due", about=cadre_id, cadre_ids=[cadre_id], params=params, link="/me",
                     dedupe_key=f"training_due|{key}"),
        notification("training", "training_due", about=cadre_id, unit_roles=[(unit_id, "unit_hr")], params=params,
                     link=f"/training/compliance?unit_id={unit_id}", dedupe_key=f"training_due|{key}|hr"),
    ]


def _still_kept(key: str, day: date) -> bool:
    parts = key.split("|")
    try:
        return date.fromisoformat(parts[2]) >= day - timedelta(days=KEEP_NOTICE_KEYS_DAYS)
    except (IndexError, ValueError):
        return False


def notices_for(unit_id: str, inputs: Inputs, days: int, tally: dict):
    """The ``extra`` of a unit's computation: the notices its cadres' items call for today (counted in
    ``tally``), and the keys sent so far, those long past dropped."""

    def extra(doc: dict, computed: dict[str, list[rules.Item]], rows: dict[str, dict]) -> tuple[dict, list[dict]]:
        sent = set(doc.get("notified") or [])
        fresh, events = [], []
        for cadre_id, items in computed.items():
            for key, item in due_notices(cadre_id, items, inputs.day, sent, days):
                fresh.append(key)
                events += _events(unit_id, cadre_id, rows.get(cadre_id, {}).get("full_name") or "", key, item, inputs)
        tally["notices"] += len(fresh)
        kept = {k for k in sent if _still_kept(k, inputs.day)}
        if not fresh and len(kept) == len(sent):
            return {}, []
        return {"notified": sorted(kept | set(fresh))}, events

    return extra


def send_due_notices(day: date) -> dict:
    """Every unit once: computed for ``day``, with its notices. Units never computed before find their
    cadres in one pass over the cadre copies."""
    inputs = Inputs.now()
    inputs.day = day
    days, tally = notice_days(), {"notices": 0}
    computed_before = {d["_id"] for d in UnitCompliance._get_collection().find({}, {"as_of": 1}) if d.get("as_of")}
    units = [u["_id"] for u in UnitCopy._get_collection().find({}, {"_id": 1})]
    members = members_by_unit() if set(units) - computed_before else {}
    for unit_id in units:
        compute_unit(unit_id, inputs, None if unit_id in computed_before else members.get(unit_id, []),
                     notices_for(unit_id, inputs, days, tally))
    return {"day": day.isoformat(), "units": len(units), **tally}

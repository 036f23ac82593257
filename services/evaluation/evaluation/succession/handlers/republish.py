"""Every succession entry published again after a restore from backup (``cadre_shared.restore``): the
training service keeps the courses an active entry requires (``succession.entry_changed``, kept by
entry id and version, so one it has changes nothing). Run on a quiet platform, once the copies are emptied."""
from __future__ import annotations

from cadre_shared.restore import stage

from ...registry import queries as registry
from ..models import SuccessionPlan, UnitPlan
from . import entries as store


def republish() -> dict:
    plans = {plan.id: plan for plan in SuccessionPlan.objects}
    titles: dict[str, str] = {}
    entries = 0
    for doc in UnitPlan.objects.exclude("outbox", "history"):
        events = []
        for entry in doc.entries.values():
            if entry["position_id"] not in titles:
                position = registry.title_position(entry["position_id"])
                titles[entry["position_id"]] = position.title if position else ""
            events.append(store.entry_event(plans[doc.plan_id], doc.unit_id, entry, titles[entry["position_id"]]))
        entries += len(events) if stage(UnitPlan, doc.id, events) else 0
    return {"succession_entries": entries}

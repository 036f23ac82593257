"""One cadre re-assessed by itself when something about them changed (PRODUCT §3.5, issue 14):
a discipline record, probation, an appointment or a move (``cadre.*`` events of the registry), a
new gap analysis after a course result or a standard's change (``cadre.gaps.changed``). Their
assessment row and flag change as a full pass would change them; every read goes by ``_id``."""
from __future__ import annotations

from cadre_shared.clock import today

from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.model import assess_cadre
from . import assessments, unit_flags
from .assessment import settle_flag
from .history import history_of
from .model_training import current_model


def reassess_cadre(cadre_id: str) -> str | None:
    """The cadre's new assessment kept and their flag settled: "raised", "updated", "unchanged",
    None (no flag, none needed), "left" (their row dropped) or "unknown"."""
    cadre = registry.cadre(cadre_id)
    if cadre is None:
        return "unknown"
    if not cadre.active:
        assessments.put(cadre.unit_id, cadre.id, None)
        return "left"
    model_version, model = current_model()
    kept = assessments.kept(cadre.unit_id, cadre.id)
    history = history_of(cadre, kept.get("satisfaction") if kept else None)
    assessment = assess_cadre(history, today(), model)
    assessments.put(cadre.unit_id, cadre.id, assessments.row(assessment, history, model_version, utcnow()))
    unit = registry.unit_ref(cadre.unit_id)
    return settle_flag(cadre, assessment, model_version, unit_flags.of_unit(cadre.unit_id), unit.name if unit else "")

"""The fairness audit of the early warning (PRODUCT §3.5): the only reader here of gender,
ethnicity, the local flag, the unit's area and birth year — for the audit, never as the model's
inputs. Today's flag rates per group, and the active model's held-out outcome rates per group."""
from __future__ import annotations

import numpy as np

from cadre_shared.auth import Principal
from cadre_shared.clock import today

from ...registry import queries as registry
from ..domain.fairness import AuditRow, fairness_audit
from ..domain.model import score_batch
from . import unit_flags
from .history import cadres_in, histories
from .model_training import current_model
from .protected import audit_attributes


def fairness(principal: Principal, unit_id: str | None) -> dict:
    """Flag rates (flags not closed, light amber or red) and the model's mean probability by
    gender, ethnicity, local flag, the unit's area and age band, over active cadres; beside them the
    active model's held-out true- and false-positive rates per group (province-wide, from training)."""
    unit_id = registry.unit_scope(principal, unit_id)
    cadres = cadres_in(unit_id)
    flagged = {cadre_id for u in {c.unit_id for c in cadres} for cadre_id, row in unit_flags.of_unit(u)[0].items()
               if row["light"] != "green"}
    model_version, model = current_model()
    probabilities = {}
    if model is not None:
        records = histories(cadres)
        scores = score_batch([records[c.id] for c in cadres], today(), model)
        probabilities = {c.id: None if np.isnan(p) else round(float(p), 4)
                         for c, p in zip(cadres, scores.probabilities)}
    areas, year = registry.unit_areas(), today().year
    rows = [AuditRow(c.id in flagged, probabilities.get(c.id), **audit_attributes(c, areas, year)) for c in cadres]
    held_out = (model.metrics.get("fairness") if model is not None else None) or {}
    return {"unit_id": unit_id, "model_version": model_version, **fairness_audit(rows), "held_out": held_out}

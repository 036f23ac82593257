"""A cadre's protected attributes (gender, ethnicity, local flag, the unit's area, age band) as the
fairness audit groups them: read for the audit alone, never as the model's inputs."""
from __future__ import annotations

from ...registry import queries as registry
from ..domain.fairness import age_band


def audit_attributes(cadre: registry.CadreFacts, areas: dict[str, str | None], year: int) -> dict:
    """The protected attributes of a cadre, for the audit alone (never the model's inputs)."""
    return {"gender": cadre.gender, "ethnicity": cadre.ethnicity, "is_local": cadre.is_local,
            "area": areas.get(cadre.unit_id), "age_band": age_band(cadre.birth_year, year)}

"""Storage of succession planning: a plan per term, one document per (plan, unit) holding that
unit's entries and their history — the unit of consistency for the per-title limit, read by
``_id`` — one per (plan, cadre) counting the titles a cadre is planned for, and the rules as data."""
from .plans import CadreTitles, SuccessionPlan, SuccessionSettings, UnitPlan, cadre_key, unit_key

__all__ = ["CadreTitles", "SuccessionPlan", "SuccessionSettings", "UnitPlan", "cadre_key", "unit_key"]
OUTBOX_DOCUMENTS = [UnitPlan]

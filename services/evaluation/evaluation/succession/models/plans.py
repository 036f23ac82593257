"""Plans (quy hoạch) per term and their entries.

An entry — one cadre planned for one key title of one unit — lives inside its unit's plan document
(``entries.<entry id>``), never deleted: removal sets its status and reason, and every change is
appended to the document's ``history`` (the yearly review, "động"). The document's ``version``
guards the per-title limit (a conditional update by ``_id`` and version); a cadre's titles across
units are counted in ``CadreTitles`` with an atomic ``$inc`` bounded by the limit. The entry's
``succession.entry_changed`` event travels in the unit plan's outbox, in the same write."""
from __future__ import annotations

from mongoengine import DateTimeField, DictField, Document, IntField, ListField, StringField

from cadre_shared.outbox import OutboxDocument

from ...common.ids import new_id, utcnow


def unit_key(plan_id: str, unit_id: str) -> str:
    return f"{plan_id}|{unit_id}"


def cadre_key(plan_id: str, cadre_id: str) -> str:
    return f"{plan_id}|{cadre_id}"


class SuccessionPlan(Document):
    meta = {"collection": "succession_plans", "indexes": [{"fields": ["term"], "unique": True}]}
    id = StringField(primary_key=True, default=new_id)
    term = StringField(required=True)
    start_year = IntField(required=True)
    end_year = IntField(required=True)
    unit_ids = ListField(StringField())  # units with at least one entry ($addToSet): the province view
    created_by = StringField(required=True)
    created_at = DateTimeField(default=utcnow)


class UnitPlan(OutboxDocument):
    meta = {"collection": "succession_unit_plans", "indexes": ["plan_id"]}
    id = StringField(primary_key=True)  # unit_key(plan, unit)
    plan_id = StringField(required=True)
    unit_id = StringField(required=True)
    entries = DictField()   # entry id → the entry (see handlers.entries.new_entry)
    history = ListField(DictField())
    version = IntField(required=True, default=0)


class CadreTitles(Document):
    """The titles one cadre is planned for in one plan (``unit|position``), and their count."""
    meta = {"collection": "succession_cadre_titles"}
    id = StringField(primary_key=True)  # cadre_key(plan, cadre)
    titles = ListField(StringField())
    count = IntField(required=True, default=0)


class SuccessionSettings(Document):
    """The province's planning rules (domain.rules.PlanningRules), one document."""
    meta = {"collection": "succession_settings"}
    id = StringField(primary_key=True, default="province")
    rules = DictField()
    updated_by = StringField(null=True)
    updated_at = DateTimeField(default=utcnow)

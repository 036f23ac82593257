"""The read model of training standing, every read by ``_id`` (FerretDB filters nothing else in SQL):
each cadre's course results in one document, and each unit's compliance in one document — a row per
active cadre with their status per requirement — kept current by the service's own result events,
the registry's cadre and position events and changes of the requirements (``ComplianceBasis``).

``UnitCompliance`` also carries the ``training_due`` notifications its daily refresh decides on
(an outbox document): the keys already notified are kept beside the rows, in the same write."""
from __future__ import annotations

from mongoengine import DateTimeField, DictField, Document, IntField, ListField, StringField

from cadre_shared.outbox import OutboxDocument


class CadreResults(Document):
    """A cadre's course results (``results``: result id → the result's fields, ``at``: when the event
    that set them occurred, so an older redelivered event never overwrites a newer one)."""
    meta = {"collection": "cadre_results"}
    id = StringField(primary_key=True)  # the cadre id
    results = DictField()


class UnitCompliance(OutboxDocument):
    """``rows``: cadre id → {code, full_name, position_id, items: [{requirement, status, due_on}]},
    computed on ``as_of`` with the requirements and positions of ``basis`` and a due-soon window of
    ``soon_days``; a read finding any of the three out of date computes the unit again."""
    meta = {"collection": "unit_compliance"}
    id = StringField(primary_key=True)  # the unit id
    as_of = StringField()  # ISO date
    basis = IntField(default=0)
    soon_days = IntField()
    rows = DictField()
    revision = IntField(default=0)  # moved by every write (handlers/compliance_overview.py)
    notified = ListField(StringField())  # "<cadre>|<requirement>|<due on>" of training_due sent
    computed_at = DateTimeField()


class ComplianceBasis(Document):
    """One counter (``_id`` "compliance"), moved by every change of what compliance is computed from
    besides a cadre's own record: requirements added, changed or removed; positions versioned."""
    meta = {"collection": "compliance_basis"}
    id = StringField(primary_key=True)
    version = IntField(default=0)



class ComplianceOverview(Document):
    """One document (``_id`` "units"): per unit id ``"<revision>|<totals as JSON>"`` of its compliance
    document as last written (handlers/compliance_overview.py)."""
    meta = {"collection": "compliance_overview"}
    id = StringField(primary_key=True)
    units = DictField()

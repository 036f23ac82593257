"""Read copies of the registry, kept from evaluation events (never written by this service's API).
The unit copy, the same in every service, is ``cadre_shared.read_copy.UnitCopy``."""
from mongoengine import BooleanField, DictField, Document, IntField, ListField, StringField


class CadreCopy(Document):
    meta = {"collection": "cadre_copies", "indexes": ["unit_id", "position_id"]}
    id = StringField(primary_key=True)
    code = StringField()
    full_name = StringField()
    unit_id = StringField()
    department_code = StringField(null=True)
    position_id = StringField(null=True)
    position_version = IntField(null=True)
    is_leader = BooleanField()
    appointed_on = StringField(null=True)  # ISO date: requirements run "within N months of appointment"
    status = StringField()
    version = IntField()


class PositionCopy(Document):
    """A position's current version with its standard (required course categories among it)."""
    meta = {"collection": "position_copies"}
    id = StringField(primary_key=True)
    code = StringField()
    title = StringField()
    task_group = StringField()
    is_leader = BooleanField()
    standard = DictField(null=True)
    version = IntField()


class CadreGapsCopy(Document):
    """A cadre's current gap analysis (khoảng trống năng lực): what training should close.
    ``version`` is the evaluation service's gaps version."""
    meta = {"collection": "cadre_gap_copies", "indexes": ["unit_id"]}
    id = StringField(primary_key=True)  # the cadre id
    unit_id = StringField()
    position_id = StringField(null=True)
    position_version = IntField(null=True)
    gaps = ListField(DictField())
    version = IntField()


CADRE_FIELDS = ("code", "full_name", "unit_id", "department_code", "position_id", "position_version", "is_leader",
                "appointed_on", "status")
POSITION_FIELDS = ("code", "title", "task_group", "is_leader", "standard")

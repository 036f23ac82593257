"""Read copies of the registry, kept from evaluation events (never written by this service's API)."""
from mongoengine import BooleanField, Document, IntField, StringField


class CadreCopy(Document):
    meta = {"collection": "cadre_copies", "indexes": ["unit_id"]}
    id = StringField(primary_key=True)
    code = StringField()
    full_name = StringField()
    unit_id = StringField()
    position_id = StringField(null=True)
    position_version = IntField(null=True)
    is_leader = BooleanField()
    department_code = StringField(null=True)  # e.g. TTHCC: the public-service centre (counter)
    status = StringField()
    version = IntField()


class UnitCopy(Document):
    meta = {"collection": "unit_copies"}
    id = StringField(primary_key=True)
    code = StringField()
    name = StringField()
    kind = StringField()
    area = StringField(null=True)
    version = IntField()


CADRE_FIELDS = ("code", "full_name", "unit_id", "position_id", "position_version", "is_leader", "department_code",
                "status")
UNIT_FIELDS = ("code", "name", "kind", "area")

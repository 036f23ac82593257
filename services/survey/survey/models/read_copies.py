"""Read copies of the registry, kept from evaluation events (never written by this service's API).
The unit copy, the same in every service, is ``cadre_shared.read_copy.UnitCopy``."""
from mongoengine import BooleanField, DictField, Document, IntField, ListField, StringField


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
    # {"version", "unit_id", "status", "since"} of every state announced (domain.postings.post_at)
    posts = ListField(DictField())


CADRE_FIELDS = ("code", "full_name", "unit_id", "position_id", "position_version", "is_leader", "department_code",
                "status")

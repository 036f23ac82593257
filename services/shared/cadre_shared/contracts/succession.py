"""Contract of the evaluation service's succession events (quy hoạch cán bộ): an entry of a plan —
one cadre planned for one key title of one unit — as it now stands, with the courses and the
rotation planned for them. The training service puts the courses in the cadre's training plan."""
from marshmallow import RAISE, Schema, fields, validate

from .registry import Contract, register

CODE = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class RotationV1(_Strict):
    """Luân chuyển planned for the candidate: where to, and what it should teach them."""
    unit_id = fields.String(required=True)
    goal = fields.String(required=True, validate=validate.Length(min=1, max=500))
    from_on = fields.Date(required=True, allow_none=True)
    until_on = fields.Date(required=True, allow_none=True)


class SuccessionEntryV1(_Strict):
    """The entry after the change; ``status`` removed means its courses leave the training plan."""
    entry_id = fields.String(required=True)
    plan_id = fields.String(required=True)
    term = fields.String(required=True, validate=validate.Regexp(r"^\d{4}-\d{4}$"))
    cadre_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    position_id = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["active", "removed"]))
    courses = fields.List(fields.String(validate=CODE), required=True)
    due_on = fields.Date(required=True, allow_none=True)
    rotation = fields.Nested(RotationV1, required=True, allow_none=True)
    version = fields.Integer(required=True, validate=validate.Range(min=1))


TOPIC_SUCCESSION = "evaluation.succession.v1"
_entry = {"entry_id": "e-1", "plan_id": "pl-1", "term": "2030-2035", "cadre_id": "c-7", "unit_id": "u-1",
          "position_id": "p-1", "title": "Chủ tịch UBND xã", "status": "active",
          "courses": ["BD-QLNN-01", "LLCT-CC"], "due_on": "2028-12-31",
          "rotation": {"unit_id": "u-2", "goal": "Điều hành xã miền núi", "from_on": "2027-01-01",
                       "until_on": "2028-12-31"}, "version": 2}
register(Contract("succession.entry_changed", 1, TOPIC_SUCCESSION, SuccessionEntryV1, [
    _entry, {**_entry, "status": "removed", "courses": [], "due_on": None, "rotation": None, "version": 3}]))

"""HTTP contracts of the gap analysis (khoảng trống năng lực)."""
from marshmallow import fields

from cadre_shared.schema_base import StrictSchema


class GapOut(StrictSchema):
    key = fields.String(metadata={"description": "education | political_theory | digital_skill | "
                                                 "course:<category> | competency:<code>"})
    kind = fields.String()
    code = fields.String(allow_none=True)
    required = fields.Raw()
    actual = fields.Raw(allow_none=True)
    source = fields.String(metadata={"description": "position | appendix (phụ lục theo địa bàn)"})
    title = fields.String()
    label = fields.String()
    remedy = fields.String(metadata={"description": "Việc cần làm để đạt chuẩn / what would close it"})


class CadreGapsOut(StrictSchema):
    cadre_id = fields.String()
    position_id = fields.String(allow_none=True)
    position_version = fields.Integer(allow_none=True)
    area = fields.String(allow_none=True)
    analysed_on = fields.Date()
    gaps = fields.List(fields.Nested(GapOut))


class GapItemCountOut(StrictSchema):
    key = fields.String()
    kind = fields.String()
    code = fields.String(allow_none=True)
    title = fields.String()
    count = fields.Integer()
    cadre_ids = fields.List(fields.String())


class UnitGapsOut(StrictSchema):
    unit_id = fields.String()
    analysed_on = fields.Date()
    cadres = fields.Integer(metadata={"description": "Cán bộ đang công tác được phân tích / active cadres analysed"})
    cadres_with_gaps = fields.Integer()
    items = fields.List(fields.Nested(GapItemCountOut))


class UnitGapsQuery(StrictSchema):
    ids = fields.Boolean(load_default=True, metadata={"description": "Kèm mã cán bộ của từng mục (mặc định có) / "
                                                                   "list the cadres of each item (default yes)"})


class MemberGapShareOut(StrictSchema):
    """One commune or ward of a province: its active cadres and how many have at least one gap."""
    unit_id = fields.String()
    code = fields.String()
    name = fields.String()
    cadres = fields.Integer()
    cadres_with_gaps = fields.Integer()

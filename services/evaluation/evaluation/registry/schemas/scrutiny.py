"""HTTP contract of what people's scrutiny found about a cadre (the dossier's view)."""
from marshmallow import fields

from cadre_shared.schema_base import StrictSchema

from .cadres import CadreDossierOut


class ReportFactOut(StrictSchema):
    report_id = fields.String()
    substantiated = fields.Boolean()
    happened_on = fields.String(allow_none=True, metadata={"description": "ISO 8601"})
    received_on = fields.String(metadata={"description": "ISO 8601"})
    concluded_on = fields.String(metadata={"description": "ISO 8601"})


class VoteFactOut(StrictSchema):
    vote_id = fields.String()
    year = fields.Integer()
    ballots = fields.Integer()
    high = fields.Integer()
    medium = fields.Integer()
    low = fields.Integer()
    low_share = fields.Float(allow_none=True)
    outcome = fields.String(metadata={"description": "none | consider | replace"})
    closed_on = fields.String(metadata={"description": "ISO 8601"})


class ScrutinyOut(StrictSchema):
    cadre_id = fields.String()
    substantiated_reports = fields.Integer()
    reports = fields.List(fields.Nested(ReportFactOut))
    confidence_votes = fields.List(fields.Nested(VoteFactOut))


class CadreMovedOut(CadreDossierOut):
    """The dossier after a move, with what HR should weigh about it."""
    warnings = fields.List(fields.String(), metadata={"description": (
        "Cảnh báo khi bố trí vào vị trí lãnh đạo cán bộ có phản ánh được kết luận đúng / substantiated reports "
        "about a cadre moved into a leader's post")})

"""The satisfaction report of a period for a unit or the province (PRODUCT.md §6 exports), as XLSX
or a printable PDF."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from cadre_shared.auth import current_principal, requires
from cadre_shared.downloads import PDF, XLSX, file_responses, pdf_attachment, xlsx_attachment
from cadre_shared.schema_base import StrictSchema, period_code

from ..handlers.exports import satisfaction_report

blp = Blueprint("satisfaction_exports", __name__, url_prefix="/api/v1/exports",
                description="Xuất báo cáo chỉ số hài lòng / Satisfaction report exports")
READERS = ("province_admin", "auditor", "unit_hr")


class ExportQuery(StrictSchema):
    period = period_code(required=True)
    unit_id = fields.String(validate=validate.Length(min=1, max=64),
                            metadata={"description": "Một đơn vị (mặc định: cả tỉnh, theo xã) / one unit"})


@blp.route("/satisfaction.xlsx")
class SatisfactionXlsx(MethodView):
    @requires(*READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=file_responses(XLSX))
    def get(self, query):
        """Chỉ số hài lòng theo cán bộ (một đơn vị) hoặc theo xã (cả tỉnh), XLSX / The satisfaction report"""
        report, name = satisfaction_report(current_principal(), query)
        return xlsx_attachment(report, name)


@blp.route("/satisfaction.pdf")
class SatisfactionPdf(MethodView):
    @requires(*READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=file_responses(PDF))
    def get(self, query):
        """Chỉ số hài lòng, bản in (PDF, phông chữ nhúng có dấu tiếng Việt) / Printable PDF"""
        report, name = satisfaction_report(current_principal(), query)
        return pdf_attachment(report, name)

"""A unit's training compliance exported (PRODUCT.md §6): XLSX with formula-safe cells and a printable
PDF with an embedded font that has every Vietnamese letter."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires
from cadre_shared.downloads import PDF, XLSX, file_responses, pdf_attachment, xlsx_attachment

from ..handlers.exports import compliance_report
from ..schemas.standing import ExportQuery

blp = Blueprint("training_exports", __name__, url_prefix="/api/v1/exports",
                description="Xuất tình trạng bồi dưỡng (tiêu đề tiếng Việt) / Training compliance exports")
HR_READERS = ("province_admin", "unit_hr", "auditor")


@blp.route("/training-compliance.xlsx")
class ComplianceXlsx(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=file_responses(XLSX))
    def get(self, query):
        """Tình trạng bồi dưỡng của đơn vị (XLSX, ô an toàn: không chạy công thức) / The unit's training
        compliance as XLSX (formula-safe cells)"""
        report, name = compliance_report(current_principal(), query["unit_id"])
        return xlsx_attachment(report, name)


@blp.route("/training-compliance.pdf")
class CompliancePdf(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=file_responses(PDF))
    def get(self, query):
        """Tình trạng bồi dưỡng của đơn vị, bản in (PDF, phông chữ nhúng) / Printable PDF with an embedded font"""
        report, name = compliance_report(current_principal(), query["unit_id"])
        return pdf_attachment(report, name)

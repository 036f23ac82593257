"""A unit's training compliance exported (PRODUCT.md §6): XLSX with formula-safe cells and a printable
PDF with an embedded font that has every Vietnamese letter."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires
from cadre_shared.downloads import attachment
from cadre_shared.errors import ApiError
from cadre_shared.exports import FontMissing, to_pdf, to_xlsx

from ..handlers.exports import compliance_report
from ..schemas.standing import ExportQuery

blp = Blueprint("training_exports", __name__, url_prefix="/api/v1/exports",
                description="Xuất tình trạng bồi dưỡng (tiêu đề tiếng Việt) / Training compliance exports")
HR_READERS = ("province_admin", "unit_hr", "auditor")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _binary(content_type: str) -> dict:
    return {"200": {"description": "Tệp / the file", "content": {content_type: {"schema": {"type": "string",
                                                                                         "format": "binary"}}}}}


@blp.route("/training-compliance.xlsx")
class ComplianceXlsx(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=_binary(XLSX))
    def get(self, query):
        """Tình trạng bồi dưỡng của đơn vị (XLSX, ô an toàn: không chạy công thức) / The unit's training
        compliance as XLSX (formula-safe cells)"""
        report, name = compliance_report(current_principal(), query["unit_id"])
        return attachment(to_xlsx(report), XLSX, f"{name}.xlsx")


@blp.route("/training-compliance.pdf")
class CompliancePdf(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=_binary("application/pdf"))
    def get(self, query):
        """Tình trạng bồi dưỡng của đơn vị, bản in (PDF, phông chữ nhúng) / Printable PDF with an embedded font"""
        report, name = compliance_report(current_principal(), query["unit_id"])
        try:
            content = to_pdf(report)
        except FontMissing as exc:
            raise ApiError(503, f"Máy chủ thiếu phông chữ để in PDF / the server lacks the PDF font: {exc}",
                           code="font_missing") from None
        return attachment(content, "application/pdf", f"{name}.pdf")

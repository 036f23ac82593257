"""Exports for the minutes of a unit's meeting (PRODUCT.md §6): the unit's classification of a period
or of the year-end result as XLSX or a printable PDF."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires
from cadre_shared.downloads import attachment
from cadre_shared.errors import ApiError
from cadre_shared.exports import FontMissing, to_pdf, to_xlsx

from ...common.roles import READERS
from ..handlers.exports import classification_report
from ..handlers.scopes import period_code_scope, year_scope
from ..schemas.classification import ExportQuery

blp = Blueprint("exports", __name__, url_prefix="/api/v1/exports",
                description="Xuất báo cáo (tiêu đề tiếng Việt) / Exports with Vietnamese headers")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(query: dict):
    scope = period_code_scope(query["period"]) if query.get("period") else year_scope(query["year"])
    return classification_report(current_principal(), scope, query.get("unit_id"))


def _binary(content_type: str) -> dict:
    return {"200": {"description": "Tệp / the file", "content": {content_type: {"schema": {"type": "string",
                                                                                         "format": "binary"}}}}}


@blp.route("/classification.xlsx")
class ClassificationXlsx(MethodView):
    @requires(*READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=_binary(XLSX))
    def get(self, query):
        """Danh sách xếp loại của đơn vị (XLSX, ô an toàn: không chạy công thức), kèm phần ký / The unit's
        classification as XLSX (formula-safe cells), with the signature block"""
        report, name = _report(query)
        return attachment(to_xlsx(report), XLSX, f"{name}.xlsx")


@blp.route("/classification.pdf")
class ClassificationPdf(MethodView):
    @requires(*READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=_binary("application/pdf"))
    def get(self, query):
        """Danh sách xếp loại của đơn vị, bản in (PDF, phông chữ nhúng có dấu tiếng Việt) / Printable PDF"""
        report, name = _report(query)
        try:
            content = to_pdf(report)
        except FontMissing as exc:
            raise ApiError(503, f"Máy chủ thiếu phông chữ để in PDF / the server lacks the PDF font: {exc}",
                           code="font_missing") from None
        return attachment(content, "application/pdf", f"{name}.pdf")

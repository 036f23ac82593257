"""Exports for the minutes of a unit's meeting (PRODUCT.md §6): the unit's classification of a period
or of the year-end result as XLSX or a printable PDF."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires
from cadre_shared.downloads import PDF, XLSX, file_responses, pdf_attachment, xlsx_attachment

from ...common.roles import READERS
from ..handlers.exports import classification_report
from ..handlers.scopes import period_code_scope, year_scope
from ..schemas.classification import ExportQuery

blp = Blueprint("exports", __name__, url_prefix="/api/v1/exports",
                description="Xuất báo cáo (tiêu đề tiếng Việt) / Exports with Vietnamese headers")


def _report(query: dict):
    scope = period_code_scope(query["period"]) if query.get("period") else year_scope(query["year"])
    return classification_report(current_principal(), scope, query.get("unit_id"))


@blp.route("/classification.xlsx")
class ClassificationXlsx(MethodView):
    @requires(*READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=file_responses(XLSX))
    def get(self, query):
        """Danh sách xếp loại của đơn vị (XLSX, ô an toàn: không chạy công thức), kèm phần ký / The unit's
        classification as XLSX (formula-safe cells), with the signature block"""
        report, name = _report(query)
        return xlsx_attachment(report, name)


@blp.route("/classification.pdf")
class ClassificationPdf(MethodView):
    @requires(*READERS)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(responses=file_responses(PDF))
    def get(self, query):
        """Danh sách xếp loại của đơn vị, bản in (PDF, phông chữ nhúng có dấu tiếng Việt) / Printable PDF"""
        report, name = _report(query)
        return pdf_attachment(report, name)

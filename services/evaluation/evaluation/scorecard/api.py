"""Resolution targets scorecard (bảng theo dõi chỉ tiêu nghị quyết, PRODUCT §3.6), and its exports."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires
from cadre_shared.downloads import attachment
from cadre_shared.errors import ApiError
from cadre_shared.exports import FontMissing, to_pdf, to_xlsx

from ..common.roles import HR_READERS
from .exports import scorecard_report
from .handlers import unit_scorecards
from .schemas import ScorecardOut, ScorecardQuery

blp = Blueprint("scorecard", __name__, url_prefix="/api/v1/scorecard",
                description="Chỉ tiêu nghị quyết theo đơn vị và toàn tỉnh / Resolution targets per unit and province")
exports = Blueprint("scorecard_exports", __name__, url_prefix="/api/v1/exports",
                    description="Xuất bảng chỉ tiêu nghị quyết / Scorecard exports")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _binary(content_type: str) -> dict:
    return {"200": {"description": "Tệp / the file", "content": {content_type: {"schema": {"type": "string",
                                                                                         "format": "binary"}}}}}


@blp.route("")
class Scorecard(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(ScorecardQuery, location="query")
    @blp.response(200, ScorecardOut)
    def get(self, query):
        """Từng chỉ tiêu theo đơn vị và toàn tỉnh, bên cạnh mục tiêu (cán bộ đơn vị: đơn vị mình) /
        Each target per unit and for the province, with the target beside it"""
        return unit_scorecards(current_principal(), query)


@exports.route("/scorecard.xlsx")
class ScorecardXlsx(MethodView):
    @requires(*HR_READERS)
    @exports.arguments(ScorecardQuery, location="query")
    @exports.doc(responses=_binary(XLSX))
    def get(self, query):
        """Bảng chỉ tiêu nghị quyết (XLSX, ô an toàn: không chạy công thức) / The scorecard as XLSX"""
        report, name = scorecard_report(current_principal(), query)
        return attachment(to_xlsx(report), XLSX, f"{name}.xlsx")


@exports.route("/scorecard.pdf")
class ScorecardPdf(MethodView):
    @requires(*HR_READERS)
    @exports.arguments(ScorecardQuery, location="query")
    @exports.doc(responses=_binary("application/pdf"))
    def get(self, query):
        """Bảng chỉ tiêu nghị quyết, bản in (PDF, phông chữ nhúng có dấu tiếng Việt) / Printable PDF"""
        report, name = scorecard_report(current_principal(), query)
        try:
            content = to_pdf(report)
        except FontMissing as exc:
            raise ApiError(503, f"Máy chủ thiếu phông chữ để in PDF / the server lacks the PDF font: {exc}",
                           code="font_missing") from None
        return attachment(content, "application/pdf", f"{name}.pdf")

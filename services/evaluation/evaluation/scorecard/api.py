"""Resolution targets scorecard (bảng theo dõi chỉ tiêu nghị quyết, PRODUCT §3.6), and its exports."""
from __future__ import annotations

from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires
from cadre_shared.downloads import PDF, XLSX, file_responses, pdf_attachment, xlsx_attachment

from ..common.roles import HR_READERS
from .exports import scorecard_report
from .handlers import kept_scorecards
from .schemas import ScorecardOut, ScorecardQuery

blp = Blueprint("scorecard", __name__, url_prefix="/api/v1/scorecard",
                description="Chỉ tiêu nghị quyết theo đơn vị và toàn tỉnh / Resolution targets per unit and province")
exports = Blueprint("scorecard_exports", __name__, url_prefix="/api/v1/exports",
                    description="Xuất bảng chỉ tiêu nghị quyết / Scorecard exports")


@blp.route("")
class Scorecard(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(ScorecardQuery, location="query")
    @blp.response(200, ScorecardOut)
    def get(self, query):
        """Từng chỉ tiêu theo đơn vị và toàn tỉnh, bên cạnh mục tiêu (cán bộ đơn vị: đơn vị mình) /
        Each target per unit and for the province, with the target beside it"""
        body = kept_scorecards(current_principal(), query,
                               lambda card: current_app.json.dumps(ScorecardOut().dump(card)).encode())
        return Response(body, 200, mimetype="application/json")


@exports.route("/scorecard.xlsx")
class ScorecardXlsx(MethodView):
    @requires(*HR_READERS)
    @exports.arguments(ScorecardQuery, location="query")
    @exports.doc(responses=file_responses(XLSX))
    def get(self, query):
        """Bảng chỉ tiêu nghị quyết (XLSX, ô an toàn: không chạy công thức) / The scorecard as XLSX"""
        report, name = scorecard_report(current_principal(), query)
        return xlsx_attachment(report, name)


@exports.route("/scorecard.pdf")
class ScorecardPdf(MethodView):
    @requires(*HR_READERS)
    @exports.arguments(ScorecardQuery, location="query")
    @exports.doc(responses=file_responses(PDF))
    def get(self, query):
        """Bảng chỉ tiêu nghị quyết, bản in (PDF, phông chữ nhúng có dấu tiếng Việt) / Printable PDF"""
        report, name = scorecard_report(current_principal(), query)
        return pdf_attachment(report, name)

"""Cadres: the e-dossier, search and filters, moves, leaving, gap analysis."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import HR_READERS, MANAGERS, READERS
from ...common.schemas import PAGING_HEADERS, paging_headers
from ..handlers import cadre_reads, cadres
from ..handlers.scrutiny import appointment_warnings
from ..schemas.cadres import CadreDossierOut, CadreIn, CadreOut, CadrePatch, CadreQuery, LeaveIn, MoveIn
from ..schemas.gaps import CadreGapsOut, MemberGapShareOut, UnitGapsOut, UnitGapsQuery
from ..schemas.scrutiny import CadreMovedOut

blp = Blueprint("cadres", __name__, url_prefix="/api/v1",
                description="Hồ sơ điện tử cán bộ, khoảng trống năng lực / Cadre e-dossiers and gap analysis")


@blp.route("/cadres")
class Cadres(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(CadreIn)
    @blp.response(201, CadreDossierOut)
    def post(self, data):
        """Đăng ký cán bộ / Register a cadre (409 duplicate code, 422 invalid field)"""
        cadre = cadres.register_cadre(current_principal(), data)
        return cadre_reads.dossier(current_principal(), cadre.id)

    @requires(*READERS)
    @blp.arguments(CadreQuery, location="query")
    @blp.response(200, CadreOut(many=True), headers=PAGING_HEADERS)
    def get(self, query):
        """Tìm kiếm, lọc, phân trang (mảng JSON; tổng số ở tiêu đề X-Total-Count) /
        Search, filter, page (a JSON array; totals in the X-Total-Count and X-Page* headers)"""
        found, total = cadre_reads.list_cadres(current_principal(), query)
        return found, 200, paging_headers(total, query["page"], query["per_page"])


@blp.route("/cadres/<cadre_id>")
class CadreById(MethodView):
    @requires(*READERS)
    @blp.response(200, CadreDossierOut)
    def get(self, cadre_id):
        """Hồ sơ điện tử (trường nhạy cảm chỉ cho người có quyền) / The e-dossier (sensitive parts by role)"""
        return cadre_reads.dossier(current_principal(), cadre_id)

    @requires(*MANAGERS)
    @blp.arguments(CadrePatch)
    @blp.response(200, CadreDossierOut)
    def patch(self, data, cadre_id):
        """Sửa thông tin cá nhân, trình độ / Change personal and qualification fields"""
        cadres.change_personal(current_principal(), cadre_id, data)
        return cadre_reads.dossier(current_principal(), cadre_id)


@blp.route("/cadres/<cadre_id>/moves")
class CadreMoves(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(MoveIn)
    @blp.response(200, CadreMovedOut)
    def post(self, data, cadre_id):
        """Luân chuyển, điều động, bổ nhiệm (ghi quá trình công tác); cảnh báo khi bố trí vào vị trí lãnh đạo cán bộ
        có phản ánh được kết luận đúng / Move to a new unit or post; warns of substantiated reports for a leader post"""
        cadres.move(current_principal(), cadre_id, data)
        return {**cadre_reads.dossier(current_principal(), cadre_id),
                "warnings": appointment_warnings(cadre_id, data.get("position_id"))}


@blp.route("/cadres/<cadre_id>/leave")
class CadreLeave(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(LeaveIn)
    @blp.response(200, CadreDossierOut)
    def post(self, data, cadre_id):
        """Cán bộ thôi công tác / The cadre leaves"""
        cadres.leave(current_principal(), cadre_id, data)
        return cadre_reads.dossier(current_principal(), cadre_id)


@blp.route("/cadres/<cadre_id>/gaps")
class CadreGaps(MethodView):
    @requires(*READERS)
    @blp.response(200, CadreGapsOut)
    def get(self, cadre_id):
        """Khoảng trống năng lực so với tiêu chuẩn vị trí đang giữ / Unmet items of the position's standard"""
        return cadre_reads.cadre_gaps(current_principal(), cadre_id)


@blp.route("/units/<unit_id>/gaps")
class UnitGaps(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(UnitGapsQuery, location="query")
    @blp.response(200, UnitGapsOut)
    def get(self, query, unit_id):
        """Số cán bộ thiếu từng mục (tỉnh: cộng các xã, phường) / Cadres lacking each item (a province sums its units)"""
        return cadre_reads.unit_gaps(current_principal(), unit_id, query["ids"])


@blp.route("/units/<unit_id>/gaps/by-unit")
class MemberGapShares(MethodView):
    @requires(*HR_READERS)
    @blp.response(200, MemberGapShareOut(many=True))
    def get(self, unit_id):
        """Từng xã, phường của tỉnh: số cán bộ và số còn khoảng trống (đơn vị cấp xã: danh sách rỗng) /
        Each commune and ward of a province: its cadres and how many have a gap (a commune: empty)"""
        return cadre_reads.member_gap_shares(current_principal(), unit_id)

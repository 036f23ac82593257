"""Citizens' reports: filed and followed without sign-in; the inspection's queue (with the
reporter's contact details) and conclusions; the province's administrator reads without them."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..handlers import reports
from ..schemas.reports import (ConclusionIn, OfficialsQuery, PublicOfficialOut, PublicUnitOut, ReportFiled, ReportIn,
                               ReportOut, ReportQuery, ReportStatusOut)

blp = Blueprint("reports", __name__, url_prefix="/api/v1/reports",
                description="Phản ánh của người dân về cán bộ / Citizens' reports about officials")
READERS = ("inspector", "province_admin")
TOTAL = {"X-Total-Count": {"description": "Tổng số / total", "schema": {"type": "integer"}}}


@blp.route("")
class Reports(MethodView):
    @blp.arguments(ReportIn)
    @blp.response(201, ReportFiled)
    def post(self, data):
        """Không cần đăng nhập: gửi phản ánh, nhận mã theo dõi / no sign-in: file a report, get its reference"""
        report = reports.file_report(data)
        return {"reference": report.id, "status": report.status}

    @requires(*READERS)
    @blp.arguments(ReportQuery, location="query")
    @blp.response(200, ReportOut(many=True), headers=TOTAL)
    def get(self, query):
        """Hàng chờ của Ủy ban kiểm tra (kèm liên hệ người phản ánh); quản trị tỉnh xem không kèm liên hệ /
        the inspection's queue, with the reporter's contact; the province admin sees it without"""
        found, total = reports.list_reports(current_principal(), query)
        return found, 200, {"X-Total-Count": str(total)}


@blp.route("/units")
class PublicUnits(MethodView):
    @blp.response(200, PublicUnitOut(many=True))
    def get(self):
        """Không cần đăng nhập: xã, phường / no sign-in: communes and wards"""
        return reports.public_units()


@blp.route("/officials")
class PublicOfficials(MethodView):
    @blp.arguments(OfficialsQuery, location="query")
    @blp.response(200, PublicOfficialOut(many=True))
    def get(self, query):
        """Không cần đăng nhập: cán bộ đang công tác của một xã, phường / no sign-in: a unit's serving officials"""
        return reports.public_officials(query["unit_id"])


@blp.route("/status/<reference>")
class ReportStatus(MethodView):
    @blp.response(200, ReportStatusOut)
    def get(self, reference):
        """Không cần đăng nhập: tình trạng xử lý theo mã theo dõi / no sign-in: where a case stands"""
        return reports.follow(reference)


@blp.route("/<report_id>")
class ReportById(MethodView):
    @requires(*READERS)
    @blp.response(200, ReportOut)
    def get(self, report_id):
        return reports.find_report(current_principal(), report_id)


@blp.route("/<report_id>/conclusion")
class ReportConclusion(MethodView):
    @requires("inspector")
    @blp.arguments(ConclusionIn)
    @blp.response(200, ReportOut)
    def post(self, data, report_id):
        """Kết luận (một lần): đúng hay không, kèm ghi chú / conclude once: substantiated or not, with a note"""
        return reports.conclude(current_principal(), report_id, data["substantiated"], data["note"])

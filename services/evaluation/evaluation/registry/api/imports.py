"""Import of an existing cadre list from XLSX or CSV."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.roles import MANAGERS
from ..handlers.imports import import_cadres
from ..schemas.imports import ImportFile, ImportReportOut

blp = Blueprint("imports", __name__, url_prefix="/api/v1/imports",
                description="Nhập danh sách cán bộ từ XLSX/CSV / Import cadre lists")


@blp.route("/cadres")
class CadreImport(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(ImportFile, location="files")
    @blp.response(200, ImportReportOut)
    def post(self, files):
        """Nhập tệp (multipart, trường `file`): dòng hợp lệ được tạo/cập nhật theo mã cán bộ, dòng lỗi báo theo
        dòng và cột; nhập lại cùng tệp không thay đổi gì /
        Import (multipart field `file`): good rows created or updated by cadre code, bad rows reported by row and
        column; the same file again changes nothing"""
        upload = files["file"]
        return import_cadres(current_principal(), upload.filename or "", upload.read())

"""Course results uploaded by training schools (CSV or XLSX) and the report of each upload."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..handlers.upload_reports import recent_uploads, upload_report
from ..handlers.uploads import upload_results
from ..schemas.uploads import UploadFile, UploadOut, UploadQuery, UploadSummaryOut
from .roles import UPLOAD_READERS, UPLOADERS

blp = Blueprint("uploads", __name__, url_prefix="/api/v1/training/uploads",
                description="Tải lên kết quả bồi dưỡng / Course result uploads")


@blp.route("")
class Uploads(MethodView):
    @requires(*UPLOAD_READERS)
    @blp.arguments(UploadQuery, location="query")
    @blp.response(200, UploadSummaryOut(many=True))
    def get(self, query):
        """Các lần tải lên, mới nhất trước / uploads, newest first"""
        return recent_uploads(current_principal(), query["limit"])

    @requires(*UPLOADERS)
    @blp.arguments(UploadFile, location="files")
    @blp.response(201, UploadOut)
    @blp.alt_response(202, schema=UploadOut, description="Tệp lớn: đã lưu, đang chờ xử lý (Location: trạng thái) / "
                                                          "a large file stored and queued (Location: its status)")
    def post(self, files):
        """Tải tệp CSV/XLSX (trường `file`; cột: Mã cán bộ, Họ và tên, Mã khóa học, Khóa/Lớp, Ngày hoàn thành,
        Kết quả, Số giờ, Chứng chỉ hết hạn): dòng hợp lệ được ghi, dòng lỗi báo theo dòng và cột; tải lại cùng tệp
        không thay đổi gì /
        Upload CSV/XLSX (multipart field `file`): good rows recorded, bad rows reported by row and column;
        the same file again changes nothing. Tệp lớn hơn TRAINING_UPLOAD_SYNC_ROWS dòng: 202, xử lý như một công việc,
        theo dõi tại Location / a larger file: 202, processed as a job whose progress and report are at Location"""
        upload = files["file"]
        batch, done = upload_results(current_principal(), upload.filename or "", upload.read())
        if done:
            return batch
        return batch, 202, {"Location": url_for("uploads.UploadById", batch_id=batch.id)}


@blp.route("/<batch_id>")
class UploadById(MethodView):
    @requires(*UPLOAD_READERS)
    @blp.response(200, UploadOut)
    def get(self, batch_id):
        return upload_report(current_principal(), batch_id)

"""Output tasks (sản phẩm) of cadres in a period."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires
from cadre_shared.downloads import attachment

from ...common.roles import MANAGERS, READERS
from ...common.schemas import PAGING_HEADERS, paging_headers
from ..handlers import evidence, task_batches, tasks
from ..schemas.tasks import (EvidenceFileOut, EvidenceUpload, OutputTaskIn, OutputTaskOut, OutputTaskPatch,
                             OutputTaskQuery, TaskBatchIn, TaskBatchOut)

blp = Blueprint("tasks", __name__, url_prefix="/api/v1/tasks",
                description="Sản phẩm, nhiệm vụ được giao trong kỳ / Output tasks of a period")


@blp.route("")
class Tasks(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(OutputTaskIn)
    @blp.response(201, OutputTaskOut)
    def post(self, data):
        """Giao sản phẩm cho cán bộ (kỳ đã khóa: 409) / Assign a task (closed period: 409)"""
        return tasks.create_task(current_principal(), data)

    @requires(*READERS)
    @blp.arguments(OutputTaskQuery, location="query")
    @blp.response(200, OutputTaskOut(many=True), headers=PAGING_HEADERS)
    def get(self, query):
        """Sản phẩm theo cán bộ, kỳ (cán bộ: của mình; đơn vị: của đơn vị) / Tasks by cadre and period"""
        found, total = tasks.list_tasks(current_principal(), query)
        return found, 200, paging_headers(total, query["page"], query["per_page"])


@blp.route("/batch")
class TaskBatch(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(TaskBatchIn)
    @blp.response(200, TaskBatchOut)
    def post(self, data):
        """Giao và ghi nhận kết quả nhiều sản phẩm một lần (tối đa 1.000, như khi nhập từ hệ thống quản lý văn bản);
        mỗi sản phẩm có `key` riêng trong kỳ của cán bộ, gửi lại thì thay thế; kỳ đã khóa: 409; một dòng sai: 422,
        không ghi dòng nào / Assign tasks with their outcome in one request (up to 1,000); each task's `key` names it
        in the cadre's period, so sending again replaces; one bad row: 422 and nothing written"""
        return task_batches.record_batch(current_principal(), data)


@blp.route("/<task_id>")
class TaskById(MethodView):
    @requires(*READERS)
    @blp.response(200, OutputTaskOut)
    def get(self, task_id):
        """Một sản phẩm / One task"""
        return tasks.visible_task(current_principal(), task_id)

    @requires("province_admin", "unit_hr", "cadre")
    @blp.arguments(OutputTaskPatch)
    @blp.response(200, OutputTaskOut)
    def patch(self, data, task_id):
        """Ghi nhận hoàn thành, lỗi chất lượng, chậm tiến độ, miễn trừ khách quan, minh chứng (cán bộ: chỉ
        minh chứng; kỳ đã khóa: 409) / Record completion, failures, delays, exemptions, evidence"""
        return tasks.change_task(current_principal(), task_id, data)


@blp.route("/<task_id>/evidence")
class TaskEvidence(MethodView):
    @requires("province_admin", "unit_hr", "cadre")
    @blp.arguments(EvidenceUpload, location="files")
    @blp.response(201, EvidenceFileOut)
    def post(self, files, task_id):
        """Tải lên tệp minh chứng (multipart, trường `file`): PDF, JPEG, PNG, DOCX, XLSX, ODT, tối đa 10 MB, kiểm
        tra theo nội dung (đuôi tệp phải khớp); tối đa 10 tệp mỗi nhiệm vụ; kỳ đã khóa: 409 / Upload an evidence
        file (multipart `file`), checked by content, 10 MB at most"""
        upload = files["file"]
        return evidence.upload(current_principal(), task_id, upload.filename or "", upload.read())


@blp.route("/<task_id>/evidence/<file_id>")
class TaskEvidenceFile(MethodView):
    @requires(*READERS)
    @blp.doc(responses={"200": {"description": "Tệp minh chứng / the file", "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
    def get(self, task_id, file_id):
        """Tải về tệp minh chứng (ai xem được nhiệm vụ thì tải được) / Download an evidence file"""
        found = evidence.download(current_principal(), task_id, file_id)
        return attachment(found.content(), found.content_type, found.name, found.size)

    @requires("province_admin", "unit_hr")
    @blp.response(204)
    def delete(self, task_id, file_id):
        """Gỡ tệp minh chứng (kỳ đã khóa: 409) / Remove an evidence file"""
        evidence.remove(current_principal(), task_id, file_id)

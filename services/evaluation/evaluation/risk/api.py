"""Early warning (cảnh báo sớm, PRODUCT §3.5): the model, assessments, flags and HR's actions."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..common.roles import HR_READERS, MANAGERS, PROVINCE
from .handlers import assessment, assessments, fairness_audit, flags, model_training
from .schemas import (AssessIn, AssessOut, FairnessOut, FairnessQuery, FeedbackIn, FeedbackOut, FlagOut, FlagQuery,
                      InterventionIn, ModelOut, OutcomeIn, RiskAssessmentQuery, RiskAssessmentsOut)

blp = Blueprint("risk", __name__, url_prefix="/api/v1/risk",
                description="Cảnh báo sớm nguy cơ không đạt chuẩn / Early warning of not meeting standards")


@blp.route("/model")
class Model(MethodView):
    @requires(*PROVINCE, "auditor")
    @blp.response(200, ModelOut)
    def get(self):
        """Mô hình hiện hành và chỉ số đánh giá (chưa huấn luyện: trained = false) / The current model and its metrics"""
        return model_training.latest_model()


@blp.route("/model/train")
class Train(MethodView):
    @requires(*PROVINCE)
    @blp.response(201, ModelOut)
    def post(self):
        """Huấn luyện phiên bản ứng viên trên lịch sử đã lưu, so với phiên bản đang dùng (lịch sử chưa đủ: 409) /
        Train a candidate on the stored history, compared with the active version (too little history: 409)"""
        return model_training.train_model(current_principal())


@blp.route("/models")
class Models(MethodView):
    @requires(*PROVINCE, "auditor")
    @blp.response(200, ModelOut(many=True))
    def get(self):
        """Mọi phiên bản mô hình đã lưu và chỉ số ngoài mẫu, mới nhất trước / Every stored version, newest first"""
        return model_training.versions()


@blp.route("/models/<int:version>/activate")
class Activate(MethodView):
    @requires(*PROVINCE)
    @blp.response(200, ModelOut)
    def post(self, version):
        """Dùng phiên bản này để đánh giá (sau khi so sánh) / Make this version the one assessments use"""
        return model_training.choose(current_principal(), version)


@blp.route("/assess")
class Assess(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(AssessIn)
    @blp.response(200, AssessOut)
    def post(self, data):
        """Chạy quy tắc và mô hình cho toàn tỉnh hoặc một đơn vị, bật/cập nhật cảnh báo /
        Run rules and model over all cadres or one unit, raising or updating flags"""
        return assessment.assess(current_principal(), data.get("unit_id"))


@blp.route("/assessments")
class Assessments(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(RiskAssessmentQuery, location="query")
    @blp.response(200, RiskAssessmentsOut)
    def get(self, query):
        """Đánh giá gần nhất của mọi cán bộ đang công tác, có cảnh báo hay không, nguy cơ cao trước /
        The latest assessment of every active cadre in scope, flagged or not, highest risk first"""
        return assessments.listed(current_principal(), query.get("unit_id"))


@blp.route("/flags")
class Flags(MethodView):
    @requires(*HR_READERS)
    @blp.arguments(FlagQuery, location="query")
    @blp.response(200, FlagOut(many=True))
    def get(self, query):
        """Danh sách cảnh báo (đỏ trước; mặc định chưa đóng) / Flags, red first (default: not closed)"""
        return flags.list_flags(current_principal(), query)


@blp.route("/flags/<flag_id>")
class FlagById(MethodView):
    @requires(*HR_READERS)
    @blp.response(200, FlagOut)
    def get(self, flag_id):
        """Một cảnh báo: xác suất, đèn, ba yếu tố ảnh hưởng nhiều nhất / One flag with its three factors"""
        return flags.get_flag(current_principal(), flag_id)


@blp.route("/flags/<flag_id>/acknowledge")
class Acknowledge(MethodView):
    @requires(*MANAGERS)
    @blp.response(200, FlagOut)
    def post(self, flag_id):
        """Xác nhận đã xem cảnh báo / Acknowledge a flag"""
        return flags.acknowledge(current_principal(), flag_id)


@blp.route("/flags/<flag_id>/interventions")
class Interventions(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(InterventionIn)
    @blp.response(201, FlagOut)
    def post(self, data, flag_id):
        """Giao biện pháp: đào tạo, kèm cặp (cán bộ hướng dẫn), luân chuyển, theo dõi sát /
        Assign an intervention: training, mentoring (mentor cadre), rotation, closer review"""
        return flags.add_intervention(current_principal(), flag_id, data)


@blp.route("/flags/<flag_id>/interventions/<intervention_id>/outcome")
class Outcome(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(OutcomeIn)
    @blp.response(200, FlagOut)
    def post(self, data, flag_id, intervention_id):
        """Ghi kết quả của biện pháp (có thể đóng cảnh báo) / Record an intervention's outcome (may close the flag)"""
        return flags.record_outcome(current_principal(), flag_id, intervention_id, data)


@blp.route("/flags/<flag_id>/feedback")
class Feedback(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(FeedbackIn)
    @blp.response(201, FeedbackOut)
    def post(self, data, flag_id):
        """Phản hồi "không hữu ích", lưu cho lần huấn luyện sau / "Not useful", kept for the next training run"""
        return flags.not_useful(current_principal(), flag_id, data)


@blp.route("/fairness")
class Fairness(MethodView):
    @requires(*PROVINCE, "auditor")
    @blp.arguments(FairnessQuery, location="query")
    @blp.response(200, FairnessOut)
    def get(self, query):
        """Kiểm tra công bằng: tỷ lệ cảnh báo, xác suất bình quân theo giới tính, dân tộc, người địa phương, địa bàn,
        nhóm tuổi; tỷ lệ phát hiện đúng / báo nhầm ngoài mẫu mỗi nhóm / Fairness audit by gender, ethnicity, local
        flag, area and age band, with held-out true- and false-positive rates per group (never model inputs)"""
        return fairness_audit.fairness(current_principal(), query.get("unit_id"))

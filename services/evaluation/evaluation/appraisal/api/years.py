"""The year-end close and result (PRODUCT.md §3.2, §6): closing the year as a job, each cadre's
year-end result, and the year's classification per unit — the period's own flow (proposal, quota
decisions, approval, publication) for the scope of a year."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import ValidationError

from cadre_shared.auth import current_principal, requires
from cadre_shared.errors import ApiError

from ...common.roles import HR_READERS, MANAGERS, PROVINCE, READERS
from ..handlers import classification, comparison, year_close, year_overview, year_results
from ..handlers.scopes import year_scope
from ..schemas.classification import (ApproveIn, ClassificationGroupOut, ClassificationOut, ClassificationQuery,
                                      DecisionIn)
from ..schemas.years import (CloseYearIn, ComparisonOut, ComparisonQuery, YEAR, YearOut, YearQuery, YearResultOut,
                             YearUnitOut)

blp = Blueprint("years", __name__, url_prefix="/api/v1",
                description="Kết quả, xếp loại cuối năm / Year-end result and classification")


def _year(year: int) -> int:
    try:
        YEAR(year)
    except ValidationError:
        raise ApiError(422, fields={"year": ["Năm từ 2000 đến 2100 / a year 2000–2100"]}) from None
    return year


@blp.route("/years/<int:year>")
class Year(MethodView):
    @requires(*READERS)
    @blp.response(200, YearOut)
    def get(self, year):
        """Năm đánh giá: trạng thái khóa năm, việc chạy nền, các quý đã khóa / The year: its close, job, quarters"""
        return year_close.year_view(_year(year))


@blp.route("/years/<int:year>/close")
class CloseYear(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(CloseYearIn)
    @blp.response(202, YearOut)
    def post(self, data, year):
        """Khóa năm (việc chạy nền, trước 15/12): kết quả cuối năm của mỗi cán bộ là bình quân không làm tròn điểm các
        quý đã công tác (kể cả ở đơn vị trước khi luân chuyển; tháng gộp thành quý), xếp loại như kỳ (ngưỡng, trường
        hợp buộc Không hoàn thành), đề xuất từng đơn vị với giới hạn xuất sắc theo nhóm nhiệm vụ, phân vị cùng mã vị
        trí toàn tỉnh. Còn quý chưa khóa: 409, trừ khi `confirm_open_quarters`; năm đã khóa: 409. Hỏi lại
        `GET /years/{year}` đến khi `job.status` là `done` / Close the year as a job: each cadre's unrounded mean of
        the quarters worked (previous units included), classified like a period, proposed per unit with the quota;
        409 while a quarter is not closed unless `confirm_open_quarters`"""
        return year_close.request_close_year(current_principal(), _year(year), data["confirm_open_quarters"])


@blp.route("/years/<int:year>/units")
class YearUnits(MethodView):
    @requires(*HR_READERS)
    @blp.response(200, YearUnitOut(many=True))
    def get(self, year):
        """Trang năm: mỗi đơn vị với số cán bộ theo xếp loại, giới hạn xuất sắc theo nhóm, trạng thái phê duyệt /
        Per unit: counts per final level, quota per task group, approval"""
        return year_overview.year_units(current_principal(), _year(year))


@blp.route("/years/<int:year>/classification")
class YearClassification(MethodView):
    @requires(*READERS)
    @blp.arguments(ClassificationQuery, location="query")
    @blp.response(200, ClassificationOut)
    def get(self, query, year):
        """Đề xuất xếp loại cuối năm của đơn vị (như của kỳ; `period` là mã năm) / The unit's year-end classification
        (as a period's; `period` holds the year's code)"""
        return classification.read_classification(current_principal(), year_scope(_year(year)), query.get("unit_id"))


@blp.route("/years/<int:year>/classification/decisions")
class YearDecisions(MethodView):
    @requires(*MANAGERS)
    @blp.arguments(DecisionIn)
    @blp.response(200, ClassificationGroupOut)
    def post(self, data, year):
        """Quyết định ai giữ xuất sắc cuối năm trong một nhóm nhiệm vụ (như của kỳ) / Who stays excellent"""
        return classification.decide(current_principal(), year_scope(_year(year)), data)


@blp.route("/years/<int:year>/classification/approve")
class YearApprove(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(ApproveIn)
    @blp.response(200, ClassificationOut)
    def post(self, data, year):
        """Phê duyệt, công bố xếp loại cuối năm của đơn vị; 409 khi còn vi phạm chưa quyết định / Approve and publish"""
        return classification.approve(current_principal(), year_scope(_year(year)), data["unit_id"])


@blp.route("/cadres/<cadre_id>/year-result")
class CadreYearResult(MethodView):
    @requires(*READERS)
    @blp.arguments(YearQuery, location="query")
    @blp.response(200, YearResultOut)
    def get(self, query, cadre_id):
        """Kết quả cuối năm: các kỳ đã dùng với đơn vị (kể cả đơn vị trước), bình quân, xếp loại, phân vị; tạm tính khi
        năm chưa khóa / The year-end result: periods used with their unit, mean, level, percentile"""
        return year_results.cadre_year_result(current_principal(), cadre_id, query["year"])


@blp.route("/cadres/<cadre_id>/comparison")
class CadreComparison(MethodView):
    @requires(*READERS)
    @blp.arguments(ComparisonQuery, location="query")
    @blp.response(200, ComparisonOut)
    def get(self, query, cadre_id):
        """So sánh với mọi cán bộ cùng mã vị trí toàn tỉnh trong một kỳ (`period`) hoặc một năm đã khóa (`year`): điểm,
        phân vị và điểm của từng người (không kèm tên) để vẽ phân bố; 404 khi cán bộ chưa có điểm đã chốt ở đó /
        The cadre beside every holder of the same position code province-wide in a closed period or year: total,
        percentile and every total (no names), for the distribution chart"""
        return comparison.cadre_comparison(current_principal(), cadre_id, query["period"], query["year"])

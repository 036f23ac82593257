"""The course catalogue (danh mục khóa bồi dưỡng)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from mongoengine.errors import NotUniqueError

from cadre_shared.auth import requires
from cadre_shared.errors import ApiError

from ..models import Course
from ..schemas.catalogue import CourseFields, CourseIn, CourseOut, CourseQuery
from .roles import ADMIN, CATALOGUE_READERS

blp = Blueprint("courses", __name__, url_prefix="/api/v1/courses",
                description="Danh mục khóa bồi dưỡng / Course catalogue")
NOT_FOUND = "Không tìm thấy khóa học / Course not found"


@blp.route("")
class Courses(MethodView):
    @requires(*CATALOGUE_READERS)
    @blp.arguments(CourseQuery, location="query")
    @blp.response(200, CourseOut(many=True))
    def get(self, query):
        """Các khóa học, theo mã / courses by code"""
        return list(Course.objects(**query).order_by("id"))

    @requires(ADMIN)
    @blp.arguments(CourseIn)
    @blp.response(201, CourseOut)
    def post(self, data):
        course = Course(id=data.pop("code"), **data)
        try:
            course.save(force_insert=True)
        except NotUniqueError:
            raise ApiError(409, fields={"code": ["Mã khóa học đã có / course code already exists"]}) from None
        return course


@blp.route("/<code>")
class CourseByCode(MethodView):
    @requires(*CATALOGUE_READERS)
    @blp.response(200, CourseOut)
    def get(self, code):
        return Course.objects(id=code).first() or _missing()

    @requires(ADMIN)
    @blp.arguments(CourseFields)
    @blp.response(200, CourseOut)
    def put(self, data, code):
        """Sửa khóa học; kết quả đã ghi giữ nhóm nội dung lúc ghi / edit; stored results keep their category"""
        if not Course.objects(id=code).update_one(**{f"set__{k}": v for k, v in data.items()}):
            _missing()
        return Course.objects(id=code).first()


def _missing():
    raise ApiError(404, NOT_FOUND)

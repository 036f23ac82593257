"""The course catalogue (danh mục khóa bồi dưỡng)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import requires

from ..handlers.catalogue import add_course, change_course, course, list_courses
from ..schemas.catalogue import CourseFields, CourseIn, CourseOut, CourseQuery
from .roles import ADMIN, CATALOGUE_READERS

blp = Blueprint("courses", __name__, url_prefix="/api/v1/courses",
                description="Danh mục khóa bồi dưỡng / Course catalogue")


@blp.route("")
class Courses(MethodView):
    @requires(*CATALOGUE_READERS)
    @blp.arguments(CourseQuery, location="query")
    @blp.response(200, CourseOut(many=True))
    def get(self, query):
        """Các khóa học, theo mã / courses by code"""
        return list_courses(query.get("category"))

    @requires(ADMIN)
    @blp.arguments(CourseIn)
    @blp.response(201, CourseOut)
    def post(self, data):
        return add_course(data)


@blp.route("/<code>")
class CourseByCode(MethodView):
    @requires(*CATALOGUE_READERS)
    @blp.response(200, CourseOut)
    def get(self, code):
        return course(code)

    @requires(ADMIN)
    @blp.arguments(CourseFields)
    @blp.response(200, CourseOut)
    def put(self, data, code):
        """Sửa khóa học; kết quả đã ghi giữ nhóm nội dung lúc ghi / edit; stored results keep their category"""
        return change_course(code, data)

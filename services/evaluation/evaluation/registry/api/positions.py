"""Positions (vị trí việc làm) with their standards, versioned."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.kept_json import kept_list
from ...common.roles import PROVINCE, READERS
from ...common.schemas import TOTAL_HEADER
from ..handlers.positions import (change_position, create_position, find_position, list_positions, position_version,
                                  positions_kept)
from ..models import Position
from ..schemas.positions import PositionIn, PositionOut, PositionPatch, PositionQuery, PositionVersionOut

blp = Blueprint("positions", __name__, url_prefix="/api/v1/positions",
                description="Vị trí việc làm và tiêu chuẩn (có phiên bản) / Positions and standards, versioned")


@blp.route("")
class Positions(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(PositionIn)
    @blp.response(201, PositionOut)
    def post(self, data):
        """Tạo vị trí việc làm (phiên bản 1) / Create a position (version 1)"""
        return create_position(data, current_principal().username)

    @requires(*READERS)
    @blp.arguments(PositionQuery, location="query")
    @blp.response(200, PositionOut(many=True), headers=TOTAL_HEADER)
    def get(self, query):
        """Danh mục vị trí việc làm (phiên bản hiện hành) / The position catalogue (current versions)"""
        return kept_list(positions_kept, Position._get_db(), ("list", tuple(sorted(query.items()))),
                         lambda: list_positions(query), PositionOut(many=True))


@blp.route("/<position_id>")
class PositionById(MethodView):
    @requires(*READERS)
    @blp.response(200, PositionOut)
    def get(self, position_id):
        """Một vị trí việc làm (phiên bản hiện hành) / One position, current version"""
        return find_position(position_id)

    @requires(*PROVINCE)
    @blp.arguments(PositionPatch)
    @blp.response(200, PositionOut)
    def patch(self, data, position_id):
        """Sửa vị trí hoặc tiêu chuẩn: tạo phiên bản mới nếu có thay đổi / Change: a new version when anything differs"""
        return change_position(position_id, data, current_principal().username)


@blp.route("/<position_id>/versions")
class PositionVersions(MethodView):
    @requires(*READERS)
    @blp.response(200, PositionVersionOut(many=True))
    def get(self, position_id):
        """Mọi phiên bản, cũ nhất trước / Every version, oldest first"""
        return list(find_position(position_id).versions)


@blp.route("/<position_id>/versions/<int:version>")
class PositionVersion(MethodView):
    @requires(*READERS)
    @blp.response(200, PositionVersionOut)
    def get(self, position_id, version):
        """Một phiên bản (như hồ sơ cũ đã dùng) / One version, as an older record used it"""
        return position_version(position_id, version)

"""API keys of the training school's own system: created and revoked by a province administrator."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from ..audit.hook import note
from ..auth.guard import authenticated, signed_in
from ..handlers import api_keys
from ..schemas.api_keys import ApiKeyCreated, ApiKeyIn, ApiKeyOut

blp = Blueprint("api_keys", __name__, url_prefix="/api/v1/api-keys",
                description="Khóa API cho hệ thống của trường đào tạo (chỉ để tải lên kết quả) / "
                            "API keys for the training school's system (uploads only)")


@blp.route("")
class ApiKeys(MethodView):
    @signed_in("province_admin")
    @blp.response(200, ApiKeyOut(many=True))
    def get(self):
        """Các khóa, mới nhất trước (không bao giờ có khóa) / keys, newest first (never the secret)"""
        return api_keys.listed()

    @signed_in("province_admin")
    @blp.arguments(ApiKeyIn)
    @blp.response(201, ApiKeyCreated)
    def post(self, data):
        """Tạo khóa (chỉ hiển thị một lần; dùng `Authorization: Bearer <khóa>` hoặc `X-Api-Key`) /
        Create a key (shown once; send it as `Authorization: Bearer <key>` or `X-Api-Key`)"""
        key, secret = api_keys.create(authenticated(), data["name"])
        note(action="api_keys.create", target=f"api-keys/{key.id}", detail={"name": key.name})
        return {**key.to_mongo().to_dict(), "id": key.id, "active": True, "key": secret}


@blp.route("/<key_id>/revoke")
class ApiKeyRevoke(MethodView):
    @signed_in("province_admin")
    @blp.response(200, ApiKeyOut)
    def post(self, key_id):
        """Thu hồi khóa: không dùng được nữa / revoke a key"""
        key = api_keys.revoke(authenticated(), key_id)
        note(action="api_keys.revoke", target=f"api-keys/{key.id}", detail={"name": key.name})
        return key

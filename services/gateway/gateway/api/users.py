"""User accounts (province administrators only)."""
from __future__ import annotations

from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from ..audit.hook import note
from ..auth.guard import authenticated, signed_in
from ..handlers import users
from ..routing.upstream import lookup_as_caller
from ..schemas.users import UserIn, UserOut, UserPatch, UserQuery

blp = Blueprint("users", __name__, url_prefix="/api/v1/users", description="Tài khoản người dùng / User accounts")


@blp.route("")
class Users(MethodView):
    @signed_in("province_admin")
    @blp.arguments(UserIn)
    @blp.response(201, UserOut)
    def post(self, data):
        """Tạo tài khoản / Create an account"""
        user = users.create_user(data, authenticated().user_id, lookup_as_caller)
        note(action="users.create", target=f"users/{user.id}",
             detail={"username": user.username, "role": user.role, "unit_id": user.unit_id})
        return user

    @signed_in("province_admin")
    @blp.arguments(UserQuery, location="query", unknown=RAISE)
    @blp.response(200, UserOut(many=True))
    def get(self, query):
        """Danh sách tài khoản / List accounts"""
        start = (query["page"] - 1) * query["per_page"]
        return list(users.list_users(query).skip(start).limit(query["per_page"]))


@blp.route("/<user_id>")
class UserById(MethodView):
    @signed_in("province_admin")
    @blp.response(200, UserOut)
    def get(self, user_id):
        """Một tài khoản / One account"""
        return users.find_user(user_id)

    @signed_in("province_admin")
    @blp.arguments(UserPatch)
    @blp.response(200, UserOut)
    def patch(self, data, user_id):
        """Khóa/mở, đặt lại mật khẩu hoặc OTP, đổi đơn vị / Disable, reset password or OTP, move unit"""
        user = users.update_user(user_id, data, g.principal.user_id, lookup_as_caller)
        note(action="users.update", target=f"users/{user.id}",
             detail={"changed": ",".join(sorted(k for k in data if k != "password") +
                                         (["password"] if "password" in data else []))})
        return user

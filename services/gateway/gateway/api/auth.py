"""Sign-in: username + password (+ TOTP where required) → a signed access token."""
from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint

from cadre_shared.errors import ApiError

from ..domain.passwords import verify_password
from ..domain.tokens import ACCESS_TTL_SECONDS, issue_access_token
from ..models.identity import User
from ..schemas.auth import TokenRequest, TokenResponse

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Đăng nhập / Sign-in")


def private_key() -> str:
    key = current_app.config.get("JWT_PRIVATE_KEY")
    if not key:
        with open(current_app.config["JWT_PRIVATE_KEY_FILE"]) as fh:
            key = current_app.config["JWT_PRIVATE_KEY"] = fh.read()
    return key


def token_for(user: User) -> str:
    cfg = current_app.config
    return issue_access_token(private_key(), subject=user.id, username=user.username, role=user.role,
                              audience=cfg["JWT_AUDIENCE"], issuer=cfg["JWT_ISSUER"], unit_id=user.unit_id,
                              cadre_id=user.cadre_id)


@blp.post("/token")
@blp.arguments(TokenRequest)
@blp.response(200, TokenResponse)
def issue_token(data):
    user = User.objects(username=data["username"], active=True).first()
    if user is None or not verify_password(user.password_hash, data["password"]):
        raise ApiError(401, "Sai tên đăng nhập hoặc mật khẩu / Wrong username or password", code="invalid_credentials")
    return {"access_token": token_for(user), "token_type": "Bearer", "expires_in": ACCESS_TTL_SECONDS}

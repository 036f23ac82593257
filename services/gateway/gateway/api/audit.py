"""The audit trail, for auditors and province administrators."""
from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import RAISE

from ..auth.guard import signed_in
from ..handlers import audit_trail, audit_verification
from ..schemas.audit import AuditQuery, AuditRecordOut, VerificationOut

blp = Blueprint("audit", __name__, url_prefix="/api/v1/audit", description="Nhật ký kiểm toán / Audit trail")
READERS = ("auditor", "province_admin")


@blp.get("")
@signed_in(*READERS)
@blp.arguments(AuditQuery, location="query", unknown=RAISE)
@blp.response(200, AuditRecordOut(many=True))
def list_records(query):
    """Nhật ký, mới nhất trước / The trail, newest first (ai, khi nào, làm gì, với đối tượng nào, kết quả)"""
    start = (query["page"] - 1) * query["per_page"]
    return [r.as_dict() for r in audit_trail.query(query).skip(start).limit(query["per_page"])]


@blp.get("/verification")
@signed_in(*READERS)
@blp.response(200, VerificationOut)
def verification():
    """Kết quả kiểm tra toàn vẹn chuỗi băm gần nhất / The latest verification of the hash chain
    (made in the background every few minutes; ``pending`` while a requested check runs)"""
    return latest_verification()


@blp.post("/verification")
@signed_in(*READERS)
@blp.response(202, VerificationOut)
def request_verification():
    """Yêu cầu kiểm tra lại ngay / Ask for a fresh check; GET shows it once done"""
    current_app.extensions["c360_audit_verifier"].request_run()
    return latest_verification()


def latest_verification() -> dict:
    result = audit_verification.latest()
    asked = audit_verification.requested_at()
    if result is None:
        return {"intact": None, "checked": 0, "last_seq": 0, "problems": [], "verified_at": None, "pending": True}
    pending = asked is not None and asked.replace(tzinfo=None) > result["started_at"].replace(tzinfo=None)
    return {**result, "pending": pending}

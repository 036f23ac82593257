"""The audit trail, for auditors and province administrators."""
from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import RAISE

from ..auth.guard import signed_in
from ..handlers import audit_trail
from ..auth.keys import audit_key
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
    """Kiểm tra toàn vẹn chuỗi băm / Verify the hash chain"""
    checked, problems, last_seq = audit_trail.verify(audit_key(current_app.config))
    return {"intact": not problems, "checked": checked, "last_seq": last_seq,
            "problems": [{"seq": p.seq, "kind": p.kind, "message": p.message} for p in problems]}

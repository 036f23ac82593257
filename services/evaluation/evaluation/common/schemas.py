"""Shared pieces of the evaluation service's HTTP contracts: codes, ids, paging, text fields."""
from __future__ import annotations

from marshmallow import fields, validate

from cadre_shared.schema_base import StrictSchema

CODE = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
                       error="Mã chỉ gồm chữ, số, '.', '_', '-' (tối đa 40 ký tự) / letters, digits, . _ - (max 40)")
ID = validate.Length(min=1, max=64)

# Lists are JSON arrays; the paging metadata travels in these headers (forwarded by the gateway).
PAGING_HEADERS = {
    "X-Total-Count": {"description": "Tổng số bản ghi khớp bộ lọc / total matching records",
                      "schema": {"type": "integer"}},
    "X-Page": {"description": "Trang hiện tại (từ 1) / current page", "schema": {"type": "integer"}},
    "X-Per-Page": {"description": "Số bản ghi mỗi trang / page size", "schema": {"type": "integer"}},
    "X-Total-Pages": {"description": "Số trang / number of pages", "schema": {"type": "integer"}},
}
TOTAL_HEADER = {"X-Total-Count": PAGING_HEADERS["X-Total-Count"]}


def text(max_len: int, required: bool = True, min_len: int = 1, **kwargs):
    """A string field; ``required=False`` means optional and nullable (absent → None)."""
    if not required:
        kwargs.setdefault("load_default", None)
        kwargs.setdefault("allow_none", True)
    return fields.String(required=required, validate=validate.Length(min=min_len, max=max_len), **kwargs)


def patch_text(max_len: int, nullable: bool = False, **kwargs):
    """A string a PATCH may carry (absent: unchanged)."""
    return fields.String(validate=validate.Length(min=1, max=max_len), allow_none=nullable, **kwargs)


def one_of(choices, required: bool = False, **kwargs):
    if not required:
        kwargs.setdefault("allow_none", True)
    return fields.String(required=required, validate=validate.OneOf(list(choices)), **kwargs)


class PageQuery(StrictSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


def paging_headers(total: int, page: int, per_page: int) -> dict:
    return {"X-Total-Count": str(total), "X-Page": str(page), "X-Per-Page": str(per_page),
            "X-Total-Pages": str(max(1, -(-total // per_page)))}

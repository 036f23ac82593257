"""JSON errors: ``{"error": {"code", "message", "fields"?}}`` for every failure, never a trace."""
from __future__ import annotations

import logging

from flask import jsonify
from marshmallow import ValidationError
from mongoengine.errors import NotUniqueError
from mongoengine.errors import ValidationError as ModelValidationError
from pymongo.errors import ConnectionFailure, DuplicateKeyError, OperationFailure
from werkzeug.exceptions import HTTPException

from .db import unique_refusal

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    503: "service_unavailable",
}

MESSAGES = {
    400: "Yêu cầu không hợp lệ / Bad request",
    401: "Chưa xác thực hoặc phiên đã hết hạn / Authentication required",
    403: "Không có quyền thực hiện / Forbidden",
    404: "Không tìm thấy / Not found",
    405: "Phương thức không được hỗ trợ / Method not allowed",
    409: "Xung đột dữ liệu / Conflict",
    413: "Dữ liệu gửi lên quá lớn / Payload too large",
    415: "Định dạng không được hỗ trợ / Unsupported media type",
    422: "Dữ liệu không hợp lệ / Invalid input",
    429: "Quá nhiều yêu cầu, vui lòng thử lại sau / Too many requests",
    500: "Lỗi hệ thống, vui lòng thử lại / Internal error",
    503: "Dịch vụ tạm thời không sẵn sàng / Service unavailable",
}


class ApiError(Exception):
    """An error a handler raises on purpose; rendered as JSON with its status."""

    def __init__(self, status: int, message: str | None = None, fields: dict | None = None, code: str | None = None,
                 retry_after: int | None = None):
        super().__init__(message or MESSAGES.get(status, ""))
        self.status = status
        self.retry_after = retry_after  # seconds, sent as Retry-After (503, 429: "send it again then")
        self.message = message or MESSAGES.get(status, "")
        self.fields = fields
        self.code = code or CODES.get(status, "error")


def flatten_messages(messages) -> dict:
    """webargs nests messages under the location (json, query, files); drop that level."""
    if not isinstance(messages, dict):
        return {"_schema": messages if isinstance(messages, list) else [str(messages)]}
    locations = {"json", "query", "form", "files", "headers", "view_args", "json_or_form", "querystring"}
    if messages and set(messages) <= locations:
        merged: dict = {}
        for part in messages.values():
            merged.update(part if isinstance(part, dict) else {"_schema": part})
        return merged
    return messages


def error_body(status: int, message: str | None = None, fields: dict | None = None, code: str | None = None):
    err = {"code": code or CODES.get(status, "error"), "message": message or MESSAGES.get(status, "")}
    if fields:
        err["fields"] = fields
    return jsonify({"error": err}), status


def init_app(app) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        response, status = error_body(exc.status, exc.message, exc.fields, exc.code)
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response, status

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError):
        return error_body(422, None, flatten_messages(exc.messages))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        data = getattr(exc, "data", None) or {}
        fields = flatten_messages(data["messages"]) if "messages" in data else None
        if status == 400 and fields is None:
            return error_body(400, "Nội dung JSON không đọc được / Malformed JSON body")
        message = data.get("message") if isinstance(data.get("message"), str) else None
        return error_body(status, message, fields)

    @app.errorhandler(ConnectionFailure)
    def _store_unreachable(exc: ConnectionFailure):
        """The store is restarting or unreachable: the request did not finish; say "try again
        shortly" (503 + Retry-After) rather than report an internal error."""
        log.warning("store unreachable: %s", exc.__class__.__name__)
        response, status = error_body(503, None, None, "store_unavailable")
        response.headers["Retry-After"] = "2"
        return response, status

    @app.errorhandler(ModelValidationError)
    def _model_refused(exc: ModelValidationError):
        """Input the request schema let through but the stored model refuses: still bad input,
        not an internal error; logged, because the schema should have said so first."""
        log.warning("input passed its schema but not its model: %s", exc)
        fields = {name: [str(message)] for name, message in (exc.to_dict() or {}).items()} or None
        return error_body(422, None, fields)

    @app.errorhandler(OverflowError)
    def _too_large_a_number(exc: OverflowError):
        """A number beyond what the store holds (8-byte integers), e.g. ``?page=2**70``."""
        return error_body(422, "Số quá lớn / number too large")

    @app.errorhandler(NotUniqueError)
    @app.errorhandler(DuplicateKeyError)
    def _duplicate(exc):
        return _conflict()

    @app.errorhandler(OperationFailure)
    def _store_refused(exc: OperationFailure):
        # FerretDB reports a unique index refusing an *update* as an internal error, not as
        # MongoDB's duplicate key (11000) that the handlers expect: the same conflict
        if unique_refusal(exc):
            return _conflict()
        log.exception("store refused an operation")
        return error_body(500, None, None, "internal_error")

    def _conflict():
        return error_body(409, "Đã tồn tại (trùng mã hoặc khóa) / already exists (a code or key is taken)",
                          code="conflict")

    @app.errorhandler(RecursionError)
    def _too_deep(exc: RecursionError):
        """A JSON body nested thousands of levels deep exhausts the parser's recursion: bad input."""
        return error_body(400, "Nội dung JSON lồng quá sâu / JSON body nested too deeply")

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return error_body(500, None, None, "internal_error")

"""Counting a public call against its limits (domain.public_limits) and refusing it beyond them:
429 with Retry-After, before the call reaches a service."""
from __future__ import annotations

import time

from flask import g, request
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from cadre_shared.errors import ApiError

from ..auth.client_address import client_ip
from ..domain.kiosk_access import over_limit, rate_window
from ..domain.public_limits import DEVICE_COOKIE, DEVICE_HEADER, device_of, limit_for
from ..models.public_limits import PublicWindow
from . import settings

TOO_MANY = "Quá nhiều yêu cầu từ thiết bị hoặc địa chỉ này, vui lòng thử lại sau / Too many requests, retry later"


def _count(key: str, window) -> int:
    counters = PublicWindow._get_collection()
    update = ({"_id": f"{key}:{window.key_part}"},
              {"$inc": {"count": 1}, "$setOnInsert": {"key": key, "window": window.start}})
    try:
        doc = counters.find_one_and_update(*update, upsert=True, return_document=ReturnDocument.AFTER)
    except DuplicateKeyError:  # two workers opened the window at once: it exists now
        doc = counters.find_one_and_update(*update, upsert=True, return_document=ReturnDocument.AFTER)
    if doc["count"] == 1:
        counters.delete_many({"key": key, "window": {"$lt": window.start}})
    return doc["count"]


def check(method: str, path: str) -> None:
    """Count this call if it is a limited public one; 429 once the address or the device is over."""
    limit = limit_for(method, path)
    if limit is None:
        return
    now = time.time()
    window = rate_window(now, limit.window_seconds)
    device = device_of(request.cookies.get(DEVICE_COOKIE), request.headers.get(DEVICE_HEADER))
    counted = [("address", client_ip())] + ([("device", device)] if device else [])
    for kind, value in counted:
        allowed = settings.number(f"{limit.name.upper()}_LIMIT_PER_{kind.upper()}")
        if over_limit(_count(f"{limit.name}:{kind}:{value}", window), allowed):
            g.retry_after = window.retry_after(now)
            raise ApiError(429, TOO_MANY, code="too_many_requests")

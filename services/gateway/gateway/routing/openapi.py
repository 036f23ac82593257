"""The public API's one OpenAPI document: the gateway's spec merged with the services' specs,
fetched from them and kept for a short while."""
from __future__ import annotations

import threading
import time

import requests
from flask import current_app

from ..domain.openapi_merge import merge_specs
from .routes import SERVICE_KEYS, service_of

CACHE_SECONDS = 30
_cache: dict = {"at": 0.0, "spec": None}
_lock = threading.Lock()


def _fetch(base_url: str) -> dict | None:
    try:
        reply = requests.get(base_url + "/api/v1/openapi.json", timeout=(1, 3))
        return reply.json() if reply.status_code == 200 else None
    except (requests.RequestException, ValueError):
        return None


def merged_spec(api) -> dict:
    with _lock:
        if _cache["spec"] is not None and time.monotonic() - _cache["at"] < CACHE_SECONDS:
            return _cache["spec"]
    service_specs = {name: _fetch(current_app.config[key]) for name, key in SERVICE_KEYS.items()}
    spec = merge_specs(api.spec.to_dict(), service_specs, service_of)
    with _lock:
        # A spec missing a service is kept only briefly, so the service shows up soon after it starts.
        _cache["spec"], _cache["at"] = spec, time.monotonic() - (CACHE_SECONDS - 5 if
                                                                 spec.get("x-unavailable-services") else 0)
    return spec

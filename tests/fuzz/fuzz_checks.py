"""Schemathesis hooks of the API fuzzing (loaded by ``SCHEMATHESIS_HOOKS=fuzz_checks``).

- the check ``json_error_with_message``: every refusal (4xx) is the platform's JSON error,
  ``{"error": {"code", "message"}}`` with a message (the house rule; ``not_a_server_error``
  checks the rest);
- a tally of every answer by status, written to ``$C360_FUZZ_TALLY`` when the run ends, so the
  summary counts requests and 5xx exactly (schemathesis reports unique failures);
- when ``C360_FUZZ_USERNAME`` is set, a sign-in (``POST /api/v1/auth/token``) renewed every 30 s,
  so an access token expiring, or a fuzzed ``POST /api/v1/auth/logout`` ending the session,
  costs only a few seconds of 401s.
"""
from __future__ import annotations

import atexit
import json
import os
import threading
from collections import Counter

import requests
import schemathesis

_lock = threading.Lock()
_statuses: Counter = Counter()
_server_errors: Counter = Counter()


@schemathesis.check
def json_error_with_message(ctx, response, case):
    if not 400 <= response.status_code < 500:
        return None
    try:
        body = response.json()
    except ValueError:
        raise AssertionError(f"{response.status_code} answered without a JSON body") from None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict) or not error.get("code") or not isinstance(error.get("message"), str) \
            or not error["message"].strip():
        raise AssertionError(f"{response.status_code} is not a JSON error with a code and a message: "
                             f"{str(body)[:200]}")
    return None


@schemathesis.hook
def after_call(context, case, response):
    with _lock:
        _statuses[response.status_code] += 1
        if response.status_code >= 500:
            _server_errors[f"{case.operation.label} → {response.status_code}"] += 1


def _write_tally() -> None:
    path = os.environ.get("C360_FUZZ_TALLY")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump({"statuses": {str(k): v for k, v in _statuses.items()},
                       "server_errors": dict(_server_errors)}, out, ensure_ascii=False)


atexit.register(_write_tally)

if os.environ.get("C360_FUZZ_USERNAME"):
    @schemathesis.auth(refresh_interval=30)
    class SignIn:
        def get(self, case, ctx):
            reply = requests.post(os.environ["C360_FUZZ_BASE"] + "/api/v1/auth/token", timeout=30,
                                  json={"username": os.environ["C360_FUZZ_USERNAME"],
                                        "password": os.environ["C360_FUZZ_PASSWORD"]})
            reply.raise_for_status()
            return reply.json()["access_token"]

        def set(self, case, data, ctx):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

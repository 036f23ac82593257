"""Abuse limits of the endpoints anyone may call without signing in (PRODUCT.md §3.9): citizens'
reports, and the confidence-vote ballots with the lookups around them. Each is counted in a fixed
window per client address and per device (the browser's device cookie, or the header an app sends);
the limit + 1-th call of a window is refused with 429. The numbers are settings."""
from __future__ import annotations

import re
from dataclasses import dataclass

DEVICE_COOKIE = "c360_device"
DEVICE_HEADER = "X-C360-Device"
_DEVICE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class PublicLimit:
    name: str                  # "report" | "ballot": its settings are <NAME>_LIMIT_PER_ADDRESS / _PER_DEVICE
    window_seconds: int
    calls: tuple[tuple[str, re.Pattern], ...]


LIMITS = (
    PublicLimit("report", 3600, (("POST", re.compile(r"^/api/v1/reports$")),)),
    PublicLimit("ballot", 600, (("POST", re.compile(r"^/api/v1/confidence-votes/ballot-form$")),
                                ("POST", re.compile(r"^/api/v1/confidence-votes/[^/]+/ballots$")),
                                ("GET", re.compile(r"^/api/v1/reports/status/[^/]+$")))),
)


def limit_for(method: str, path: str) -> PublicLimit | None:
    """The limit a public call counts against, if any."""
    for limit in LIMITS:
        if any(method.upper() == m and pattern.match(path) for m, pattern in limit.calls):
            return limit
    return None


def device_of(cookie: str | None, header: str | None) -> str | None:
    """The caller's device id, when it sent a well-formed one (the header wins over the cookie)."""
    for value in (header, cookie):
        if value and _DEVICE.match(value):
            return value
    return None

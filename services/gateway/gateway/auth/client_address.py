"""Facts about the current request that identity and audit need: the client's address."""
from __future__ import annotations

import ipaddress
from flask import current_app, request


def _trusted(peer: str | None) -> bool:
    """Peers allowed to tell us the client's address: gunicorn's own FORWARDED_ALLOW_IPS setting,
    which the deploy files set for the reverse proxy in front of the gateway."""
    allowed = current_app.config["FORWARDED_ALLOW_IPS"]
    if not peer or not allowed:
        return False
    return allowed.strip() == "*" or peer in {a.strip() for a in allowed.split(",")}


def client_ip() -> str:
    peer = request.remote_addr or "unknown"
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and _trusted(peer):
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return peer
    return peer

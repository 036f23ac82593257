"""Gateway settings, read once from the environment when the app is created (data, not code):
``C360_<NAME>`` for the gateway's own, plus two names other tools set. ``create_app(config)``
overrides any of them in tests; the shared ones (store, Kafka, token keys, service addresses)
come from ``cadre_shared.config``."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, MutableMapping

from flask import current_app

from cadre_shared.config import env

from ..domain.throttle import ProgressiveDelay, ThrottlePolicy

DEFAULTS = {
    "AUDIT_KEY_FILE": "",  # HMAC key of the audit chain; empty: derived from the token-signing key
    "MFA_REQUIRED": "false",  # TOTP second factor for province administrators
    "COOKIE_SECURE": "false",  # the web session cookie's Secure flag (always on for HTTPS requests)
    "SIGNIN_PAIR_FREE_FAILURES": "5",  # failed sign-ins of one username from one address before it must wait
    "SIGNIN_PAIR_FIRST_DELAY_SECONDS": "30",  # that wait, doubled with each further failure…
    "SIGNIN_PAIR_MAX_DELAY_SECONDS": "3600",  # …up to this
    "SIGNIN_IP_LIMIT": "30",  # failed sign-ins per client address (any usernames) within the window
    "SIGNIN_WINDOW_SECONDS": "900",
    "API_SESSION_HOURS": "12",  # how long an API refresh token lives
    "WEB_SESSION_HOURS": "10",  # how long a web session lives
    "KIOSK_RATE_PER_MINUTE": "30",  # answers one kiosk may send per minute
    "KIOSK_CACHE_SECONDS": "10",  # how long a worker trusts its copy of a kiosk (a revocation's delay)
    # public endpoints without sign-in (domain.public_limits): citizens' reports per hour, ballots
    # and case lookups per 10 minutes, per client address and per device
    "REPORT_LIMIT_PER_ADDRESS": "10",
    "REPORT_LIMIT_PER_DEVICE": "5",
    "BALLOT_LIMIT_PER_ADDRESS": "120",  # a delegates' room may share one address
    "BALLOT_LIMIT_PER_DEVICE": "60",    # the counter tablet delegates vote on
    # notification e-mails: the SMTP server until a province administrator sets one (no host: no e-mail)
    "SMTP_HOST": "",
    "SMTP_PORT": "587",
    "SMTP_SECURITY": "starttls",  # starttls | ssl | none
    "SMTP_FROM": "",
    "SMTP_USER": "",
    "SMTP_PASSWORD": "",
    "SMTP_PASSWORD_FILE": "",  # production: the password in a mounted secret file, not the environment
    "PUBLIC_URL": "http://127.0.0.1:8000",  # the web UI's address, for the links in e-mails
    "MAIL_MAX_ATTEMPTS": "12",  # tries of one e-mail before it is given up
    "MAIL_FIRST_RETRY_SECONDS": "5",  # wait after the first failure, doubled each time…
    "MAIL_MAX_RETRY_SECONDS": "3600",  # …up to this
    "AUDIT_VERIFY_SECONDS": "300",  # how often the audit trail's chain is verified in the background
    # the signed anchor outside the store each intact verification moves forward (empty: none; make run
    # keeps it in .data/, production on the gateway's own volume): catches the newest records cut off
    "AUDIT_ANCHOR_FILE": "",
}
TRUE = ("1", "true", "yes", "on")


def load(config: MutableMapping) -> None:
    """Fill ``config`` with every setting it does not hold yet, from the environment or the default."""
    for key, default in DEFAULTS.items():
        config.setdefault(key, env(key, default))
    # gunicorn's own setting, which the deploy files set for the reverse proxy in front of the gateway
    config.setdefault("FORWARDED_ALLOW_IPS", os.environ.get("FORWARDED_ALLOW_IPS", ""))
    if not config.get("ADMIN_PASSWORD"):
        config["ADMIN_PASSWORD"] = _admin_password()
    if not config["SMTP_PASSWORD"] and config["SMTP_PASSWORD_FILE"] and Path(config["SMTP_PASSWORD_FILE"]).is_file():
        config["SMTP_PASSWORD"] = Path(config["SMTP_PASSWORD_FILE"]).read_text(encoding="utf-8").strip()


def init_app(app) -> None:
    load(app.config)


def _admin_password() -> str | None:
    """The demo administrator's password: ``ADMIN_PASSWORD``, else the file ``ADMIN_PASSWORD_FILE`` names."""
    if os.environ.get("ADMIN_PASSWORD"):
        return os.environ["ADMIN_PASSWORD"]
    path = os.environ.get("ADMIN_PASSWORD_FILE")
    if path and Path(path).is_file():
        return Path(path).read_text().strip() or None
    return None


def _config(config: Mapping | None) -> Mapping:
    return current_app.config if config is None else config


def flag(name: str, config: Mapping | None = None) -> bool:
    return str(_config(config)[name]).lower() in TRUE


def number(name: str, config: Mapping | None = None) -> int:
    return int(_config(config)[name])


def throttle_policies(config: Mapping | None = None) -> dict[str, ThrottlePolicy | ProgressiveDelay]:
    return {"pair": ProgressiveDelay(number("SIGNIN_PAIR_FREE_FAILURES", config),
                                     number("SIGNIN_PAIR_FIRST_DELAY_SECONDS", config),
                                     number("SIGNIN_PAIR_MAX_DELAY_SECONDS", config)),
            "ip": ThrottlePolicy(number("SIGNIN_IP_LIMIT", config), number("SIGNIN_WINDOW_SECONDS", config))}


def session_hours(kind: str, config: Mapping | None = None) -> float:
    return float(_config(config)["API_SESSION_HOURS" if kind == "api" else "WEB_SESSION_HOURS"])


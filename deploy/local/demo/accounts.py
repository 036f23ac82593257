"""The demo province's accounts: one per role for a newcomer to sign in with (printed at the end of
`make run`), and the accounts of the cadres who give the 360 ratings of the history.

Passwords are derived from the administrator's (an HMAC per username), so each data directory
has its own, nothing more is stored, and every start can print them again."""
from __future__ import annotations

import hashlib
import hmac
import time
from concurrent.futures import ThreadPoolExecutor

from c360_client import Client, ClientError

WORKERS = 4


def password_of(admin_password: str, username: str) -> str:
    digest = hmac.new(admin_password.encode(), username.encode(), hashlib.sha256).hexdigest()
    return f"Demo-{digest[:10]}"


def ensure_user(api: Client, admin_password: str, username: str, role: str, **scope) -> None:
    """Creates the account unless it is there (409: taken — by this demo, on an earlier start)."""
    api.call("POST", "/users", ok=(201, 409), json={
        "username": username, "password": password_of(admin_password, username), "role": role, **scope})


def rater_username(code: str) -> str:
    return f"danhgia.{code.lower()}"


def rater_clients(api: Client, admin_password: str, codes_ids: dict[str, str], say) -> dict[str, Client]:
    """A signed-in client for each rating cadre (code → cadre id), their account made when missing."""
    def one(code: str) -> tuple[str, Client]:
        username = rater_username(code)
        ensure_user(api, admin_password, username, "cadre", cadre_id=codes_ids[code])
        client = Client(api.base, busy_retries=api.busy_retries)
        try:
            return codes_ids[code], client.sign_in(username, password_of(admin_password, username), attempts=3)
        except ClientError as exc:
            raise ClientError(f"rater {username}: {exc}", exc.status) from exc

    started = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        clients = dict(pool.map(one, sorted(codes_ids)))
    say(f"{len(clients)} người đánh giá đã đăng nhập / raters signed in ({time.monotonic() - started:.1f} s)")
    return clients

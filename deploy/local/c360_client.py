"""A small client of Cadre360's public API, through the gateway, as any program would call it:
sign in, then send requests with the access token. The demo seeder (deploy/local/seed_demo.py)
and the tests that set up their world through the API (tests/support/world.py) both use it."""
from __future__ import annotations

import time

import requests

BUSY = (502, 503, 504)


class ClientError(RuntimeError):
    """The platform answered something other than what the caller expected (or did not answer)."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class Client:
    """``busy_retries``: how often a request is sent again while the platform answers "busy" (or
    not at all), waiting longer each time — only for callers whose every request is idempotent."""

    def __init__(self, base_url: str, busy_retries: int = 0, timeout: float = 120):
        self.base = base_url.rstrip("/")
        self.busy_retries, self.timeout = busy_retries, timeout
        self.session = requests.Session()
        self._credentials: tuple[str, str] | None = None

    def sign_in(self, username: str, password: str, attempts: int = 1) -> "Client":
        """Signs in (asking again up to ``attempts`` times while the gateway is not up yet)."""
        for attempt in range(attempts):
            try:
                res = self.session.post(f"{self.base}/api/v1/auth/token",
                                        json={"username": username, "password": password}, timeout=60)
            except requests.RequestException:
                res = None
            if res is not None and res.status_code == 200:
                self.session.headers["Authorization"] = "Bearer " + res.json()["access_token"]
                self._credentials = (username, password)
                return self
            if res is not None and res.status_code == 401:
                raise ClientError("Sai mật khẩu / wrong password", 401)
            if attempt + 1 < attempts:
                time.sleep(1)
        raise ClientError("Không đăng nhập được / cannot sign in", res.status_code if res is not None else None)

    def call(self, method: str, path: str, ok=(200, 201), **kwargs) -> requests.Response:
        """``method`` on ``/api/v1<path>``; the response when its status is in ``ok``."""
        kwargs.setdefault("timeout", self.timeout)
        for attempt in range(self.busy_retries + 1):
            try:
                res = self.session.request(method, f"{self.base}/api/v1{path}", **kwargs)
            except requests.RequestException as exc:
                error, status = f"{exc.__class__.__name__}: {exc}", None
            else:
                if res.status_code in ok:
                    return res
                if res.status_code == 401 and self._credentials and "token_expired" in res.text:
                    self.sign_in(*self._credentials)  # a long run outlives its access token
                    res = self.session.request(method, f"{self.base}/api/v1{path}", **kwargs)
                    if res.status_code in ok:
                        return res
                error, status = f"{res.status_code} {res.text[:500]}", res.status_code
                if status not in BUSY:
                    break
            if attempt < self.busy_retries:
                time.sleep(min(2 ** attempt * 0.5, 10))
        raise ClientError(f"{method} {path}: {error}", status)

    def get(self, path: str, **params):
        return self.call("GET", path, params=params).json()

    def created(self, path: str, body: dict) -> dict:
        """POST ``body`` to ``path``, expecting 201 Created; the created resource."""
        return self.call("POST", path, ok=(201,), json=body).json()

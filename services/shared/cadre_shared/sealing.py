"""Sensitive fields sealed at rest (Personal Data Protection Law 91/2025, Decree 356/2025):
ethnicity, discipline records and formal conclusions are stored as AES-256-GCM ciphertext, so a
copy of the database files shows none of them.

The keys are in the file ``C360_FIELD_KEY_FILE`` names, one per line: ``<key id> <base64 of 32
bytes>``. The first line seals; every line opens (a value says which key sealed it). Rotation:
put a new key on the first line, restart, run ``python -m evaluation.rebuild --reseal``
(every dossier and roster sealed again with it), then drop the old line. Without the setting
(a developer's machine, unit tests) values are kept in clear and a warning says so at start;
the production files always set it (deploy tests check).

A sealed value is ``sealed:v1:<key id>:<base64(nonce | ciphertext | tag)>``; the field's name is
authenticated with it, so a value copied into another field does not open. A value without the
prefix is read as it is: data written before sealing stays readable until it is sealed again.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import threading
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from mongoengine import StringField

log = logging.getLogger(__name__)
PREFIX = "sealed:v1:"
KEY_SETTING = "C360_FIELD_KEY_FILE"


class SealingError(RuntimeError):
    """A key file that cannot be used, or a sealed value that does not open (wrong key, altered)."""


class Keyring:
    def __init__(self, keys: list[tuple[str, bytes]]):
        if not keys:
            raise SealingError("the field key file holds no key")
        self.current_id = keys[0][0]
        self.ciphers = {key_id: AESGCM(key) for key_id, key in keys}
        self.nonce_key = hmac.new(keys[0][1], b"cadre360 synthetic nonce", hashlib.sha256).digest()

    @classmethod
    def from_file(cls, path: str) -> "Keyring":
        keys = []
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SealingError(f"{KEY_SETTING}: cannot read {path} ({exc.strerror})") from None
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key_id, _, encoded = line.strip().partition(" ")
            try:
                key = base64.b64decode(encoded.strip(), validate=True)
            except ValueError:
                key = b""
            if len(key) != 32 or not key_id or ":" in key_id:
                raise SealingError(f"{path}, line {number}: expected '<key id> <base64 of 32 bytes>'")
            keys.append((key_id, key))
        return cls(keys)

    def seal(self, text: str, field: str, deterministic: bool = False) -> str:
        # deterministic: the nonce is a keyed hash of the value (synthetic IV), so the same value
        # seals to the same text — for values compared as stored (a roster row written with $max
        # must not look changed when it is not); it reveals only that two values are equal
        nonce = (hmac.new(self.nonce_key, f"{field}\0{text}".encode(), hashlib.sha256).digest()[:12]
                 if deterministic else os.urandom(12))
        sealed = self.ciphers[self.current_id].encrypt(nonce, text.encode("utf-8"), field.encode())
        return f"{PREFIX}{self.current_id}:{base64.b64encode(nonce + sealed).decode()}"

    def open(self, value: str, field: str) -> str:
        key_id, _, payload = value[len(PREFIX):].partition(":")
        cipher = self.ciphers.get(key_id)
        if cipher is None:
            raise SealingError(f"{field}: sealed with key {key_id!r}, which the key file no longer holds")
        raw = base64.b64decode(payload)
        try:
            return cipher.decrypt(raw[:12], raw[12:], field.encode()).decode("utf-8")
        except InvalidTag:
            raise SealingError(f"{field}: the sealed value does not open (altered, or another field's)") from None


def generate_key_file(path: str | Path, key_id: str = "k1") -> Path:
    """Create (once) a key file with one new key, readable by its owner only (make run, tests)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(f"{key_id} {base64.b64encode(os.urandom(32)).decode()}\n")
        path.chmod(0o600)
    return path


_lock = threading.Lock()
_loaded: tuple[str, Keyring | None] | None = None


def keyring() -> Keyring | None:
    """The process's keys (read once per key file), or None when no key file is set."""
    global _loaded
    path = os.environ.get(KEY_SETTING, "")
    with _lock:
        if _loaded is None or _loaded[0] != path:
            if not path:
                log.warning("%s is not set: sensitive fields are stored in clear (development only)", KEY_SETTING)
            _loaded = (path, Keyring.from_file(path) if path else None)
        return _loaded[1]


def seal(text: str | None, field: str, deterministic: bool = False) -> str | None:
    keys = keyring()
    if text is None or keys is None or text.startswith(PREFIX):
        return text
    return keys.seal(text, field, deterministic)


def unseal(value: str | None, field: str) -> str | None:
    if value is None or not value.startswith(PREFIX):
        return value
    keys = keyring()
    if keys is None:
        raise SealingError(f"{field} is sealed and {KEY_SETTING} is not set")
    return keys.open(value, field)


class SealedStringField(StringField):
    """A string field stored sealed; reads and validation see the clear text. Sealed values differ
    at every write (random nonce), so the field cannot be filtered on: it never is."""

    def __init__(self, *args, seal_as: str, **kwargs):
        self.seal_as = seal_as  # the name the value is authenticated with (stable across renames)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return unseal(value, self.seal_as) if isinstance(value, str) else value

    def to_mongo(self, value):
        return seal(value, self.seal_as) if isinstance(value, str) else value

    def prepare_query_value(self, op, value):
        if op in UPDATE_OPERATORS:  # a value written by an update is sealed like a saved one
            return self.to_mongo(value)
        raise SealingError(f"{self.seal_as} is sealed: it cannot be filtered on")


UPDATE_OPERATORS = frozenset({"set", "set_on_insert", "push", "push_all", "add_to_set"})

"""Password hashing (Argon2id, memory-hard) and the password policy."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # Argon2id, RFC 9106 low-memory profile
MIN_LENGTH = 8
MAX_LENGTH = 256
# A hash of nothing in particular, verified when the username is unknown so that a
# wrong username takes as long to refuse as a wrong password.
_DUMMY_HASH = _hasher.hash("cadre360-no-such-user")
COMMON = frozenset({
    "password", "password1", "password123", "12345678", "123456789", "1234567890", "qwerty123", "qwertyuiop",
    "11111111", "00000000", "abc12345", "abcd1234", "iloveyou", "admin123", "admin1234", "administrator",
    "matkhau1", "matkhau123", "matkhau@123", "123123123", "87654321", "qwertyui", "passw0rd", "p@ssw0rd",
    "letmein1", "welcome1", "12341234", "88888888", "66666666", "99999999", "123456abc", "1q2w3e4r",
    "1qaz2wsx", "zaq12wsx", "changeme", "sunshine", "football", "princess", "baseball", "superman",
    "vietnam1", "vietnam123", "hanoi123", "saigon123", "anhyeuem", "emyeuanh", "cadre360", "canbo123",
})


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; an unknown user (``stored_hash`` None) costs the same time."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return False


def password_problem(password: str, username: str | None = None) -> str | None:
    """None when acceptable, else the reason in Vietnamese / English."""
    if len(password) < MIN_LENGTH:
        return f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự / at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"Mật khẩu tối đa {MAX_LENGTH} ký tự / at most {MAX_LENGTH} characters"
    lowered = password.lower()
    if lowered in COMMON or len(set(lowered)) <= 2:
        return "Mật khẩu quá phổ biến, dễ đoán / password is too common"
    if username and username.lower() in lowered:
        return "Mật khẩu không được chứa tên đăng nhập / password must not contain the username"
    return None

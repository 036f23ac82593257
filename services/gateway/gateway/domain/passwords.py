"""Password hashing (Argon2id, memory-hard) and the password policy."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # Argon2id, RFC 9106 low-memory profile
MIN_LENGTH = 8
COMMON = frozenset({
    "password", "password1", "12345678", "123456789", "1234567890", "qwerty123", "11111111", "00000000",
    "abc12345", "iloveyou", "admin123", "admin1234", "matkhau1", "matkhau123", "123123123", "87654321",
    "qwertyui", "passw0rd", "letmein1", "welcome1", "12341234", "88888888", "66666666", "99999999",
})


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """None when acceptable, else the reason in Vietnamese / English."""
    if len(password) < MIN_LENGTH:
        return f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự / at least {MIN_LENGTH} characters"
    if password.lower() in COMMON:
        return "Mật khẩu quá phổ biến, dễ đoán / password is too common"
    return None

from gateway.domain.passwords import MIN_LENGTH, hash_password, password_problem, verify_password


def test_hash_is_argon2id_and_verifies_only_the_same_password():
    stored = hash_password("Đúng-mật-khẩu-2026")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "Đúng-mật-khẩu-2026")
    assert not verify_password(stored, "đúng-mật-khẩu-2026")


def test_unknown_user_never_verifies_even_with_the_dummy_password():
    assert not verify_password(None, "cadre360-no-such-user")


def test_length_boundary():
    assert password_problem("x7#Kq2!" + "a" * (MIN_LENGTH - 8)) is not None  # 7 characters
    assert password_problem("x7#Kq2!a") is None  # exactly 8


def test_common_and_trivial_passwords_are_refused():
    assert "phổ biến" in password_problem("Password1")
    assert "phổ biến" in password_problem("matkhau123")
    assert "phổ biến" in password_problem("aaaaaaaaaaaa")


def test_password_containing_the_username_is_refused():
    assert "tên đăng nhập" in password_problem("hr.xaan-2026!", "hr.xaan")
    assert password_problem("Rừng-thông-2026", "hr.xaan") is None

import pyotp

from gateway.domain.mfa import matching_step, mfa_applies, new_secret, provisioning_uri

NOW = 1_780_000_000.0


def test_only_province_admins_and_only_when_switched_on():
    assert mfa_applies("province_admin", True)
    assert not mfa_applies("province_admin", False)
    assert not mfa_applies("unit_hr", True)


def test_current_and_adjacent_codes_match_their_steps():
    secret = new_secret()
    totp, step = pyotp.TOTP(secret), int(NOW // 30)
    assert matching_step(secret, totp.at(NOW), NOW) == step
    assert matching_step(secret, totp.at(NOW - 30), NOW) == step - 1
    assert matching_step(secret, totp.at(NOW + 30), NOW) == step + 1


def test_codes_two_steps_away_or_malformed_do_not_match():
    secret = new_secret()
    totp = pyotp.TOTP(secret)
    assert matching_step(secret, totp.at(NOW - 90), NOW) is None
    assert matching_step(secret, "", NOW) is None
    assert matching_step(secret, "12a456", NOW) is None


def test_provisioning_uri_names_the_issuer_and_user():
    uri = provisioning_uri("JBSWY3DPEHPK3PXP", "admin")
    assert uri.startswith("otpauth://totp/Cadre360:admin?") and "issuer=Cadre360" in uri

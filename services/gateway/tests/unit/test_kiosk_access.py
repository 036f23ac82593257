import jwt
import pytest

from cadre_shared.auth import generate_keypair
from gateway.domain.kiosk_access import (RECEIPT_TTL_SECONDS, looks_like_kiosk_token, new_kiosk_token, over_limit,
                                         rate_window, receipt_claims)
from gateway.domain.tokens import secret_hash


def test_kiosk_tokens_are_long_random_and_stored_only_as_a_hash():
    a, b = new_kiosk_token(), new_kiosk_token()
    assert a != b and looks_like_kiosk_token(a) and len(a) >= 40
    assert secret_hash(a) != a and len(secret_hash(a)) == 64


@pytest.mark.parametrize("value", ["", "kiosk_", "kiosk_short", "Bearer kiosk_xxxxxxxxxxxxxxxxxxxxxxxx",
                                   "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.sig", "x" * 120])
def test_other_strings_are_not_kiosk_tokens(value):
    assert not looks_like_kiosk_token(value)


def test_rate_windows_are_fixed_minutes():
    assert rate_window(120.0).start == 120 and rate_window(179.9).start == 120 and rate_window(180.0).start == 180
    assert rate_window(150.2).retry_after(150.2) == 30
    assert rate_window(179.99).retry_after(179.99) == 1


def test_the_limit_allows_exactly_limit_submissions_per_window():
    assert not over_limit(30, 30)
    assert over_limit(31, 30)


def test_receipt_claims_name_one_official_and_dossier_and_expire(tmp_path):
    claims = receipt_claims(unit_id="u-1", cadre_id="c-1", dossier_code="HS-1", procedure_code="HT-KS",
                            audience="cadre360", issuer="cadre360-gateway", now=1_000_000)
    assert claims["typ"] == "receipt" and claims["exp"] == 1_000_000 + RECEIPT_TTL_SECONDS
    assert (claims["unit_id"], claims["cadre_id"], claims["dossier_code"], claims["procedure_code"]) == (
        "u-1", "c-1", "HS-1", "HT-KS")
    assert "procedure_code" not in receipt_claims(unit_id="u", cadre_id="c", dossier_code="d", procedure_code=None,
                                                  audience="a", issuer="i")
    private, public = generate_keypair(tmp_path)
    signed = jwt.encode(claims, private.read_text(), algorithm="EdDSA")
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(signed, public.read_text(), algorithms=["EdDSA"], audience="cadre360")

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gateway.domain.tokens import (issue_access_token, new_session_credential, secret_hash, secret_matches,
                                   split_credential)


def _keys():
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


def test_access_token_carries_role_scope_and_session():
    private, public = _keys()
    token = issue_access_token(private, subject="u1", username="hr", role="unit_hr", audience="cadre360",
                               issuer="gw", unit_id="unit-a", session_id="sess-1", ttl=60)
    claims = jwt.decode(token, public, algorithms=["EdDSA"], audience="cadre360", issuer="gw")
    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"
    assert (claims["role"], claims["unit_id"], claims["sid"], claims["typ"]) == ("unit_hr", "unit-a", "sess-1",
                                                                                 "access")
    assert claims["exp"] - claims["iat"] == 60
    assert "cadre_id" not in claims


def test_session_credential_round_trip_and_hash_check():
    session_id, secret, credential = new_session_credential()
    assert split_credential(credential) == (session_id, secret)
    assert secret_matches(secret_hash(secret), secret)
    assert not secret_matches(secret_hash(secret), secret + "x")
    assert not secret_matches(None, secret)


def test_malformed_credentials_are_refused():
    for bad in ("", "nodot", ".secretsecretsecretsecret", "short.s", "a" * 70 + "." + "b" * 30):
        assert split_credential(bad) is None

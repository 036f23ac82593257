"""What a training school's API key may call: uploading results and reading an upload's report, and
nothing else — not even the list of uploads or another method on the same address."""
from gateway.domain.api_keys import SCOPE_UPLOADS, allowed, looks_like_api_key, new_api_key


def test_a_key_uploads_and_reads_its_report_only():
    scopes = [SCOPE_UPLOADS]
    assert allowed(scopes, "POST", "/api/v1/training/uploads")
    assert allowed(scopes, "GET", "/api/v1/training/uploads/3f6c1e0a-1b2c-4d5e-8f90-123456789abc")
    for method, path in (("GET", "/api/v1/training/uploads"), ("PUT", "/api/v1/training/uploads"),
                         ("DELETE", "/api/v1/training/uploads/abc"), ("GET", "/api/v1/cadres"),
                         ("POST", "/api/v1/training/uploads/abc"), ("GET", "/api/v1/training/uploads/a/../../users"),
                         ("POST", "/api/v1/training/uploads/")):
        assert not allowed(scopes, method, path), (method, path)
    assert not allowed([], "POST", "/api/v1/training/uploads")


def test_keys_are_long_random_and_recognisable():
    first, second = new_api_key(), new_api_key()
    assert first != second and looks_like_api_key(first) and len(first) > 40
    assert not looks_like_api_key("eyJhbGciOiJFZERTQSJ9.e30.sig") and not looks_like_api_key("c360k_short")

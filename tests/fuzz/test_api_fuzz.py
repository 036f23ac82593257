"""The short API fuzzing profile (``make fuzz`` runs the full one): generated requests to every
operation of the public OpenAPI, through the gateway, never get a 5xx, and every refusal is the
platform's JSON error with a message.

The services run without relays or consumers, on databases of their own (the session's store and
broker): the fuzzer's thousands of odd but accepted writes stay out of the other tests' way."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from support.platform import Stack

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_api import FUZZ_PLATFORM_SETTINGS, fuzz, openapi_problem, summary  # noqa: E402

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def api_only(infra):
    stack = Stack(infra, suffix="_fuzz")
    stack.base_env.update(FUZZ_PLATFORM_SETTINGS)
    try:
        yield stack.start(workers=False)
    finally:
        stack.stop()


def test_the_public_openapi_document_is_valid_openapi_3(api_only):
    assert openapi_problem(api_only.url()) is None


def test_generated_requests_get_no_5xx_and_every_refusal_is_a_json_error(api_only, tmp_path):
    tallies = fuzz(api_only.url(), api_only.admin_password, "short", tmp_path, log=lambda line: None)
    report = summary(tallies)
    print("\n" + report)
    assert all(t.requests >= 100 for t in tallies), report
    assert [t.service for t in tallies if t.status_5xx or t.failures] == [], report

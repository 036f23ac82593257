"""Each role × each endpoint of the public API against the allow-list table (allow_list.py)."""
from __future__ import annotations

import re
from datetime import date

import pytest
import requests

from support.world import USER_PASSWORD
from security.allow_list import ALLOW, ENDS_SESSION, HR, PATH_VALUES, PERSONS, PUBLIC, UNKNOWN_ID

pytestmark = pytest.mark.e2e
PARAM = re.compile(r"{(\w+)}")


def _operations(spec: dict) -> set[str]:
    return {f"{method.upper()} {path}" for path, item in spec["paths"].items()
            for method in ("get", "post", "put", "patch", "delete") if method in item}


def _concrete(template: str) -> str:
    return PARAM.sub(lambda m: PATH_VALUES.get(m.group(1), UNKNOWN_ID), template)


def _call(session: requests.Session, base: str, operation: str) -> requests.Response:
    method, template = operation.split(" ", 1)
    body = None if method in ("GET", "DELETE") else {}
    return session.request(method, base + _concrete(template), json=body, timeout=60)


def test_every_public_operation_has_a_row_and_every_row_exists(stack):
    spec = requests.get(stack.url() + "/api/v1/openapi.json", timeout=30).json()
    assert not spec.get("x-unavailable-services"), spec.get("x-unavailable-services")
    published = _operations(spec)
    assert sorted(published - set(ALLOW)) == [], "new endpoints: decide who may call them in allow_list.py"
    assert sorted(set(ALLOW) - published) == [], "rows for endpoints that no longer exist"


@pytest.mark.parametrize("role", PERSONS)
def test_each_role_reaches_exactly_the_endpoints_allowed_to_it(stack, world, role):
    base = stack.url()
    wrong = []
    for operation, allowed in sorted(ALLOW.items()):
        session = world["sessions"][role]
        if operation in ENDS_SESSION:
            session = stack.session(world["accounts"][role], stack.admin_password if role == "province_admin"
                                    else USER_PASSWORD)
        status = _call(session, base, operation).status_code
        may = allowed == PUBLIC or role in allowed
        if may and (status in (401, 403) or status >= 500 or (status in (404, 405) and "{" not in operation)):
            wrong.append(f"{operation}: {role} should be let in, got {status}")
        if not may and status not in (401, 403):
            wrong.append(f"{operation}: {role} should be refused, got {status}")
    assert wrong == []


def test_without_a_token_only_the_public_operations_answer(stack):
    anonymous = requests.Session()
    wrong = []
    for operation, allowed in sorted(ALLOW.items()):
        status = _call(anonymous, stack.url(), operation).status_code
        if allowed == PUBLIC and status in (401, 403):
            wrong.append(f"{operation}: public, got {status}")
        if allowed != PUBLIC and status != 401:
            wrong.append(f"{operation}: needs a token, got {status}")
    assert wrong == []


def test_unit_hr_gets_nothing_of_another_unit_whichever_endpoint(stack, world):
    """The unit dimension: unit HR of unit A against every endpoint open to them, with unit B's ids in the path
    (403 or 404, or exactly what an id nobody has gets: nothing learnt of B) or as the filter of a list
    (refused, or nothing of unit B's cadre in the answer)."""
    hr, base, stranger = world["sessions"]["unit_hr"], stack.url(), world["cadre_b"]
    others = {"unit_id": world["unit_b"]["id"], "cadre_id": stranger["id"]}
    period = {"period": f"{date.today().year}-Q{(date.today().month - 1) // 3 + 1}"}
    wrong = []
    for operation, allowed in sorted(ALLOW.items()):
        if allowed == PUBLIC or HR not in allowed:
            continue
        method, template = operation.split(" ", 1)
        names = set(PARAM.findall(template))
        if names & others.keys():
            def status(ids: dict) -> int:
                path = PARAM.sub(lambda m: ids.get(m.group(1), PATH_VALUES.get(m.group(1), UNKNOWN_ID)), template)
                return hr.request(method, base + path, params=period, timeout=60,
                                  json=None if method in ("GET", "DELETE") else {}).status_code
            of_b = status(others)
            if of_b not in (403, 404) and (of_b < 300 or of_b != status({})):
                wrong.append(f"{operation} with unit B's ids: got {of_b}")
        elif method == "GET" and not names:
            reply = hr.get(base + template, params=others, timeout=60)
            if reply.status_code < 300 and stranger["full_name"] in reply.text:
                wrong.append(f"{operation}?unit_id=B&cadre_id=B shows unit B's cadre")
    assert wrong == []

"""NoSQL operators (``{"$gt": ""}``) in bodies and query strings are refused with 422."""
from __future__ import annotations

import pytest
import requests

pytestmark = pytest.mark.e2e

BODIES = [
    ("/api/v1/auth/token", {"username": {"$gt": ""}, "password": {"$ne": None}}),
    ("/api/v1/auth/token", {"username": "admin", "password": "x", "$where": "1 == 1"}),
    ("/api/v1/users", {"username": "mallory", "password": "Kho-doan-2026", "role": {"$in": ["province_admin"]}}),
    ("/api/v1/cadres", {"code": "X1", "full_name": "Kẻ Gian", "gender": "male", "birth_year": 1990,
                        "unit_id": {"$ne": ""}}),
    ("/api/v1/units", {"code": "X2", "name": {"$regex": ".*"}, "kind": "commune", "area": "rural"}),
    ("/api/v1/scoring/preview", {"is_leader": False, "tasks": [{"coefficient": {"$gt": 0}}]}),
]
QUERIES = [
    ("/api/v1/cadres", {"unit_id[$ne]": "x"}),
    ("/api/v1/cadres", {"q[$regex]": ".*"}),
    ("/api/v1/units", {"$where": "1"}),
    ("/api/v1/audit", {"actor[$ne]": "admin"}),
    ("/api/v1/users", {"role[$in]": "province_admin"}),
    ("/api/v1/satisfaction", {"unit_id[$gt]": ""}),
]


@pytest.mark.parametrize("path,body", BODIES)
def test_operator_objects_in_bodies_are_422_with_a_field_message(stack, path, body):
    session = stack.session()
    reply = session.post(stack.url() + path, json=body, timeout=30)
    assert reply.status_code == 422, (path, reply.status_code, reply.text)
    error = reply.json()["error"]
    assert error["code"] in ("validation_error", "unprocessable_entity") and error["fields"]


@pytest.mark.parametrize("path,params", QUERIES)
def test_operator_names_in_query_strings_are_422(stack, path, params):
    reply = stack.session().get(stack.url() + path, params=params, timeout=30)
    assert reply.status_code == 422, (path, reply.status_code, reply.text)
    assert set(reply.json()["error"]["fields"]) & set(params)


def test_an_operator_never_matches_anything_even_when_sent_as_text(stack):
    """A string that *looks* like an operator is just a string: no cadre is called that."""
    reply = stack.session().get(stack.url() + "/api/v1/cadres", params={"q": '{"$gt": ""}'}, timeout=30)
    assert reply.status_code == 200 and reply.json() == []

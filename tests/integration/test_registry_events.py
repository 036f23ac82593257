"""The registry through the gateway on the whole platform: the fixed API, and registry events
reaching the survey and training services over the real Kafka broker."""
from __future__ import annotations

import time
import uuid

import pytest
from pymongo import MongoClient

from support.platform import eventually

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def admin(stack):
    return stack.session()


@pytest.fixture(scope="module")
def api(stack):
    return stack.url() + "/api/v1"


def store(stack, service):
    return MongoClient(stack.infra.mongo_uri("x"))[f"c360{stack.suffix}_{service}"]


@pytest.fixture(scope="module")
def post(admin, api):
    def create(path, body):
        res = admin.post(api + path, json=body)
        assert res.status_code == 201, res.text
        return res.json()
    return create


@pytest.fixture(scope="module")
def places(post):
    tag = uuid.uuid4().hex[:6].upper()
    unit = post("/units", {"code": f"X-EV{tag}", "name": "Xã Vân Sơn", "kind": "commune", "area": "mountain"})
    other = post("/units", {"code": f"P-EV{tag}", "name": "Phường Đông Ngàn", "kind": "ward", "area": "urban"})
    post("/competencies", {"code": f"NL-EV{tag}", "name": "Chuyển đổi số", "group": "development"})
    position = post("/positions", {"code": f"CV-EV{tag}", "title": "Chuyên viên một cửa",
                                   "task_group": "Phục vụ hành chính công", "is_leader": False,
                                   "standard": {"min_digital_skill": "proficient",
                                                "required_course_categories": ["digital_skills"],
                                                "required_competencies": [{"competency_code": f"NL-EV{tag}",
                                                                           "min_level": 3}]}})
    return {"unit": unit, "other": other, "position": position}


def cadre(places, **fields):
    return {"code": f"EV{uuid.uuid4().hex[:8]}", "full_name": "Triệu Thị Mây", "gender": "female",
            "birth_year": 1993, "unit_id": places["unit"]["id"], "position_id": places["position"]["id"],
            "is_local": False, "digital_skill": "basic", **fields}


def test_create_and_read_back_through_the_gateway(admin, api, places, post):
    created = post("/cadres", cadre(places, code="EV-READ"))
    for path, expected in ((f"/units/{places['unit']['id']}", {"kind": "commune", "area": "mountain"}),
                           (f"/positions/{places['position']['id']}", {"task_group": "Phục vụ hành chính công",
                                                                        "is_leader": False}),
                           (f"/cadres/{created['id']}", {"code": "EV-READ", "full_name": "Triệu Thị Mây",
                                                         "gender": "female", "birth_year": 1993, "is_local": False,
                                                         "unit_id": places["unit"]["id"]})):
        body = admin.get(api + path).json()
        assert {k: body[k] for k in expected} == expected


def test_duplicate_code_and_invalid_fields_through_the_gateway(admin, api, places):
    assert admin.post(api + "/cadres", json=cadre(places, code="EV-DUP")).status_code == 201
    duplicate = admin.post(api + "/cadres", json=cadre(places, code="EV-DUP"))
    assert duplicate.status_code == 409 and "code" in duplicate.json()["error"]["fields"]
    nameless = {k: v for k, v in cadre(places).items() if k != "full_name"}
    res = admin.post(api + "/cadres", json=nameless)
    assert res.status_code == 422 and list(res.json()["error"]["fields"]) == ["full_name"]
    res = admin.post(api + "/cadres", json=cadre(places, birth_year=1800))
    assert res.status_code == 422 and list(res.json()["error"]["fields"]) == ["birth_year"]
    assert "1940" in res.json()["error"]["fields"]["birth_year"][0]


def test_a_registered_cadre_is_known_to_survey_and_training_within_five_seconds(stack, post, places):
    created = post("/cadres", cadre(places))
    survey = eventually(lambda: store(stack, "survey").cadre_copies.find_one({"_id": created["id"]}), timeout=5,
                        message="survey knows the new cadre")
    training = eventually(lambda: store(stack, "training").cadre_copies.find_one({"_id": created["id"]}), timeout=5,
                          message="training knows the new cadre")
    assert survey["unit_id"] == training["unit_id"] == places["unit"]["id"] and survey["status"] == "active"
    gaps = eventually(lambda: store(stack, "training").cadre_gap_copies.find_one({"_id": created["id"]}), timeout=10,
                      message="training knows the cadre's gaps")
    assert {g["key"] for g in gaps["gaps"]} == {"digital_skill", "course:digital_skills",
                                                f"competency:{places['position']['code'].replace('CV-', 'NL-')}"}
    position = store(stack, "training").position_copies.find_one({"_id": places["position"]["id"]})
    assert position["standard"]["required_course_categories"] == ["digital_skills"]


def test_with_kafka_stopped_changes_are_delayed_not_lost(stack, admin, api, post, places):
    moving = post("/cadres", cadre(places))
    eventually(lambda: store(stack, "training").cadre_copies.find_one({"_id": moving["id"]}), timeout=10,
               message="the cadre to move is known before the outage")
    stack.infra.kafka.kill9()
    try:
        written = post("/cadres", cadre(places, full_name="Nông Văn Thái"))
        moved = admin.post(f"{api}/cadres/{moving['id']}/moves", json={
            "unit_id": places["other"]["id"], "kind": "rotation", "effective_on": "2026-11-01"})
        assert moved.status_code == 200, "writes are accepted while the broker is down"
        outage_ends = time.monotonic() + 20
        while time.monotonic() < outage_ends:
            assert store(stack, "survey").cadre_copies.find_one({"_id": written["id"]}) is None
            time.sleep(1)
    finally:
        stack.infra.start_kafka()
    for service in ("survey", "training"):
        eventually(lambda: store(stack, service).cadre_copies.find_one({"_id": written["id"]}), timeout=120,
                   message=f"{service} receives the cadre registered during the outage")
        copy = eventually(lambda: store(stack, service).cadre_copies.find_one(
            {"_id": moving["id"], "unit_id": places["other"]["id"]}), timeout=60,
            message=f"{service} receives the move made during the outage")
        assert copy["status"] == "active"

"""The demo's seeding door (api/seeding.py): past answers, which the kiosk API refuses, go in with
their own time through the kiosk's recording — only when the process is started with the door,
only for the province administrator, each answer counted once."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from cadre_shared.envelope import decode, encode
from support.in_process import in_process
from support.registry_feed import RegistryFeed
from survey import create_app
from survey.consumers import CONSUMERS

pytestmark = pytest.mark.integration
DOOR = "/internal/v1/seeding/responses"
LONG_AGO = datetime(2025, 2, 14, 2, 30, tzinfo=timezone.utc)  # 2025-Q1: far beyond the kiosk API's 30 days


@pytest.fixture(scope="module")
def door(infra, tmp_path_factory):
    with in_process(create_app, infra, tmp_path_factory.mktemp("keys"), "survey_door",
                    SURVEY_SEEDING_DOOR="1") as service:
        registry = RegistryFeed(CONSUMERS)
        unit = registry.unit("Xã Yên Phong")
        yield service, unit, registry.cadre(unit, "Lê Thị Thu Hà")


def past(cadre_id: str, at: datetime, **fields) -> dict:
    return {"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{uuid.uuid4().hex[:10]}", "cadre_id": cadre_id,
            "overall": "satisfied", "answered_at": at.isoformat(), **fields}


def test_past_answers_keep_their_time_carry_their_event_and_count_once(door):
    service, unit, cadre = door
    answers = [past(cadre, LONG_AGO + timedelta(hours=n), overall=level)
               for n, level in enumerate(("very_satisfied", "satisfied", "dissatisfied"))]
    body = {"kiosk_id": "k-door-1", "unit_id": unit, "answers": answers}
    res = service.client.post(DOOR, json=body, headers=service.headers("province_admin"))
    assert res.status_code == 200, res.get_json()
    assert res.get_json() == {"created": 3, "replayed": 0, "suspect": 0, "refused": []}
    stored = service.db.responses.find_one({"_id": answers[0]["response_id"]})
    assert stored["quarter"] == "2025-Q1" and stored["month"] == "2025-02" and stored["kiosk_id"] == "k-door-1"
    assert stored["answered_at"].replace(tzinfo=timezone.utc) == LONG_AGO
    [event] = [decode(encode(e)) for e in service.db.response_outbox.find_one({"_id": answers[0]["response_id"]})["outbox"]]
    assert event["type"] == "response.recorded" and event["payload"]["counted"] is True

    again = service.client.post(DOOR, json=body, headers=service.headers("province_admin"))
    assert again.get_json() == {"created": 0, "replayed": 3, "suspect": 0, "refused": []}
    assert service.db.responses.count_documents({"cadre_id": cadre}) == 3
    index = service.client.get("/api/v1/satisfaction", query_string={"cadre_id": cadre, "period": "2025-Q1"},
                               headers=service.headers("province_admin")).get_json()
    assert index["responses"] == 3 and index["dissatisfied"] == 1


def test_a_burst_of_the_past_is_held_as_suspect_and_unknown_officials_are_refused_one_by_one(door):
    service, unit, cadre = door
    burst = [past(cadre, LONG_AGO + timedelta(days=3, seconds=5 * n)) for n in range(6)]
    stranger = past("no-such-cadre", LONG_AGO + timedelta(days=4))
    res = service.client.post(DOOR, json={"kiosk_id": "k-door-2", "unit_id": unit, "answers": [*burst, stranger]},
                              headers=service.headers("province_admin"))
    out = res.get_json()
    assert res.status_code == 200 and out["created"] == 6 and out["suspect"] == 3  # the 4th to 6th in a minute
    assert [(r["response_id"], r["status"]) for r in out["refused"]] == [(stranger["response_id"], 422)]
    assert service.db.suspect_cases.count_documents({"kiosk_id": "k-door-2"}) == 3


def test_only_the_province_administrator_with_a_valid_body(door):
    service, unit, cadre = door
    body = {"kiosk_id": "k-door-3", "unit_id": unit, "answers": [past(cadre, LONG_AGO)]}
    for headers in (service.headers("unit_hr", unit_id=unit), service.tokens.kiosk(unit, "k-door-3")):
        assert service.client.post(DOOR, json=body, headers=headers).status_code == 403
    assert service.client.post(DOOR, json=body).status_code == 401
    no_time = {**body, "answers": [{**body["answers"][0], "answered_at": None}]}
    res = service.client.post(DOOR, json=no_time, headers=service.headers("province_admin"))
    assert res.status_code == 422 and "answers" in res.get_json()["error"]["fields"]
    assert service.db.responses.count_documents({"kiosk_id": "k-door-3"}) == 0

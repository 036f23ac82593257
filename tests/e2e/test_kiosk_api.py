"""The kiosk through the public API of the whole platform (gateway → survey → Kafka →
evaluation): enrolment, the answer codes, the kiosk token's narrow reach, revocation, the
rate limit, receipt links, suspect review, and both services' figures agreeing."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
import requests

from support.kiosks import answer, kiosk_headers, satisfaction, wait_until_kiosk_lists
from support.platform import eventually
from support.world import World, names
from survey.domain.periods import periods_of

pytestmark = pytest.mark.e2e


def quarter_now() -> str:
    return periods_of(datetime.now(timezone.utc))[0]


@pytest.fixture(scope="module")
def world(stack):
    reg = World(stack)
    unit, other_unit = reg.unit("Xã Kiểm Thử Ki-ốt")["id"], reg.unit("Phường Đối Chứng")["id"]
    staff = reg.cadres(unit, names(3, seed=11))
    stranger = reg.cadres(other_unit, names(1, seed=12))[0]
    kiosk = reg.kiosk(unit)
    wait_until_kiosk_lists(stack.url(), kiosk["token"], staff)
    return {"base": stack.url(), "admin": reg.admin, "reg": reg, "unit": unit, "other_unit": other_unit,
            "staff": staff, "stranger": stranger, "kiosk": kiosk}


def post(world, body, token=None):
    token = token or world["kiosk"]["token"]
    return requests.post(world["base"] + "/api/v1/kiosk/responses", json=body, headers=kiosk_headers(token),
                         timeout=30)


def test_enrolment_is_for_admins_and_known_units(world, stack):
    assert set(world["kiosk"]) >= {"id", "token", "setup_url"} and "#k=" in world["kiosk"]["setup_url"]
    res = world["admin"].post(world["base"] + "/api/v1/kiosks", json={"unit_id": "no-such-unit", "name": "K"})
    assert res.status_code == 422 and "unit_id" in res.json()["error"]["fields"]
    res = world["admin"].post(world["base"] + "/api/v1/kiosks", json={"unit_id": world["unit"]})
    assert res.status_code == 422 and "name" in res.json()["error"]["fields"]
    listed = world["admin"].get(world["base"] + "/api/v1/kiosks", params={"unit_id": world["unit"]}).json()
    assert world["kiosk"]["id"] in {k["id"] for k in listed} and all("token" not in k for k in listed)
    assert requests.post(world["base"] + "/api/v1/kiosks", json={"unit_id": world["unit"], "name": "K"},
                         headers=kiosk_headers(world["kiosk"]["token"]), timeout=30).status_code == 401


def test_answer_codes_through_the_gateway(world):
    cadre = world["staff"][0]
    body = answer(cadre, "very_satisfied", indicators={"attitude": 5}, comment="Rất chu đáo")
    first = post(world, body)
    assert first.status_code == 201, first.text
    assert post(world, body).status_code == 200
    conflict = post(world, {**body, "overall": "dissatisfied"})
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "response_conflict"
    rated = post(world, answer(cadre, dossier_code=body["dossier_code"]))
    assert rated.status_code == 409 and rated.json()["error"]["code"] == "dossier_already_rated"
    other_unit = post(world, answer(world["stranger"]))
    assert other_unit.status_code == 422 and "cadre_id" in other_unit.json()["error"]["fields"]
    bad_level = post(world, answer(cadre, "so-so"))
    assert bad_level.status_code == 422 and "overall" in bad_level.json()["error"]["fields"]
    assert post(world, answer(cadre), token="kiosk_" + "x" * 43).status_code == 401


def test_a_kiosk_token_opens_nothing_else(world):
    headers = kiosk_headers(world["kiosk"]["token"])
    for method, path in (("GET", "/api/v1/cadres"), ("GET", "/api/v1/satisfaction?unit_id=x&period=2026-Q4"),
                         ("GET", "/api/v1/users"), ("GET", "/api/v1/audit"), ("GET", "/api/v1/kiosks"),
                         ("POST", "/api/v1/responses/x/review")):
        res = requests.request(method, world["base"] + path, headers=headers, timeout=30)
        assert res.status_code == 401, (method, path, res.status_code)


def test_figures_of_both_services_match_what_was_submitted(world):
    cadre = world["staff"][1]
    levels = ["very_satisfied", "satisfied", "satisfied", "dissatisfied", "very_satisfied"]
    kiosks = [world["reg"].kiosk(world["unit"], f"Ki-ốt {i}")["token"] for i in range(5)]
    for level, token in zip(levels, kiosks):  # one answer per kiosk: no burst
        assert post(world, answer(cadre, level), token=token).status_code == 201
    period = quarter_now()
    survey = satisfaction(world["admin"], world["base"], cadre, period)
    assert (survey["responses"], survey["very_satisfied"], survey["satisfied"], survey["dissatisfied"]) == (5, 2, 2, 1)
    assert survey["satisfaction_rate"] == 0.8
    evaluation = eventually(lambda: (lambda f: f if f["responses"] == 5 else None)(
        satisfaction(world["admin"], world["base"], cadre, period, from_evaluation=True)), timeout=60,
        message="evaluation catches up")
    for field in ("responses", "very_satisfied", "satisfied", "dissatisfied", "satisfaction_rate"):
        assert evaluation[field] == survey[field], field


def test_rate_limit_per_kiosk(world):
    token = world["reg"].kiosk(world["unit"], "Ki-ốt bị bấm liên tục")["token"]
    # 61 quick submissions: however the minute boundaries fall, one window sees more than 30
    codes = [post(world, {"response_id": "not-a-uuid"}, token=token) for _ in range(61)]
    limited = [r for r in codes if r.status_code == 429]
    passed = [r.status_code for r in codes if r.status_code != 429]
    assert set(passed) == {422} and 30 <= len(passed) <= 60
    assert limited and 1 <= int(limited[0].headers["Retry-After"]) <= 60
    assert limited[0].json()["error"]["code"] == "too_many_requests"


def test_revoked_kiosk_is_refused(world):
    kiosk = world["reg"].kiosk(world["unit"], "Ki-ốt cũ")
    assert post(world, answer(world["staff"][0]), token=kiosk["token"]).status_code == 201
    res = world["admin"].post(f"{world['base']}/api/v1/kiosks/{kiosk['id']}/revoke")
    assert res.status_code == 200 and res.json()["active"] is False
    eventually(lambda: post(world, answer(world["staff"][0]), token=kiosk["token"]).status_code == 401,
               timeout=30, message="revocation takes effect")


def test_receipt_link_answers_once_for_its_official(world):
    cadre = world["staff"][2]
    link = world["admin"].post(world["base"] + "/api/v1/receipt-links",
                               json={"cadre_id": cadre, "dossier_code": "000.00.31.H12-261125-0042",
                                     "procedure_code": "HT-KHAISINH"})
    assert link.status_code == 201, link.text
    receipt = {"X-C360-Receipt": link.json()["token"]}
    assert "/kiosk#r=" in link.json()["url"]
    context = requests.get(world["base"] + "/api/v1/kiosk/context", headers=receipt, timeout=30).json()
    assert context["receipt"]["cadre_id"] == cadre and context["receipt"]["dossier_code"].endswith("0042")
    body = answer(cadre, "satisfied", dossier_code="000.00.31.H12-261125-0042")
    assert requests.post(world["base"] + "/api/v1/kiosk/responses", json=body, headers=receipt,
                         timeout=30).status_code == 201
    again = requests.post(world["base"] + "/api/v1/kiosk/responses", headers=receipt, timeout=30,
                          json=answer(cadre, dossier_code="000.00.31.H12-261125-0042"))
    assert again.status_code == 409
    other = requests.post(world["base"] + "/api/v1/kiosk/responses", headers=receipt, timeout=30,
                          json=answer(world["staff"][0], dossier_code="000.00.31.H12-261125-0042"))
    assert other.status_code == 422
    forged = {"X-C360-Receipt": link.json()["token"][:-4] + "AAAA"}
    assert requests.get(world["base"] + "/api/v1/kiosk/context", headers=forged, timeout=30).status_code == 401
    res = world["admin"].post(world["base"] + "/api/v1/receipt-links",
                              json={"cadre_id": cadre, "dossier_code": "HS-1", "unit_id": world["other_unit"]})
    assert res.status_code == 422 and "unit_id" in res.json()["error"]["fields"]


def test_suspect_burst_reviewed_by_unit_hr_then_counted_everywhere(world, stack):
    cadre = world["reg"].cadres(world["unit"], ["Kiều Thị Thanh Tâm"])[0]
    token = world["reg"].kiosk(world["unit"], "Ki-ốt nghi vấn")["token"]
    wait_until_kiosk_lists(world["base"], token, [cadre])
    statuses = [post(world, answer(cadre, "very_satisfied"), token=token).json()["status"] for _ in range(5)]
    assert statuses == ["counted"] * 3 + ["suspect"] * 2
    password = "Nhan-su-2026!"
    username = "hr." + uuid.uuid4().hex[:6]
    created = world["admin"].post(world["base"] + "/api/v1/users", json={
        "username": username, "password": password, "role": "unit_hr", "unit_id": world["unit"]})
    assert created.status_code == 201, created.text
    hr = stack.session(username, password)
    queue = hr.get(world["base"] + "/api/v1/responses/suspect").json()["items"]
    held = [item["response_id"] for item in queue if item["cadre_id"] == cadre]
    assert len(held) == 2
    assert hr.post(f"{world['base']}/api/v1/responses/{held[0]}/review", json={"decision": "clear"}).status_code == 200
    period = quarter_now()
    assert satisfaction(world["admin"], world["base"], cadre, period)["responses"] == 4
    eventually(lambda: satisfaction(world["admin"], world["base"], cadre, period, from_evaluation=True)
               ["responses"] == 4, timeout=60, message="evaluation counts the cleared answer")
    audit = world["admin"].get(world["base"] + "/api/v1/audit").json()
    records = audit["items"] if isinstance(audit, dict) else audit
    assert any("review" in (r.get("action") or "") and r.get("actor") == username for r in records)

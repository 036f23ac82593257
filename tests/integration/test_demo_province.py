"""Acceptance of issue 16: `make run`'s demo province — seeded through deploy/local/seed_demo.py, the
same code path as `make run`, with a shorter history (C360_DEMO_QUARTERS=5: four closed quarters,
the current one open, the past year closed with what it has) on a platform of its own (it trains
the early-warning model, which the shared platform's tests must not see). Then the pages a
newcomer opens first — gaps, satisfaction, training compliance, risk, scorecard, a unit's
classification — show the figures the API gives, and none of them is empty; the demo accounts
printed at the end sign in; seeding again does nothing."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from html import unescape

import pytest
import requests

from support.platform import ROOT, Infra, Stack, eventually

# The seed took 378 s and the module 7.5 min on the shared 2-core machine (load 4–6; the first
# quarter was most of it: HR closing the flags of the roster's import, which no longer come: the
# courses are not judged before the school reports on a cadre); a restart seeding nothing printed
# ready in 16 s (README, "The demo province"): more than `make test`'s budget allows. It runs with
# `make test-demo` (C360_DEMO_ACCEPTANCE=1).
pytestmark = [pytest.mark.integration, pytest.mark.timeout(1800),
              pytest.mark.skipif(os.environ.get("C360_DEMO_ACCEPTANCE") != "1",
                                 reason="the demo province's acceptance: make test-demo (about 10 minutes)")]
QUARTERS = 5


def seed(stack) -> subprocess.CompletedProcess:
    env = {**os.environ, "C360_DEMO": "demo", "C360_DEMO_QUARTERS": str(QUARTERS), "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, str(ROOT / "deploy/local/seed_demo.py"), "--base-url", stack.url(),
                           "--password", stack.admin_password, "--survey-url", stack.url("survey")],
                          capture_output=True, text=True, timeout=1500, env=env)


@pytest.fixture(scope="module")
def demo():
    infra = Infra().start()
    stack = Stack(infra, suffix="_demo")
    stack.base_env["C360_SURVEY_SEEDING_DOOR"] = "1"  # as make run starts it (deploy/local/run.py)
    try:
        stack.start()
        first = seed(stack)
        print(first.stdout)  # the printed summary: each step's counts and seconds (pytest -s shows it)
        assert first.returncode == 0, first.stdout + first.stderr
        yield stack, first.stdout
    finally:
        stack.stop()
        infra.stop()


def web(stack, username="admin", password=None) -> requests.Session:
    session = requests.Session()
    page = session.get(stack.url() + "/login", timeout=60)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    reply = session.post(stack.url() + "/login", data={"username": username, "password": password or stack.admin_password,
                                                       "csrf_token": csrf}, allow_redirects=False, timeout=60)
    assert reply.status_code in (302, 303), reply.text[:300]
    return session


def got(api, url, **params):
    """An API read; a busy platform (503) is asked again, as any client would."""
    def answer():
        res = api.get(url, params=params, timeout=120)
        assert res.status_code in (200, 503), (url, res.status_code, res.text[:300])
        return res.json() if res.status_code == 200 else None
    return eventually(answer, timeout=120, interval=2, message=f"an answer from {url}")


def page(session, stack, path, **params) -> str:
    res = session.get(stack.url() + path, params=params, timeout=120)
    assert res.status_code == 200, (path, res.status_code, res.text[:300])
    return re.sub(r"\s+", " ", unescape(res.text))


def test_seeding_prints_each_step_and_the_accounts_and_a_second_run_does_nothing(demo):
    stack, out = demo
    assert re.search(r"\[\d+/\d+\] Kỳ đánh giá / period \d{4}-Q\d: .*units approved \(\d+\.\d s\)", out), out
    assert "Cảnh báo sớm / early warning" in out and "xong trong / done in" in out
    accounts = dict(re.findall(r"^ +(\S+\.demo) +(Demo-\w+) ", out, re.M))
    assert set(accounts) == {"hr.demo", "canbo.demo", "kiemtra.demo", "truong.demo"}
    for username, password in accounts.items():
        me = requests.get(stack.url() + "/api/v1/auth/me", timeout=60,
                          headers={"Authorization": "Bearer " + stack.token(username, password)}).json()
        assert me["username"] == username
    again = seed(stack)
    print(again.stdout)
    assert again.returncode == 0 and "đã có, bỏ qua / already there, nothing to do" in again.stdout, again.stdout


def test_the_seeding_door_is_open_on_the_survey_service_only(demo):
    stack, _out = demo
    body = {"kiosk_id": "k-outside", "unit_id": "u", "answers": []}
    admin = {"Authorization": "Bearer " + stack.token()}
    for path in ("/internal/v1/seeding/responses", "/api/v1/internal/v1/seeding/responses"):
        res = requests.post(stack.url() + path, json=body, headers=admin, timeout=60)
        assert res.status_code == 404, (path, res.status_code)  # the gateway routes no such path
    inside = requests.post(stack.url("survey") + "/internal/v1/seeding/responses", json=body, headers=admin, timeout=60)
    assert inside.status_code == 422, inside.text  # open on the survey itself (no answers: refused)


def test_the_pages_show_the_figures_of_the_api(demo):
    stack, out = demo
    api, admin = stack.session(), web(stack)
    base = stack.url() + "/api/v1"
    units = got(api, f"{base}/units")
    province = next(u for u in units if u["kind"] == "province")
    communes = [u for u in units if u["kind"] != "province"]

    gaps = got(api, f"{base}/units/{province['id']}/gaps", ids="false")
    assert 0 < gaps["cadres_with_gaps"] < gaps["cadres"] == 600, "training done closed some gaps"
    assert f"{gaps['cadres_with_gaps']} trên {gaps['cadres']} cán bộ" in page(admin, stack, "/gaps",
                                                                              unit_id=province["id"])

    periods = got(api, f"{base}/periods")
    current = next(p for p in periods if p["status"] == "open")
    index = got(api, f"{base}/satisfaction", unit_id=communes[0]["id"], period=current["code"])
    assert index["responses"] >= 20 and 0 < index["satisfaction_rate"] < 1
    html = page(admin, stack, "/satisfaction", unit_id=communes[0]["id"], period=current["code"])
    assert f"<dt>Số lượt đánh giá</dt><dd>{index['responses']}</dd>" in html.replace("> <", "><")
    assert got(api, f"{base}/responses/suspect"), "the press bursts are held as suspect"
    for period in (p for p in periods if p["status"] == "closed"):  # the past quarters have citizens' answers too
        past = got(api, f"{base}/satisfaction", unit_id=communes[0]["id"], period=period["code"])
        assert past["responses"] >= 20 and 0 < past["satisfaction_rate"] < 1, (period["code"], past)

    def compliance_caught_up():  # the training service applies the school's file cadre by cadre
        found = got(api, f"{base}/training/compliance/units")
        totals = {k: sum(u["summary"][k] for u in found) for k in ("done", "overdue", "expired")}
        return found if totals["done"] > totals["overdue"] > 0 and totals["expired"] > 0 else None
    compliance = eventually(compliance_caught_up, timeout=300, interval=5, message="most cadres compliant")
    html = page(admin, stack, "/training/compliance").replace("> <", "><")
    s = compliance[0]["summary"]
    assert (f"<td>{s['required']}</td><td>{s['done']}</td><td>{s['due_soon']}</td><td>{s['overdue']}</td>"
            f"<td>{s['expired']}</td>") in html

    flags = got(api, f"{base}/risk/flags")
    lights = {f["light"] for f in flags}
    # a handful: at most 5% of the 600 cadres, every one amber or red (HR closed those the school's results answered)
    assert {"red", "amber"} <= lights and "green" not in lights and 3 <= len(flags) <= 30, \
        [(f["light"], f.get("triggers")) for f in flags]
    assert sum(bool(f.get("interventions")) for f in flags) >= 2, "interventions in progress"
    html = page(admin, stack, "/risk")
    assert html.count('class="reasons"') == len(flags) and all(f"/risk/flags/{f['id']}" in html for f in flags)

    scorecard = got(api, f"{base}/scorecard")
    levels = scorecard["classification"]["levels"]
    assert levels["excellent"] > 0 and levels["good"] > levels["excellent"] and levels["not_completed"] >= 0
    html = page(admin, stack, "/scorecard")
    assert all(f"{f['numerator']}/{f['denominator']}" in html for f in scorecard["province"])
    assert any(f["key"] == "good_or_better" and 0.7 < f["value"] < 1 for f in scorecard["province"])
    citizens = next(f for f in scorecard["province"] if f["key"] == "citizen_satisfaction")
    assert citizens["denominator"] >= 100 and 0.5 < citizens["value"] < 1, citizens

    closed = max((p for p in periods if p["status"] == "closed"), key=lambda p: p["code"])
    for unit in communes:
        found = got(api, f"{base}/periods/{closed['id']}/classification", unit_id=unit["id"])
        assert found["status"] == "approved" and not any(g["violation"] for g in found["groups"])
    decided = [int(n) for n in re.findall(r"(\d+) quyết định giới hạn", out)]
    assert sum(decided) > 0 and max(decided) <= 6, f"a few units over the quota, decided: {decided}"
    first = got(api, f"{base}/periods/{closed['id']}/classification", unit_id=communes[0]["id"])
    html = page(admin, stack, f"/evaluation/periods/{closed['id']}/units/{communes[0]['id']}").replace("> <", "><")
    assert all(f"<td>{g['good']}</td><td>{g['excellent']}</td>" in html for g in first["groups"])
    assert all(c["full_name"] in html for c in first["cadres"])
    year = got(api, f"{base}/years/{int(closed['code'][:4]) - 1}")
    assert year["status"] == "closed" and year["results"] > 0

"""Citizens' answers at the communes' one-stop counters, two kiosks a unit: the quarters of the
history before the last four weeks go through the survey service's seeding door (its kiosk API
keeps an answer's own time only 30 days back; services/survey/survey/api/seeding.py), which the
survey opens only when started with ``C360_SURVEY_SEEDING_DOOR=1`` and the gateway never routes:
the seeder calls the survey's own address with the administrator's token. The last four weeks go
through the kiosks as citizens answer there (seeder.send_answers). The answers themselves come from
demo/activity.py; the evaluation learns them from the survey's events, as it learns any answer."""
from __future__ import annotations

import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import requests

from c360_client import ClientError

from . import activity

DOOR = "/internal/v1/seeding/responses"
DOOR_ROWS = 200  # a kiosk's answers a request
RECENT_DAYS = 29  # the kiosks send the answers of the last 28 days (activity.counter_answers)
WORKERS = 4
CATCH_UP_SECONDS = 300  # how long the survey and evaluation may take to learn the cadres and the answers


def staff(s) -> dict[str, list[tuple[str, object, date]]]:
    """Each unit's counter officials: (cadre id, conduct, in post since)."""
    return {u["code"]: [(s.cadre_id(p.code), s.conduct(p), p.appointed_on) for p in s.roster.persons
                        if p.unit_code == u["code"] and p.position_code == "CV-MC"] for u in s.catalogue["units"]}


def kiosks(s) -> dict[tuple[str, int], dict]:
    """(unit code, counter) → the kiosk ``{"id", "token"}``, registered once a run (a token is given
    only when the kiosk is registered: a resumed seed registers its kiosks again)."""
    if not s.kiosks:
        units = {u["code"]: u["id"] for u in s.api.get("/units")}
        for unit in s.catalogue["units"]:
            for counter in (0, 1):
                s.kiosks[unit["code"], counter] = s.api.created("/kiosks", {
                    "name": f"Ki-ốt Bộ phận một cửa — quầy {counter + 1}", "unit_id": units[unit["code"]]})
    return s.kiosks


def _start(s) -> date:
    """The first day of the history's first quarter."""
    first = s.quarters[0]
    return date(int(first[:4]), 3 * int(first[-1]) - 2, 1)


def past(s) -> list[tuple[str, int, dict]]:
    return activity.past_answers(staff(s), _start(s), s.today - timedelta(days=RECENT_DAYS))


def _through_door(s, kiosk_id: str, unit_id: str, answers: list[dict]) -> dict:
    """One kiosk's answers through the door; those refused because the survey does not know the
    official yet (422, from the registry's events) or could not read back yet (503) are sent again."""
    totals, pending = {"created": 0, "replayed": 0, "suspect": 0}, answers
    deadline = time.monotonic() + CATCH_UP_SECONDS
    while pending:
        res = requests.post(s.survey_url + DOOR, timeout=120, json={
            "kiosk_id": kiosk_id, "unit_id": unit_id, "answers": pending},
            headers={"Authorization": s.api.session.headers["Authorization"]})
        if res.status_code == 401 and "token_expired" in res.text:
            s.api.call("GET", "/auth/me")  # signs in again
            continue
        if res.status_code == 404:
            raise ClientError("the survey's seeding door is closed: start the survey service with "
                              "C360_SURVEY_SEEDING_DOOR=1 (make run does)", 404)
        if res.status_code != 200:
            raise ClientError(f"seeding door: {res.status_code} {res.text[:300]}", res.status_code)
        out = res.json()
        for key in totals:
            totals[key] += out[key]
        again = {r["response_id"] for r in out["refused"] if r["status"] in (422, 503)}
        if len(again) < len(out["refused"]) or (again and time.monotonic() > deadline):
            raise ClientError(f"seeding door refused {out['refused'][:3]}")
        pending = [a for a in pending if a["response_id"] in again]
        if pending:
            time.sleep(5)
    return totals


def recorded(s, body: dict) -> bool:
    """Whether the survey holds this answer: it is among its official's newest answers of its quarter
    (the answer a step sends last is the newest it sends)."""
    try:
        found = s.api.get("/responses", cadre_id=body["cadre_id"], period=activity.quarter_of(body["answered_at"]),
                          per_page=50)
    except ClientError as exc:
        if exc.status == 404:  # the survey service does not know the cadre yet
            return False
        raise
    return any(item["response_id"] == body["response_id"] for item in found["items"])


def past_done(s) -> bool:
    _unit, _counter, last = past(s)[-1]
    return recorded(s, last)


def send_past(s, say) -> str:
    """Each kiosk's answers in the order given, kiosks side by side; the newest answer last (it
    marks the step as done)."""
    answers, stations = past(s), kiosks(s)
    units = dict(zip((u["code"] for u in s.catalogue["units"]), s.unit_ids()))
    per_kiosk = defaultdict(list)
    for code, counter, body in answers[:-1]:
        per_kiosk[code, counter].append(body)
    jobs = [(key, rows[start:start + DOOR_ROWS]) for key, rows in per_kiosk.items()
            for start in range(0, len(rows), DOOR_ROWS)]
    totals, done, started = defaultdict(int), 0, time.monotonic()

    def kiosk_run(key):
        return [_through_door(s, stations[key]["id"], units[key[0]], rows) for k, rows in jobs if k == key]

    with ThreadPoolExecutor(WORKERS) as pool:
        for outs in pool.map(kiosk_run, list(per_kiosk)):
            for out in outs:
                for name, value in out.items():
                    totals[name] += value
            done += 1
            say(f"ki-ốt / kiosks {done}/{len(per_kiosk)} ({time.monotonic() - started:.1f} s)")
    code, counter, body = answers[-1]
    for name, value in _through_door(s, stations[code, counter]["id"], units[code], [body]).items():
        totals[name] += value
    return (f"{len(answers)} ý kiến / answers ({totals['created']} mới / new, {totals['suspect']} nghi vấn / suspect) "
            f"từ / from {_start(s):%d/%m/%Y}")


def wait_counted(s, code: str, checks: int = 3) -> None:
    """Before a quarter closes: the evaluation has counted the quarter's answers (read for the
    officials answered last in it — the survey publishes each official's answers in order — and
    none of a burst, whose held answers do not count)."""
    if code in s.counted:
        return
    counts, last_seen, burst = defaultdict(int), {}, set()
    for _unit, _counter, body in past(s):
        if activity.quarter_of(body["answered_at"]) != code:
            continue
        counts[body["cadre_id"]] += 1
        last_seen[body["cadre_id"]] = body["answered_at"]
        if activity.in_burst(body):
            burst.add(body["cadre_id"])
    latest = sorted((c for c in last_seen if c not in burst), key=last_seen.get)[-checks:]
    deadline = time.monotonic() + CATCH_UP_SECONDS
    for cadre_id in latest:
        while s.api.get(f"/cadres/{cadre_id}/satisfaction", period=code)["responses"] < counts[cadre_id]:
            if time.monotonic() > deadline:
                raise ClientError(f"{code}: the evaluation has not counted the answers after {CATCH_UP_SECONDS} s")
            time.sleep(2)
    s.counted.add(code)

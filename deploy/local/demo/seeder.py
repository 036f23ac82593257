"""Sends the demo province through the public API, step by step, with a line of progress each.

A step is a ``Step(title, done, run)``: ``done(seeding)`` asks the platform whether the step's
data is already there (a few cheap reads), ``run(seeding, say)`` sends it (``say`` prints
progress within the step) and returns the line to print. Steps run in the order of ``STEPS``; a
step already done is skipped, so seeding again changes nothing and a step added later also
reaches a province seeded before it. A step that cannot send its data twice sends its marker
(what ``done`` reads) last. To add a step (say, two years of evaluation periods): generate its
data in ``roster.py`` (pure, fixed seed), write its ``done`` and ``run`` here and append it to
``STEPS``.
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable

import requests

from c360_client import Client, ClientError

from . import activity, behaviour, counters, history, load
from .large import large_catalogue
from .roster import Roster, roster_workbook

WORKERS = 4
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_ROWS = 500  # a large province's roster goes in files of 500 cadres: each import is one request
RESULT_ROWS = 5000  # course results a file
ANSWERS_PER_UNIT = 30
CATCH_UP_SECONDS = 1200  # how long the survey and training services may take to learn ten thousand cadres


@dataclass
class Seeding:
    """What the steps share: the client (signed in as the administrator), the data and the roster."""
    api: Client
    catalogue: dict = field(default_factory=lambda: load("catalogue"))
    people: dict = field(default_factory=lambda: load("people"))
    today: date = field(default_factory=date.today)
    cadre_ids: dict[str, str] = field(default_factory=dict)  # code → id of the demo cadres known so far
    size: str = "demo"  # "large": about a hundred communes and wards, ten thousand cadres (demo/large.py)
    admin_password: str = ""  # the demo accounts' passwords derive from it (demo/accounts.py)
    history: int = 8  # quarters of evaluation, ending with today's (demo/history.py)
    plan: dict | None = None  # who rates whom in the 360 rounds (demo/history.py)
    raters: dict = field(default_factory=dict)  # rater cadre id → their signed-in client
    survey_url: str = ""  # the survey service's own address: its seeding door (demo/counters.py)
    kiosks: dict = field(default_factory=dict)  # (unit code, counter) → the kiosk {"id", "token"}
    counted: set = field(default_factory=set)  # quarters whose answers the evaluation has counted
    course_gaps: int | None = None  # the province's course gaps once seen settled in this run (demo/history.py)

    def __post_init__(self):
        if self.size == "large":
            self.catalogue = large_catalogue(self.catalogue)
        self.roster = Roster(self.catalogue, self.people, self.today)
        self.quarters = history.quarters(self.today, self.history)
        discipline, _conclusions = self.roster.sensitive_records()
        self._measures = {p.code: behaviour.quarter_index(self.quarters, date.fromisoformat(b["decided_on"]))
                          for p, b in discipline}
        self._units: list[str] | None = None

    def conduct(self, person) -> behaviour.Conduct:
        return behaviour.conduct_of(person.code, self._measures.get(person.code))

    def person_by_id(self) -> dict:
        return {self.cadre_id(p.code): p for p in self.roster.persons}

    def unit_ids(self) -> list[str]:
        """The demo's communes and wards, in the catalogue's order."""
        if self._units is None:
            known = {u["code"]: u["id"] for u in self.api.get("/units")}
            self._units = [known[u["code"]] for u in self.catalogue["units"]]
        return self._units

    def cadre_id(self, code: str) -> str:
        """A demo cadre's id: the import's report gives them, a run without the import lists them."""
        page, pages = 1, 1
        while code not in self.cadre_ids and page <= pages:
            res = self.api.call("GET", "/cadres", params={"q": "CB", "status": "all", "per_page": 500, "page": page})
            self.cadre_ids.update((c["code"], c["id"]) for c in res.json())
            page, pages = page + 1, int(res.headers.get("X-Total-Pages", 1))
        if code not in self.cadre_ids:
            raise ClientError(f"demo cadre {code} is not registered")
        return self.cadre_ids[code]

    def concurrently(self, label: str, jobs: list[Callable[[], object]], say: Callable[[str], None]) -> None:
        done = 0
        with ThreadPoolExecutor(WORKERS) as pool:
            for _ in pool.map(lambda job: job(), jobs):
                done += 1
                if done % 25 == 0 or done == len(jobs):
                    say(f"{label}: {done}/{len(jobs)}")


@dataclass(frozen=True)
class Step:
    title: str
    done: Callable[[Seeding], bool]
    run: Callable[[Seeding, Callable[[str], None]], str]


# units ------------------------------------------------------------------------------------
def units_done(s: Seeding) -> bool:
    known = {u["code"] for u in s.api.get("/units")}
    return {s.catalogue["province"]["code"], *(u["code"] for u in s.catalogue["units"])} <= known


def send_units(s: Seeding, _say) -> str:
    province = s.catalogue["province"]
    found = s.api.get("/units", code=province["code"])
    parent = found[0]["id"] if found else s.api.created("/units", province)["id"]
    created = 0
    for unit in s.catalogue["units"]:
        if not s.api.get("/units", code=unit["code"]):
            s.api.created("/units", {**{k: unit[k] for k in ("code", "name", "kind", "area")}, "parent_id": parent})
            created += 1
    return f"{len(s.catalogue['units'])} xã, phường ({created} mới / new)"


# competencies -----------------------------------------------------------------------------
def _missing_competencies(s: Seeding) -> list[dict]:
    known = {c["code"] for c in s.api.get("/competencies")}
    return [c for c in s.catalogue["competencies"] if c["code"] not in known]


def send_competencies(s: Seeding, _say) -> str:
    missing = _missing_competencies(s)
    for competency in missing:
        s.api.created("/competencies", competency)
    return f"{len(s.catalogue['competencies'])} ({len(missing)} mới / new)"


# positions and their standards ------------------------------------------------------------
def _missing_positions(s: Seeding) -> list[dict]:
    known = {p["code"] for p in s.api.get("/positions")}
    return [p for p in s.catalogue["positions"] if p["code"] not in known]


def send_positions(s: Seeding, _say) -> str:
    missing = _missing_positions(s)
    for p in missing:
        standard = {**p["standard"], "required_competencies": [
            {"competency_code": code, "min_level": level} for code, level in p["standard"]["required_competencies"]]}
        s.api.created("/positions", {k: p[k] for k in ("code", "title", "task_group", "is_leader")}
                      | {"standard": standard, "leadership": p.get("leadership", "none"),
                         "key_title": p.get("key_title")})
    for area, appendix in s.catalogue["appendices"].items():
        s.api.call("PUT", f"/standards/appendices/{area}", json=appendix)
    return (f"{len(s.catalogue['positions'])} ({len(missing)} mới / new), "
            f"phụ lục theo địa bàn / appendices: {len(s.catalogue['appendices'])}")


# cadres -----------------------------------------------------------------------------------
def cadres_done(s: Seeding) -> bool:
    return bool(s.api.get("/cadres", q=s.roster.persons[-1].code, status="all"))


def send_cadres(s: Seeding, say) -> str:
    """The roster as spreadsheet imports, as HR sends them, with assessed competency levels (the
    demo in one file, a large province 500 cadres a file)."""
    persons, totals = s.roster.persons, {"rows": 0, "created": 0, "updated": 0, "unchanged": 0}
    for start in range(0, len(persons), IMPORT_ROWS):
        content = roster_workbook(s.roster, persons[start:start + IMPORT_ROWS])
        report = s.api.call("POST", "/imports/cadres", files={
            "file": ("danh-sach-can-bo-minh-hoa.xlsx", content, XLSX)}).json()
        if report["rejected"]:
            raise ClientError(f"import rejected rows: {report['errors'][:5]}")
        s.cadre_ids.update((row["code"], row["id"]) for row in report["results"])
        totals = {name: totals[name] + report[name] for name in totals}
        if len(persons) > IMPORT_ROWS:
            say(f"Cán bộ / cadres: {start + report['rows']}/{len(persons)}")
    return (f"{totals['rows']} dòng từ tệp XLSX — tạo / created {totals['created']}, "
            f"cập nhật / updated {totals['updated']}, giữ nguyên / unchanged {totals['unchanged']}")


# posts before the merger ------------------------------------------------------------------
def histories_done(s: Seeding) -> bool:
    """The last person's post before the merger is on their work history (every cadre has the
    line of their current post from registration, so a history is never empty)."""
    last, post = s.roster.former_posts()[-1]
    held = s.api.get(f"/cadres/{s.cadre_id(last.code)}")["work_history"]
    return any((e["unit_name"], e["from_date"]) == (post["unit_name"], post["from_date"]) for e in held)


def send_histories(s: Seeding, say) -> str:
    posts = s.roster.former_posts()
    # the last person's post goes last: it marks the step as done
    s.concurrently("Quá trình công tác / work history", [
        lambda person=person, body=body: s.api.created(f"/cadres/{s.cadre_id(person.code)}/work-history", body)
        for person, body in posts[:-1]], say)
    person, body = posts[-1]
    s.api.created(f"/cadres/{s.cadre_id(person.code)}/work-history", body)
    return f"{len(posts)} cán bộ có quá trình trước sáp nhập / with posts before the merger"


# discipline and conclusions ---------------------------------------------------------------
def sensitive_records_done(s: Seeding) -> bool:
    _discipline, conclusions = s.roster.sensitive_records()
    last, _body = conclusions[-1]
    return bool(s.api.get(f"/cadres/{s.cadre_id(last.code)}")["conclusions"])


def send_sensitive_records(s: Seeding, say) -> str:
    discipline, conclusions = s.roster.sensitive_records()
    s.concurrently(f"Kỷ luật / discipline ({len(discipline)} cán bộ)", [
        lambda person=person, body=body: s.api.created(f"/cadres/{s.cadre_id(person.code)}/discipline", body)
        for person, body in discipline], say)
    for person, body in conclusions:  # the last cadre's conclusion comes last: it marks the step as done
        s.api.created(f"/cadres/{s.cadre_id(person.code)}/conclusions", body)
    return f"kỷ luật / discipline {len(discipline)}, kết luận / conclusions {len(conclusions)}"


# course results of the training school (a large province) ----------------------------------
def _result_files(s: Seeding) -> list[tuple[str, list[list]]]:
    positions = {p["code"]: p for p in s.catalogue["positions"]}
    rows = activity.course_results(s.roster.persons, positions, s.api.get("/training/requirements"),
                                   s.api.get("/courses"), s.today, s.conduct)
    return [(f"ket-qua-boi-duong-{number:02d}.xlsx", rows[start:start + RESULT_ROWS])
            for number, start in enumerate(range(0, len(rows), RESULT_ROWS), start=1)]


def results_done(s: Seeding) -> bool:
    last_file = _result_files(s)[-1][0]
    return any(u["file_name"] == last_file for u in s.api.get("/training/uploads", limit=100))


def _wait_for_training(s: Seeding, say) -> None:
    """Until the training service knows the roster's last cadre from the registry's events: a file
    sent before is refused row by row again and again — each time read whole, checked and stored
    with its report, work that only slows the training service's catching up (the demo's file went
    seven times, a large province's reports of thousands of rows then made the uploads' list slow)."""
    started = time.monotonic()
    last, deadline = s.cadre_id(s.roster.persons[-1].code), started + CATCH_UP_SECONDS
    while s.api.call("GET", f"/training/cadres/{last}/compliance", ok=(200, 404)).status_code == 404:
        if time.monotonic() > deadline:
            return  # the files' own retries wait further
        time.sleep(2)  # one read by _id: asking often costs the services nothing
    say(f"dịch vụ đào tạo đã biết các cán bộ / the training service knows the cadres "
        f"({time.monotonic() - started:.1f} s)")


def _uploaded(s: Seeding, report: dict) -> dict:
    """The upload's report: at once for a file the service answers with it, else once its job is done
    (a file over the service's TRAINING_UPLOAD_SYNC_ROWS is taken as a job)."""
    while report.get("status") not in (None, "done"):
        time.sleep(1)
        report = s.api.get(f"/training/uploads/{report['id']}")
    return report


def send_results(s: Seeding, say) -> str:
    """The school's spreadsheets of the last year, the last file last (it marks the step as done).
    The training service learns the cadres from the registry's events: a file whose rows it does
    not know yet is sent again (a file sent again changes nothing) until it knows them all."""
    accepted = 0
    _wait_for_training(s, say)
    for name, rows in _result_files(s):
        deadline = time.monotonic() + CATCH_UP_SECONDS
        while True:
            report = _uploaded(s, s.api.call("POST", "/training/uploads", ok=(201, 202), files={"file": (
                name, activity.results_workbook(rows), XLSX)}).json())
            if not report["rejected"] or time.monotonic() > deadline:
                break
            say(f"{name}: {report['rejected']} dòng chưa nhận, chờ dịch vụ đào tạo cập nhật cán bộ / "
                f"rows not known yet, waiting for the training service")
            time.sleep(10)
        if report["rejected"]:
            raise ClientError(f"{name}: rejected rows {report['problems'][:3]}")
        accepted += report["created"] + report["updated"] + report["unchanged"]
        say(f"{name}: {report['accepted']} dòng nhận / accepted")
    return f"{accepted} kết quả / results"


# citizens' answers at the counters (a large province) ---------------------------------------
def _answers(s: Seeding) -> list[tuple[str, int, dict]]:
    staff = {u["code"]: [(s.cadre_id(p.code), s.conduct(p)) for p in s.roster.persons
                         if p.unit_code == u["code"] and p.position_code == "CV-MC"] for u in s.catalogue["units"]}
    now = datetime.combine(s.today, datetime.min.time(), timezone.utc)
    return activity.counter_answers(staff, ANSWERS_PER_UNIT, now)


def answers_done(s: Seeding) -> bool:
    _unit, _counter, last = _answers(s)[-1]
    return counters.recorded(s, last)


def _answer(s: Seeding, token: str, body: dict) -> None:
    deadline = time.monotonic() + CATCH_UP_SECONDS
    while time.monotonic() < deadline:  # 422 until the survey service has learnt the unit's cadres from events
        res = requests.post(f"{s.api.base}/api/v1/kiosk/responses", json=body, timeout=60,
                            headers={"Authorization": f"Bearer {token}"})
        if res.status_code in (200, 201):
            return
        if res.status_code not in (422, 429, 502, 503, 504):
            break
        time.sleep(float(res.headers.get("Retry-After") or 5))  # 429: a kiosk sends 30 answers a minute at most
    raise ClientError(f"kiosk answer: {res.status_code} {res.text[:300]}", res.status_code)


def send_answers(s: Seeding, say) -> str:
    """Through the kiosks of each unit's two counters, as citizens answer there; the last answer last."""
    answers = _answers(s)
    tokens = {key: kiosk["token"] for key, kiosk in counters.kiosks(s).items()}
    s.concurrently("Ý kiến người dân / citizens' answers", [
        lambda code=code, counter=counter, body=body: _answer(s, tokens[code, counter], body)
        for code, counter, body in answers[:-1]], say)
    code, counter, body = answers[-1]
    _answer(s, tokens[code, counter], body)
    return f"{len(answers)} ý kiến tại {len(tokens)} ki-ốt / answers at kiosks"


STEPS = (
    Step("Đơn vị / units", units_done, send_units),
    Step("Khung năng lực / competencies", lambda s: not _missing_competencies(s), send_competencies),
    Step("Vị trí việc làm và tiêu chuẩn / positions", lambda s: not _missing_positions(s), send_positions),
    Step("Cán bộ / cadres", cadres_done, send_cadres),
    Step("Quá trình công tác / work history", histories_done, send_histories),
    Step("Kỷ luật, kết luận / discipline and conclusions", sensitive_records_done, send_sensitive_records),
)


# What the province did, beyond its registry (demo/activity.py); the demo adds its history and
# accounts around these (demo/province.py).
ACTIVITY = (
    Step("Kết quả bồi dưỡng / course results", results_done, send_results),
    Step("Ý kiến người dân / citizens' answers", answers_done, send_answers),
)


def seed(api: Client, steps=None, out=print, size: str = "demo", admin_password: str = "", quarters: int = 8,
         survey_url: str = "") -> None:
    """Run, in order, every step whose data is not there yet, printing ``[n/N] title: summary``
    (``size`` "minimal": the registry only; "demo": with ``quarters`` of history and its accounts,
    demo/province.py; "large": the large province and its activity)."""
    from .province import account_lines, demo_steps  # it builds on this module's steps

    started = time.monotonic()
    seeding = Seeding(api, size=size, admin_password=admin_password, history=quarters, survey_url=survey_url)
    if steps is None:
        steps = {"minimal": STEPS, "large": (*STEPS, *ACTIVITY)}.get(size) or (*STEPS, *demo_steps(seeding))
    out("Dữ liệu minh họa / demo data:", flush=True)
    ran = 0
    for number, step in enumerate(steps, start=1):
        checked = time.monotonic()
        if step.done(seeding):  # asked only now: a step's check may read what the steps before it made
            out(f" [{number}/{len(steps)}] {step.title}: đã có / already there ({time.monotonic() - checked:.1f} s)",
                flush=True)
            continue
        step_started = time.monotonic()
        summary = step.run(seeding, lambda text: out(f"    {text}", flush=True))
        out(f" [{number}/{len(steps)}] {step.title}: {summary} ({time.monotonic() - step_started:.1f} s)", flush=True)
        ran += 1
    if ran == 0:
        out(f"  đã có, bỏ qua / already there, nothing to do ({time.monotonic() - started:.1f} s)", flush=True)
    else:
        out(f"  xong trong / done in {time.monotonic() - started:.1f} s", flush=True)
    if size == "demo":
        out("  Tài khoản minh họa / demo accounts (tên / username, mật khẩu / password):", flush=True)
        for line in account_lines(seeding):
            out(line, flush=True)

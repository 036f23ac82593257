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
from datetime import date
from typing import Callable

from c360_client import Client, ClientError

from . import load
from .roster import Roster, roster_workbook

WORKERS = 4
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Seeding:
    """What the steps share: the client (signed in as the administrator), the data and the roster."""
    api: Client
    catalogue: dict = field(default_factory=lambda: load("catalogue"))
    people: dict = field(default_factory=lambda: load("people"))
    today: date = field(default_factory=date.today)
    cadre_ids: dict[str, str] = field(default_factory=dict)  # code → id of the demo cadres known so far

    def __post_init__(self):
        self.roster = Roster(self.catalogue, self.people, self.today)

    def cadre_id(self, code: str) -> str:
        """A demo cadre's id: the import's report gives them, a run without the import lists them."""
        page, pages = 1, 1
        while code not in self.cadre_ids and page <= pages:
            res = self.api.call("GET", "/cadres", params={"q": "CB0", "status": "all", "per_page": 500, "page": page})
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
                      | {"standard": standard, "leadership": p.get("leadership", "none")})
    for area, appendix in s.catalogue["appendices"].items():
        s.api.call("PUT", f"/standards/appendices/{area}", json=appendix)
    return (f"{len(s.catalogue['positions'])} ({len(missing)} mới / new), "
            f"phụ lục theo địa bàn / appendices: {len(s.catalogue['appendices'])}")


# cadres -----------------------------------------------------------------------------------
def cadres_done(s: Seeding) -> bool:
    return bool(s.api.get("/cadres", q=s.roster.persons[-1].code, status="all"))


def send_cadres(s: Seeding, _say) -> str:
    """The whole roster as one spreadsheet import, as HR sends it, with assessed competency levels."""
    report = s.api.call("POST", "/imports/cadres", files={
        "file": ("danh-sach-can-bo-minh-hoa.xlsx", roster_workbook(s.roster), XLSX)}).json()
    if report["rejected"]:
        raise ClientError(f"import rejected rows: {report['errors'][:5]}")
    s.cadre_ids.update((row["code"], row["id"]) for row in report["results"])
    return (f"{report['rows']} dòng từ tệp XLSX — tạo / created {report['created']}, "
            f"cập nhật / updated {report['updated']}, giữ nguyên / unchanged {report['unchanged']}")


# posts before the merger ------------------------------------------------------------------
def histories_done(s: Seeding) -> bool:
    last, _post = s.roster.former_posts()[-1]
    return bool(s.api.get(f"/cadres/{s.cadre_id(last.code)}")["work_history"])


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


STEPS = (
    Step("Đơn vị / units", units_done, send_units),
    Step("Khung năng lực / competencies", lambda s: not _missing_competencies(s), send_competencies),
    Step("Vị trí việc làm và tiêu chuẩn / positions", lambda s: not _missing_positions(s), send_positions),
    Step("Cán bộ / cadres", cadres_done, send_cadres),
    Step("Quá trình công tác / work history", histories_done, send_histories),
    Step("Kỷ luật, kết luận / discipline and conclusions", sensitive_records_done, send_sensitive_records),
)


def seed(api: Client, steps=STEPS, out=print) -> None:
    """Run, in order, every step whose data is not there yet, printing ``[n/N] title: summary``."""
    started = time.monotonic()
    seeding = Seeding(api)
    out("Dữ liệu minh họa / demo data:", flush=True)
    ran = 0
    for number, step in enumerate(steps, start=1):
        if step.done(seeding):  # asked only now: a step's check may read what the steps before it made
            out(f" [{number}/{len(steps)}] {step.title}: đã có / already there", flush=True)
            continue
        step_started = time.monotonic()
        summary = step.run(seeding, lambda text: out(f"    {text}", flush=True))
        out(f" [{number}/{len(steps)}] {step.title}: {summary} ({time.monotonic() - step_started:.1f} s)", flush=True)
        ran += 1
    if ran == 0:
        out("  đã có, bỏ qua / already there, nothing to do", flush=True)
    else:
        out(f"  xong trong / done in {time.monotonic() - started:.1f} s", flush=True)

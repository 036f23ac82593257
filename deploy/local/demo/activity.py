"""What the province did that the platform records, made up from fixed seeds and the cadres'
conduct (demo/behaviour.py), no I/O: course results of the province's training school, uploaded as
the school's spreadsheet, and citizens' answers at each unit's one-stop counter — the last four
weeks' through the kiosks (``counter_answers``), the quarters before through the survey's seeding
door (``past_answers``, demo/counters.py). The evaluation history is demo/history.py."""
from __future__ import annotations

import io
import random
import uuid
from datetime import date, datetime, timedelta, timezone

from openpyxl import Workbook

from . import behaviour
from .roster import MERGER_DAY

HEADER = ["Mã cán bộ", "Họ và tên", "Mã khóa học", "Khóa/Lớp", "Ngày hoàn thành",
          "Kết quả (Đạt/Không đạt)", "Số giờ", "Chứng chỉ hết hạn"]
ANSWER_NAMESPACE = uuid.UUID("0d7f1c52-58a4-4c63-9a65-2f3a1b7f0c11")
# Rated dossiers a working day at a commune's counter (both kiosks), by month: busy before Tết and
# at the year's end (land, household and social-allowance files), quiet in the Tết month and in summer.
DAILY_ANSWERS = 0.8
BURST = "-LT"  # the dossier codes of a press burst's answers end so (bấm liên tục)
SEASON = {1: 1.4, 2: 0.55, 3: 1.0, 4: 1.0, 5: 1.05, 6: 1.1, 7: 0.8, 8: 0.85, 9: 1.1, 10: 1.15, 11: 1.25, 12: 1.35}


def applies(requirement: dict, position: dict) -> bool:
    """Whether a training requirement concerns holders of ``position`` (by code, task group, leaders)."""
    return ((not requirement["position_codes"] or position["code"] in requirement["position_codes"])
            and (not requirement["task_groups"] or position["task_group"] in requirement["task_groups"])
            and (requirement["leaders"] is None or requirement["leaders"] == position["is_leader"]))


def course_results(persons: list, positions: dict, requirements: list[dict], courses: list[dict], today: date,
                   conduct) -> list[list]:
    """The school's results of each cadre's required courses, as the upload sheet's rows, from each
    cadre's ``conduct(person)`` (demo/behaviour.py): most passed in time, some never taken (overdue),
    a few failed, some certificates left to lapse (completed longer ago than they last)."""
    by_category = {}
    for course in sorted(courses, key=lambda c: c["code"]):
        by_category.setdefault(course["category"], course)
    by_code = {c["code"]: c for c in courses}
    rows = []
    for person in persons:
        rnd = random.Random(f"school|{person.code}")
        position = positions[person.position_code]
        wanted = [by_code.get(r["course_code"]) or by_category.get(r["category"]) for r in requirements
                  if applies(r, position)]
        # the course categories the position's standard asks for (a gap until a valid course of each)
        wanted += [by_category.get(c) for c in position["standard"].get("required_course_categories", [])]
        for course in {c["code"]: c for c in wanted if c is not None}.values():
            outcome = behaviour.course_outcome(conduct(person), person.code, course["code"])
            if outcome == "missing" or (person.appointed_on > today - timedelta(days=365) and rnd.random() < 0.5):
                continue  # never taken, or not yet by one appointed within the year (due within 12 months)
            months = course["certificate_months"]
            if outcome == "lapsed" and months:
                completed = today - timedelta(days=30 * months + rnd.randint(20, 200))
            else:
                completed = today - timedelta(days=rnd.randint(20, 30 * min(months or 20, 20) - 20))
            expires = completed + timedelta(days=30 * months) if months else None
            session = f"{completed.year}-K{rnd.randint(1, 4)}"
            if outcome == "retaken":  # failed in an earlier class of the same course, then passed
                earlier = completed - timedelta(days=rnd.randint(60, 200))
                rows.append([person.code, person.full_name, course["code"], f"{earlier.year}-L{rnd.randint(1, 4)}",
                             earlier.strftime("%d/%m/%Y"), "Không đạt", course["hours"], None])
            rows.append([person.code, person.full_name, course["code"], session,
                         completed.strftime("%d/%m/%Y"), "Không đạt" if outcome == "failed" else "Đạt",
                         course["hours"], expires.strftime("%d/%m/%Y") if expires and outcome != "failed" else None])
    return rows


def results_workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Ket qua"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counter_answers(staff_by_unit: dict[str, list[tuple[str, object]]], per_unit: int, now: datetime,
                    bursts: int = 3, seed: int = 335) -> list[tuple[str, int, dict]]:
    """(unit code, counter 0 or 1, answer body) — ``per_unit`` citizens' answers about each unit's
    counter staff (cadre id, conduct) over the last four weeks (the kiosk API takes an answer's time
    up to 30 days back), on working days, busier early in the week and at the start of the month,
    each level drawn from the official's conduct; the first ``bursts`` units also get a press burst
    at counter 0 (six answers in 30 seconds, flagged suspect by the survey service). A unit has two
    counters, each with its kiosk. Oldest first; response ids are fixed: sending again records nothing new."""
    rnd = random.Random(seed)
    days = [now - timedelta(days=n) for n in range(1, 29) if (now - timedelta(days=n)).weekday() < 6]
    weights = [(1.6 if d.weekday() < 2 else 1.0) * (1.4 if d.day <= 7 else 1.0) * (0.5 if d.weekday() == 5 else 1)
               for d in days]
    answers = []
    for index, (unit_code, staff) in enumerate(sorted(staff_by_unit.items())):
        if not staff:
            continue
        times = sorted(rnd.choices(days, weights)[0].replace(hour=rnd.randint(1, 9), minute=rnd.randint(0, 59),
                                                              second=rnd.randint(0, 59), microsecond=0)
                       for _ in range(per_unit))
        if index < bursts:
            start = times[len(times) // 2] + timedelta(minutes=3)
            times += [start + timedelta(seconds=5 * n) for n in range(6)]
        for number, moment in enumerate(times):
            cadre_id, conduct = rnd.choice(staff)
            answers.append((unit_code, 0 if number >= per_unit else number % 2, {
                "response_id": str(uuid.uuid5(ANSWER_NAMESPACE, f"{unit_code}|{number}")),
                "dossier_code": f"HS-{unit_code}-{number:05d}", "cadre_id": cadre_id,
                "overall": behaviour.answer_level(conduct, rnd),
                "indicators": {"attitude": rnd.randint(2, 5), "time": rnd.randint(1, 5)}, "comment": None,
                "answered_at": moment.isoformat()}))
    # in the order citizens answered: the kiosks of every unit take turns (a kiosk sends 30 a minute at most)
    return sorted(answers, key=lambda a: (a[2]["answered_at"], a[2]["response_id"]))


def _poisson(rnd: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method: the means here are small)."""
    limit, count, product = 2.718281828459045 ** -mean, 0, rnd.random()
    while product > limit:
        count, product = count + 1, product * rnd.random()
    return count


def past_answers(staff_by_unit: dict[str, list[tuple[str, object, date]]], start: date, end: date,
                 bursts: int = 4, seed: int = 2025) -> list[tuple[str, int, dict]]:
    """(unit code, counter 0 or 1, answer body) — citizens' answers about each unit's counter staff
    (cadre id, conduct, in post since) on the working days from ``start`` to ``end``: on average
    ``DAILY_ANSWERS`` a day a unit times the month's ``SEASON`` factor, Mondays and the first week of
    a month busier, Saturday mornings half; each level drawn from the official's conduct. ``bursts``
    units (the first ones) also get one press burst each at counter 0, in a different quarter's
    middle (six answers in 30 seconds: the fourth to sixth are held as suspect). Oldest first; ids
    fixed by unit, day and number, so sending again records nothing new."""
    rnd = random.Random(seed)
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    days = [d for d in days if d.weekday() < 6]
    answers = []
    for index, (unit_code, staff) in enumerate(sorted(staff_by_unit.items())):
        burst_day = days[(2 * index + 1) * len(days) // (2 * bursts)] if index < bursts else None
        for day in days:
            mean = DAILY_ANSWERS * SEASON[day.month] * (1.4 if day.weekday() == 0 else 1.0) \
                * (1.3 if day.day <= 7 else 1.0) * (0.5 if day.weekday() == 5 else 1.0)
            present = [s for s in staff if s[2] <= max(day, MERGER_DAY)]  # those of the merger: a former counter
            times = sorted(datetime(day.year, day.month, day.day, rnd.randint(1, 9), rnd.randint(0, 59),
                                    rnd.randint(0, 59), tzinfo=timezone.utc) for _ in range(_poisson(rnd, mean)))
            if day == burst_day:
                times += [datetime(day.year, day.month, day.day, 3, 7, 5 * n, tzinfo=timezone.utc) for n in range(6)]
            for number, moment in enumerate(times):
                if not present:
                    break
                cadre_id, conduct, _since = rnd.choice(present)
                burst = day == burst_day and number >= len(times) - 6
                answers.append((unit_code, 0 if burst else rnd.randint(0, 1), {
                    "response_id": str(uuid.uuid5(ANSWER_NAMESPACE, f"past|{unit_code}|{day}|{number}")),
                    "dossier_code": f"HS-{unit_code}-{day:%y%m%d}-{number:03d}{BURST if burst else ''}",
                    "cadre_id": cadre_id,
                    "overall": behaviour.answer_level(conduct, rnd),
                    "indicators": {"attitude": rnd.randint(2, 5), "time": rnd.randint(1, 5)}, "comment": None,
                    "answered_at": moment.isoformat()}))
    return sorted(answers, key=lambda a: (a[2]["answered_at"], a[2]["response_id"]))


def in_burst(body: dict) -> bool:
    return body["dossier_code"].endswith(BURST)


def quarter_of(moment: str) -> str:
    """The quarter code (``2026-Q3``) of an ISO time."""
    day = datetime.fromisoformat(moment)
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"

"""The demo province's life beyond its registry (``make run``'s default, ``C360_DEMO=demo``): the
demo accounts of each role, the school's course results (demo/activity.py), citizens' answers of the
past quarters (demo/counters.py), two years of evaluation (demo/history.py), the last weeks' answers, then the early warning trained on that history
and a few flags acted on. Every step is skipped once its data is there (demo/seeder.py)."""
from __future__ import annotations

import time
from datetime import datetime, timezone

from c360_client import ClientError

from . import counters, hr_flags
from .accounts import ensure_user, password_of
from .history import course_gaps_settled, quarter_done, quarter_run, year_done, year_run
from .seeder import ACTIVITY, Seeding, Step

ASSESS_SECONDS = 600
ROLE_ACCOUNTS = (  # (username, role, what it is, scope: unit of the first commune / its counter official)
    ("hr.demo", "unit_hr", "Bộ phận tổ chức xã / commune HR", "unit"),
    ("canbo.demo", "cadre", "Cán bộ (công chức một cửa) / a cadre", "cadre"),
    ("kiemtra.demo", "auditor", "Kiểm tra, giám sát / auditor", None),
    ("truong.demo", "training_school", "Trường Chính trị tỉnh / training school", None),
)


def _first_unit_counter(s: Seeding):
    unit = s.catalogue["units"][0]["code"]
    return next(p for p in s.roster.persons if p.unit_code == unit and p.position_code == "CV-MC")


def accounts_done(s: Seeding) -> bool:
    return any(u["username"] == ROLE_ACCOUNTS[-1][0] for u in s.api.get("/users", q=ROLE_ACCOUNTS[-1][0]))


def send_accounts(s: Seeding, _say) -> str:
    for username, role, _what, scope in ROLE_ACCOUNTS:
        extra = {"unit": {"unit_id": s.unit_ids()[0]},
                 "cadre": {"cadre_id": s.cadre_id(_first_unit_counter(s).code)}}.get(scope, {})
        ensure_user(s.api, s.admin_password, username, role, **extra)
    return f"{len(ROLE_ACCOUNTS)} tài khoản / accounts"


def account_lines(s: Seeding) -> list[str]:
    lines = [f"    admin{'':12} Quản trị tỉnh / province admin (mật khẩu ở trên / password above)"]
    for username, _role, what, _scope in ROLE_ACCOUNTS:
        lines.append(f"    {username:<17} {password_of(s.admin_password, username):<16} {what}")
    return lines


# the early warning ------------------------------------------------------------------------------
def risk_done(s: Seeding) -> bool:
    return any(f.get("interventions") for f in s.api.get("/risk/flags"))


def _utc(moment: str) -> datetime:
    day = datetime.fromisoformat(moment)
    return day if day.tzinfo else day.replace(tzinfo=timezone.utc)


def _assess_unit(s: Seeding, unit_id: str, version: int | None) -> list[dict]:
    """One unit assessed (one unit a request, one at a time); when the gateway stops waiting (504)
    the service still finishes it: its latest assessments, read by the unit, say when — asking
    again would only run a second assessment beside the first."""
    started = datetime.now(timezone.utc)
    res = s.api.session.post(f"{s.api.base}/api/v1/risk/assess", json={"unit_id": unit_id}, timeout=120)
    if res.status_code not in (200, 502, 503, 504):
        raise ClientError(f"POST /risk/assess: {res.status_code} {res.text[:300]}", res.status_code)
    if res.status_code in (502, 503):  # not taken (busy): asked again, as any client would
        s.api.call("POST", "/risk/assess", json={"unit_id": unit_id})
    deadline = time.monotonic() + ASSESS_SECONDS
    while time.monotonic() < deadline:
        items = s.api.get("/risk/assessments", unit_id=unit_id)["items"]
        if items and all(i["model_version"] == version and _utc(i["assessed_at"]) >= started for i in items):
            return items
        time.sleep(2)
    raise ClientError(f"unit {unit_id}: not assessed after {ASSESS_SECONDS} s")


def send_risk(s: Seeding, say) -> str:
    """Train on the history, assess every cadre, and act on the three most likely: mentoring by the
    most skilled colleague of the unit, or a closer review."""
    started = time.monotonic()
    say(f"khóa học còn thiếu / course gaps: {course_gaps_settled(s)} ({time.monotonic() - started:.1f} s)")
    model = s.api.call("POST", "/risk/model/train", ok=(200, 201, 202)).json()
    say(f"mô hình / model v{model.get('version')} ({time.monotonic() - started:.1f} s)")
    lights = {}
    for number, unit_id in enumerate(s.unit_ids(), start=1):
        for item in _assess_unit(s, unit_id, model.get("version")):
            lights[item["light"]] = lights.get(item["light"], 0) + 1
        say(f"đánh giá / assessed {number}/{len(s.unit_ids())} ({time.monotonic() - started:.1f} s)")
    say(f"đèn / lights: {lights}")
    say(f"cảnh báo đóng / flags closed: {hr_flags.close_recovered(s, say)} ({time.monotonic() - started:.1f} s)")
    flags = sorted(s.api.get("/risk/flags"), key=lambda f: -(f.get("probability") or 0))
    by_id = s.person_by_id()
    for number, flag in enumerate(flags[:3]):
        person = by_id.get(flag["cadre_id"])
        mentor = max((p for p in s.roster.persons if person and p.unit_code == person.unit_code and p != person),
                     key=lambda p: s.conduct(p).skill, default=None)
        body = {"kind": "mentoring", "mentor_cadre_id": s.cadre_id(mentor.code),
                "note": "Kèm cặp 3 tháng bởi cán bộ có kinh nghiệm / three months' mentoring"} \
            if mentor and number % 2 == 0 else \
            {"kind": "closer_review", "note": "Theo dõi sát kết quả quý tới / closer review next quarter"}
        s.api.call("POST", f"/risk/flags/{flag['id']}/acknowledge", ok=(200, 201, 409))
        s.api.call("POST", f"/risk/flags/{flag['id']}/interventions", ok=(200, 201), json=body)
    lights = {light: sum(f["light"] == light for f in flags) for light in ("red", "amber")}
    return (f"{len(flags)} cảnh báo / flags (đỏ / red {lights['red']}, vàng / amber {lights['amber']}; "
            f"{_reasons(flags)}), {min(3, len(flags))} đang can thiệp / interventions")


def _reasons(flags: list[dict]) -> str:
    """How many open flags each rule raised, and how many the model's probability alone."""
    counts = {}
    for flag in flags:
        for code in [t["code"] for t in flag["triggers"]] or ["model"]:
            counts[code] = counts.get(code, 0) + 1
    return ", ".join(f"{code} {count}" for code, count in sorted(counts.items()))


def demo_steps(s: Seeding) -> tuple[Step, ...]:
    quarters = s.quarters
    steps = [Step("Tài khoản minh họa / demo accounts", accounts_done, send_accounts),
             # before the quarters close: their scores count the citizens' answers (demo/counters.py)
             Step("Ý kiến người dân các quý trước / past quarters' answers", counters.past_done, counters.send_past)]
    for q, code in enumerate(quarters):
        current = q == len(quarters) - 1
        steps.append(Step(f"Kỳ đánh giá / period {code}", quarter_done(code, current), quarter_run(code, q, current)))
    past = s.today.year - 1
    if f"{past}-Q4" in quarters:  # a shorter history (C360_DEMO_QUARTERS) closes the year with what it has
        whole = all(f"{past}-Q{n}" in quarters for n in range(1, 5))
        steps.append(Step(f"Kết quả cuối năm / year-end {past}", year_done(past), year_run(past, whole)))
    results, answers = ACTIVITY
    # the school's results of the last years go first: the evaluation has long learnt them when
    # the model trains (at the end, on the history)
    return (steps[0], results, *steps[1:], answers, Step("Cảnh báo sớm / early warning", risk_done, send_risk))

"""Two years of evaluation, one step per quarter, through the evaluation API as HR and the cadres
run it: open the period, assign the output tasks with their outcome (``POST /tasks/batch``), the
360 round (each direct leader rates their staff, three colleagues rate whoever has no direct
leader, the raters rate themselves: ``POST /ratings/batch`` with the rater's own token), close,
decide the excellent quota where a task group is over it (the system's proposal: highest scores
first), approve each unit (which publishes it). The current quarter stays open: tasks due so far
done, half the raters have answered. Then the year-end close of the past year, decided and
approved the same way. What each cadre does comes from ``behaviour``.

Only leader-and-self ratings plus three colleagues for the top leaders are seeded (not every peer
pair: ~15 peers per cadre would be 8,000 answers a quarter); a group of peers shows only from
three raters, so the general points come from the leader's and the cadre's own marks."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from c360_client import ClientError

from . import behaviour, counters, hr_flags
from .accounts import rater_clients
from .roster import MERGER_DAY

TASK_ROWS = 150  # a unit's cadres a request: each request stays well within the gateway's timeout
JOB_SECONDS = 600
# the course gaps count as settled once unchanged over SETTLED_READS reads this far apart (the
# evaluation applies the school's results in runs of events, seconds apart even under load)
SETTLE_INTERVAL, SETTLED_READS = 5, 3
WORKERS = 4
TITLES = ("Báo cáo kết quả thực hiện nhiệm vụ quý", "Hồ sơ thủ tục hành chính giải quyết đúng hạn",
          "Kế hoạch triển khai chương trình công tác")


def quarters(today: date, count: int = 8) -> list[str]:
    """The ``count`` quarters ending with today's, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    codes = []
    for _ in range(count):
        codes.append(f"{year}-Q{quarter}")
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return codes[::-1]


def bounds(code: str) -> tuple[date, date]:
    year, quarter = int(code[:4]), int(code[-1])
    start = date(year, 3 * quarter - 2, 1)
    end = (date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)) - timedelta(days=1)
    return start, end


def find_period(s, code: str) -> dict | None:
    return next((p for p in s.api.get("/periods", year=int(code[:4])) if p["code"] == code), None)


def wait_job(s, path: str) -> dict:
    deadline = time.monotonic() + JOB_SECONDS
    while time.monotonic() < deadline:
        found = s.api.get(path)
        job = found.get("job") or {}
        if found["status"] == "closed" and job.get("status") in (None, "done"):
            return found
        if job.get("status") == "failed":
            raise ClientError(f"{path}: job failed: {job.get('error')}")
        time.sleep(1)
    raise ClientError(f"{path}: not closed after {JOB_SECONDS} s")


def round_plan(s, period_id: str, say) -> dict[str, list[tuple[str, str]]]:
    """Rater cadre id → [(ratee id, group)], from each unit's assignment (organisation-made)."""
    if s.plan is None:
        plan, codes = {}, {}
        for unit_id in s.unit_ids():
            assigned = s.api.get(f"/periods/{period_id}/assignments", unit_id=unit_id)
            leaders = {lid for m in assigned["members"] for lid in m["direct_leaders"]}
            codes.update((m["cadre_id"], m["code"]) for m in assigned["members"] if m["cadre_id"] in leaders)
            for member in assigned["members"]:
                if member["direct_leaders"]:
                    plan.setdefault(member["direct_leaders"][0], []).append((member["cadre_id"], "leader"))
                else:
                    others = [(p["rater_id"], p["group"]) for p in assigned["pairs"]
                              if p["ratee_id"] == member["cadre_id"] and p["rater_id"] in leaders
                              and p["group"] != "self"][:3]
                    for rater, group in others:
                        plan.setdefault(rater, []).append((member["cadre_id"], group))
            for leader in leaders:
                plan.setdefault(leader, []).append((leader, "self"))
        s.plan = plan
        s.raters = rater_clients(s.api, s.admin_password, {codes[c]: c for c in plan}, say)
    return s.plan


def send_tasks(s, code: str, q: int, today: date) -> int:
    start, end = bounds(code)
    due_days = [start + timedelta(days=40), start + timedelta(days=70), end - timedelta(days=5)]
    rows = []
    for person in s.roster.persons:
        if person.appointed_on > max(MERGER_DAY, end - timedelta(days=30)):
            continue  # appointed since: not in post that quarter (those of the merger held a former post)
        for number, task in enumerate(behaviour.tasks(s.conduct(person), q, person.code, due_days)):
            if task["completed_on"] and task["completed_on"] > today:
                task = {**task, "completed_on": None, "quality_failures": 0, "delays": 0}
            rows.append({**task, "cadre_id": s.cadre_id(person.code), "title": TITLES[number],
                         "due_on": task["due_on"].isoformat(),
                         "completed_on": task["completed_on"] and task["completed_on"].isoformat()})
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(lambda begin: s.api.call("POST", "/tasks/batch", json={
            "period": code, "tasks": rows[begin:begin + TASK_ROWS]}), range(0, len(rows), TASK_ROWS)))
    return len(rows)


def send_ratings(s, code: str, q: int, period_id: str, say, share: float = 1.0) -> int:
    plan, by_id = round_plan(s, period_id, say), s.person_by_id()
    raters = sorted(plan)

    def send(rater: str) -> int:
        ratings = [{"ratee_id": ratee, "group": group,
                    "scores": behaviour.leader_marks(s.conduct(by_id[ratee]), q, by_id[ratee].code)}
                   for ratee, group in plan[rater] if ratee in by_id]
        s.raters[rater].call("POST", "/ratings/batch", json={"period": code, "ratings": ratings})
        return len(ratings)

    with ThreadPoolExecutor(WORKERS) as pool:
        return sum(pool.map(send, raters[:round(len(raters) * share)]))


def decide_and_approve(s, base: str) -> tuple[int, int]:
    """Each unit's classification: the quota decided where a group is over it, then approved."""
    decided = approved = 0
    for unit_id in s.unit_ids():
        try:
            found = s.api.get(f"{base}/classification", unit_id=unit_id)
        except ClientError as exc:
            if exc.status == 404:  # nobody of the unit was scored
                continue
            raise
        if found["status"] == "approved":
            continue
        for group in found["groups"]:
            if group["violation"]:
                s.api.call("POST", f"{base}/classification/decisions", json={
                    "unit_id": unit_id, "task_group": group["task_group"],
                    "keep_excellent": group["keep_excellent"][:group["allowed_excellent"]]})
                decided += 1
        s.api.call("POST", f"{base}/classification/approve", json={"unit_id": unit_id})
        approved += 1
    return decided, approved


def course_gaps_settled(s) -> int:
    """The evaluation learns the school's results from the training service's events, cadre by
    cadre: until the province's course gaps stop changing (their count). Before the first close (a
    cadre whose results are half applied misses a course as far as the close's early-warning pass
    knows, and a flag stays open) and before the model trains (on the gaps as they will stay).
    Once seen settled, a run does not wait again: nothing sends course results after that step."""
    if s.course_gaps is not None:
        return s.course_gaps
    province = next(u["id"] for u in s.api.get("/units") if u["kind"] == "province")
    seen, deadline = [], time.monotonic() + JOB_SECONDS
    while time.monotonic() < deadline:
        items = s.api.get(f"/units/{province}/gaps", ids="false")["items"]
        seen.append(sum(i["count"] for i in items if i["kind"] == "course"))
        if len(seen) >= SETTLED_READS and len(set(seen[-SETTLED_READS:])) == 1:
            s.course_gaps = seen[-1]
            return seen[-1]
        time.sleep(SETTLE_INTERVAL)
    raise ClientError(f"the course gaps still change after {JOB_SECONDS} s")


# the steps -------------------------------------------------------------------------------------
def _approved(s, base: str) -> bool:
    return s.api.get(f"{base}/classification", unit_id=s.unit_ids()[-1])["status"] == "approved"


def quarter_done(code: str, current: bool):
    def done(s) -> bool:
        period = find_period(s, code)
        if period is None:
            return False
        if current:  # the tasks go last in the open quarter: the last cadre's mark it as seeded
            return bool(s.api.get("/tasks", cadre_id=s.cadre_id(s.roster.persons[-1].code), period=code))
        return period["status"] == "closed" and _approved(s, f"/periods/{period['id']}")
    return done


def quarter_run(code: str, q: int, current: bool):
    def run(s, say) -> str:
        period = find_period(s, code) or s.api.created("/periods", {"year": int(code[:4]), "quarter": int(code[-1])})
        tasks = ratings = 0
        if period["status"] == "open":
            started = time.monotonic()
            ratings = send_ratings(s, code, q, period["id"], say, share=0.5 if current else 1.0)
            say(f"{code}: {ratings} phiếu 360 / ratings ({time.monotonic() - started:.1f} s)")
            started = time.monotonic()
            tasks = send_tasks(s, code, q, s.today)
            say(f"{code}: {tasks} sản phẩm / tasks ({time.monotonic() - started:.1f} s)")
            if current:
                return f"đang mở / open: {tasks} sản phẩm / tasks, {ratings} phiếu / ratings"
            if not s.counted:  # the first close
                started = time.monotonic()
                say(f"khóa học còn thiếu / course gaps: {course_gaps_settled(s)} ({time.monotonic() - started:.1f} s)")
                # green ones (a course missing only while results were half applied) before the closes
                started = time.monotonic()
                say(f"cảnh báo đóng / flags closed: {hr_flags.close_recovered(s, say)} "
                    f"({time.monotonic() - started:.1f} s)")
            started = time.monotonic()
            counters.wait_counted(s, code)
            say(f"{code}: ý kiến đã tính / answers counted ({time.monotonic() - started:.1f} s)")
            opening = time.monotonic() + JOB_SECONDS  # the opening job writes the period's job: let it finish
            while (s.api.get(f"/periods/{period['id']}").get("job") or {}).get("status") in ("queued", "running") \
                    and time.monotonic() < opening:
                time.sleep(0.5)
            s.api.call("POST", f"/periods/{period['id']}/close", ok=(200, 202))
        started = time.monotonic()
        closed = wait_job(s, f"/periods/{period['id']}")
        say(f"{code}: khóa kỳ / closed ({time.monotonic() - started:.1f} s)")
        started = time.monotonic()
        decided, approved = decide_and_approve(s, f"/periods/{period['id']}")
        say(f"{code}: phê duyệt / approved ({time.monotonic() - started:.1f} s)")
        return (f"{tasks} sản phẩm / tasks, {ratings} phiếu / ratings, {closed.get('scores')} điểm chốt / scores, "
                f"{decided} quyết định giới hạn / quota decisions, {approved} đơn vị phê duyệt / units approved")
    return run


def year_done(year: int):
    return lambda s: s.api.get(f"/years/{year}")["status"] == "closed" and _approved(s, f"/years/{year}")


def year_run(year: int, whole: bool = True):
    def run(s, say) -> str:
        if s.api.get(f"/years/{year}")["status"] == "open":
            s.api.call("POST", f"/years/{year}/close", ok=(200, 202), json={"confirm_open_quarters": not whole})
        closed = wait_job(s, f"/years/{year}")
        decided, approved = decide_and_approve(s, f"/years/{year}")
        return (f"{closed.get('results')} kết quả cuối năm / year-end results, {decided} quyết định giới hạn / "
                f"quota decisions, {approved} đơn vị phê duyệt / units approved")
    return run

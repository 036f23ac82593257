"""Whether a cadre may be planned for a key title (PRODUCT.md §3.7), and every reason why not:

- the standard of the title's position is met — or will be met by a date before the term starts,
  with courses planned to get there (then the gaps are notes, not problems);
- rated Hoàn thành tốt or better in each of the last years (3 by default) — the years before the
  current one; a year without a result is a problem too ("chưa có kết quả năm …");
- young enough to serve the whole term before retirement age;
- no disciplinary measure in force;
- still serving.

Warnings are not problems: substantiated citizens' reports ("nhiều phản ánh tiêu cực") and a
confidence vote whose outcome asks that the post be considered, shown wherever the cadre is proposed.
Every message is "Tiếng Việt / English".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .rules import LEVELS, PlanningRules, Term

LEVEL_NAMES = {"excellent": ("Hoàn thành xuất sắc nhiệm vụ", "Excellent"),
               "good": ("Hoàn thành tốt nhiệm vụ", "Good"),
               "completed": ("Hoàn thành nhiệm vụ", "Completed"),
               "not_completed": ("Không hoàn thành nhiệm vụ", "Not completed")}
OUTCOME_NAMES = {"consider": ("cần xem xét", "to be considered"), "replace": ("đề nghị thay thế", "replacement proposed")}


@dataclass(frozen=True)
class YearResult:
    year: int
    mean: float
    level: str


@dataclass(frozen=True)
class Discipline:
    measure: str
    measure_name: str  # "Khiển trách / Reprimand"
    decided_on: date


@dataclass(frozen=True)
class Gap:
    key: str
    label: str  # "vi / en"


@dataclass(frozen=True)
class Candidate:
    """What eligibility reads of one cadre for one title."""
    active: bool
    gender: str
    birth_year: int
    discipline: tuple[Discipline, ...] = ()
    results: tuple[YearResult, ...] = ()
    gaps: tuple[Gap, ...] = ()
    standard_met_by: date | None = None   # the training plan's date to meet the title's standard
    courses: tuple[str, ...] = ()          # the courses planned for it
    substantiated_reports: int = 0
    last_vote: tuple[int, str] | None = None  # (year, outcome) of the latest confidence vote


@dataclass(frozen=True)
class Check:
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return not self.problems


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def years_checked(rules: PlanningRules, on: date) -> list[int]:
    """The last years whose results count: the ones before ``on``'s year, most recent first."""
    return [on.year - n for n in range(1, rules.years_of_results + 1)]


def standard_findings(c: Candidate, term: Term) -> tuple[list[str], list[str]]:
    """(problems, notes) about the title's standard."""
    if not c.gaps:
        return [], []
    plan_ok = c.standard_met_by is not None and c.courses and c.standard_met_by <= date(term.start, 1, 1)
    if plan_ok:
        by = _day(c.standard_met_by)
        return [], [f"Sẽ đạt tiêu chuẩn chức danh trước {by} theo kế hoạch bồi dưỡng: {g.label.partition(' / ')[0]} / "
                    f"to meet the title's standard by {by} under the training plan: {g.label.partition(' / ')[2]}"
                    for g in c.gaps]
    problems = []
    if c.standard_met_by is not None and c.standard_met_by > date(term.start, 1, 1):
        problems.append(f"Hạn đạt chuẩn {_day(c.standard_met_by)} sau khi nhiệm kỳ {term.code} bắt đầu / "
                        f"the date to meet the standard, {_day(c.standard_met_by)}, is after the term begins")
    problems += [f"Chưa đạt tiêu chuẩn chức danh: {g.label.partition(' / ')[0]} / "
                 f"title standard not met: {g.label.partition(' / ')[2]}" for g in c.gaps]
    return problems, []


def results_problems(c: Candidate, rules: PlanningRules, on: date) -> list[str]:
    by_year = {r.year: r for r in c.results}
    floor = LEVELS.index(rules.min_level)
    need_vi, need_en = LEVEL_NAMES[rules.min_level]
    problems = []
    for year in sorted(years_checked(rules, on)):
        result = by_year.get(year)
        if result is None:
            problems.append(f"Chưa có kết quả năm {year} / no result for {year}")
        elif LEVELS.index(result.level) < floor:
            vi, en = LEVEL_NAMES[result.level]
            problems.append(f"Năm {year}: {vi} ({result.mean:.1f} điểm), cần {need_vi} trở lên / "
                            f"{year}: {en} ({result.mean:.1f}), {need_en} or better needed")
    return problems


def retirement_year(c: Candidate, rules: PlanningRules) -> int:
    return c.birth_year + rules.retirement_ages[c.gender]


def age_problems(c: Candidate, rules: PlanningRules, term: Term) -> list[str]:
    """Serving the whole term: retirement age is reached no earlier than the term's last year."""
    year = retirement_year(c, rules)
    if year >= term.end:
        return []
    return [f"Đến tuổi nghỉ hưu năm {year}, không đủ tuổi công tác trọn nhiệm kỳ {term.code} / "
            f"reaches retirement age in {year}, before the {term.code} term ends"]


def discipline_in_force(d: Discipline, rules: PlanningRules, on: date) -> date | None | bool:
    """The last day the measure is in force (None: it never ends), or False when it has ended."""
    months = rules.discipline_months.get(d.measure)
    if months is None:
        return None
    ends = add_months(d.decided_on, months)
    return ends if on < ends else False


def discipline_problems(c: Candidate, rules: PlanningRules, on: date) -> list[str]:
    problems = []
    for d in c.discipline:
        ends = discipline_in_force(d, rules, on)
        if ends is False:
            continue
        vi, _, en = d.measure_name.partition(" / ")
        until_vi = f", đến {_day(ends)}" if ends else ""
        until_en = f", until {_day(ends)}" if ends else ""
        problems.append(f"Đang trong thời hạn kỷ luật: {vi} (quyết định ngày {_day(d.decided_on)}{until_vi}) / "
                        f"disciplinary measure in force: {en or vi} (decided {_day(d.decided_on)}{until_en})")
    return problems


def warnings(c: Candidate, rules: PlanningRules) -> list[str]:
    found = []
    if c.substantiated_reports >= rules.report_warning_min:
        found.append(f"Có {c.substantiated_reports} phản ánh của người dân được kết luận là đúng / "
                     f"{c.substantiated_reports} citizens' report(s) found substantiated")
    if c.last_vote and c.last_vote[1] in OUTCOME_NAMES:
        year, outcome = c.last_vote
        vi, en = OUTCOME_NAMES[outcome]
        found.append(f"Lấy phiếu tín nhiệm năm {year}: {vi} / confidence vote {year}: {en}")
    return found


def check(c: Candidate, rules: PlanningRules, term: Term, on: date) -> Check:
    """Every unmet condition (problems), what a training plan will close (notes), and the warnings."""
    if not c.active:
        return Check(("Cán bộ đã thôi việc / the cadre has left",), (), tuple(warnings(c, rules)))
    standard, notes = standard_findings(c, term)
    problems = [*standard, *results_problems(c, rules, on), *age_problems(c, rules, term),
                *discipline_problems(c, rules, on)]
    return Check(tuple(problems), tuple(notes), tuple(warnings(c, rules)))

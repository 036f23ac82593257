"""How the demo province's cadres behave: the one generator behind their output tasks, 360
ratings, citizens' answers and course results, so the figures agree with each other and the
early-warning model has something real to learn. Pure, from fixed seeds (no I/O).

Each cadre gets a ``Conduct``:

- ``skill`` (0–1, Beta(9, 3): mean 0.75): what they can do; sets the quality of their work and
  citizens' view of it;
- ``effort`` (0–1, Beta(9, 3)): how much they put in; sets completion and training done on time;
- ``trend`` (per quarter: most 0, one in seventy drifting down by 0.03–0.06 (``DRIFT``), one in
  fifteen improving);
- ``discipline``: the quarter of a disciplinary measure (the roster's records), after which their
  performance drops for two quarters.

Their **performance** in quarter ``q`` (0 = the oldest of the history) is
``0.05 + 0.45·skill + 0.4·effort + trend·q − dip`` (dip 0.2) clipped to 0–1, plus noise (σ 0.03).
From it:

- tasks (three a quarter, k = 1–3): done with probability ``done_chance(p)``: 0.998, less by
  1.5·(0.45 − p) below 0.45 and by 0.3 more below 0.4 (a weak cadre still does most of the work,
  a falling one drops it); each done task has ``round((1 − p)·5·u)`` quality failures and as many
  delays (u uniform);
- the 360 marks (0–10) of the cadre's raters: ``0.8 + 7·p`` ± 0.6 per index group, discipline 2.5
  lower from a measure on;
- citizens' answers: dissatisfied with probability ``0.35·(1 − skill)`` + 0.2 while drifting
  down, very satisfied with probability ``0.6·skill``;
- course results: a required course is missing with probability ``0.02·(1 − effort)`` (overdue once
  due), failed with probability 0.06 (nine in ten retake it and pass in a later class), and a
  certificate is left to lapse by one cadre in seventy — each unmet item past its deadline is an early-warning flag,
  so most cadres are compliant (the newly appointed, who still have time, often are not yet:
  demo/activity.py).

Per quarter this gives 0.3–1% excellent proposals (≥ 90: the quota of 20% of the good ones per
unit and task group, groups of 3–8 cadres, lets few stay, so one to four task groups a quarter are
over it and decided), about 91% good, 6–9% completed and 0–1% not completed — the drifting cadres
and the measures' dips, about eight cadres in the last four quarters: the handful of red flags the
early warning should see coming (tests/deploy/test_demo_behaviour.py checks these shares).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date


MARK_BASE = 0.8  # the 360 marks: MARK_BASE + 7·performance
DRIFTING, IMPROVING = 0.015, 0.07  # shares of cadres drifting down, improving
DRIFT = (0.03, 0.06)  # a drifting cadre's loss of performance a quarter
RELIABLE, STRUGGLING = 0.45, 0.4  # below these performances, tasks are left undone more and more
NOISE = 0.03
SLIPS = 5  # a done task's quality failures and delays: up to (1 − performance)·SLIPS each
DIP = 0.2  # the loss of performance in the quarter of a disciplinary measure and the next


@dataclass(frozen=True)
class Conduct:
    skill: float
    effort: float
    trend: float
    discipline: int | None  # index of the quarter of a disciplinary measure


def quarter_index(quarters: list[str], day: date) -> int | None:
    code = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return quarters.index(code) if code in quarters else None


def conduct_of(code: str, discipline_quarter: int | None = None, seed: int = 16) -> Conduct:
    rnd = random.Random(f"{seed}|{code}")
    skill, effort = rnd.betavariate(9, 3), rnd.betavariate(9, 3)
    kind = rnd.random()
    trend = -rnd.uniform(*DRIFT) if kind < DRIFTING else rnd.uniform(0.01, 0.03) if kind > 1 - IMPROVING else 0.0
    return Conduct(round(skill, 3), round(effort, 3), round(trend, 3), discipline_quarter)


def performance(c: Conduct, q: int, code: str) -> float:
    noise = random.Random(f"p|{code}|{q}").gauss(0, NOISE)
    dip = DIP if c.discipline is not None and 0 <= q - c.discipline <= 1 else 0.0
    return min(1.0, max(0.0, 0.05 + 0.45 * c.skill + 0.4 * c.effort + c.trend * q - dip + noise))


def done_chance(p: float) -> float:
    """A task is done: nearly always from a performance of ``RELIABLE`` on, less and less below it."""
    return 0.998 - 1.5 * max(0.0, RELIABLE - p) - (0.3 if p < STRUGGLING else 0)


def tasks(c: Conduct, q: int, code: str, due_days: list[date]) -> list[dict]:
    """The cadre's output tasks of quarter ``q`` with their outcome (one per due day)."""
    rnd, p = random.Random(f"t|{code}|{q}"), performance(c, q, code)
    out = []
    for number, due in enumerate(due_days):
        done = rnd.random() < done_chance(p)
        out.append({"key": f"{q:02x}{number:02x}d360", "coefficient": rnd.choice((1, 1, 2, 3)),
                    "due_on": due, "completed_on": due if done else None,
                    "quality_failures": round((1 - p) * SLIPS * rnd.random()) if done else 0,
                    "delays": round((1 - p) * SLIPS * rnd.random()) if done else 0})
    return out


def leader_marks(c: Conduct, q: int, code: str) -> dict[str, float]:
    rnd, p = random.Random(f"r|{code}|{q}"), performance(c, q, code)
    after_measure = c.discipline is not None and q >= c.discipline
    marks = {"service": MARK_BASE + 7 * p + rnd.uniform(-0.6, 0.6), "coordination": MARK_BASE + 7 * p + rnd.uniform(-0.6, 0.6),
             "discipline": MARK_BASE + 7 * p + rnd.uniform(-0.6, 0.6) - (2.5 if after_measure else 0)}
    return {k: round(min(10.0, max(0.0, v)), 1) for k, v in marks.items()}


def answer_level(c: Conduct, rnd: random.Random) -> str:
    unhappy = 0.35 * (1 - c.skill) + (0.2 if c.trend < 0 else 0.0)
    roll = rnd.random()
    return "dissatisfied" if roll < unhappy else "very_satisfied" if roll < unhappy + 0.6 * c.skill else "satisfied"


def course_outcome(c: Conduct, code: str, course: str) -> str:
    """``missing`` (never taken: overdue once due), ``failed``, ``retaken`` (failed, then passed in a
    later class), ``lapsed`` (certificate left to expire) or ``passed``."""
    rnd = random.Random(f"c|{code}|{course}")
    if rnd.random() < 0.02 * (1 - c.effort):
        return "missing"
    if rnd.random() < 0.06:
        return "retaken" if rnd.random() < 0.9 else "failed"
    return "lapsed" if rnd.random() < 0.015 else "passed"

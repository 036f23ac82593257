"""How the demo province's cadres behave: the one generator behind their output tasks, 360
ratings, citizens' answers and course results, so the figures agree with each other and the
early-warning model has something real to learn. Pure, from fixed seeds (no I/O).

Each cadre gets a ``Conduct``:

- ``skill`` (0–1, Beta(9, 3): mean 0.75): what they can do; sets the quality of their work and
  citizens' view of it;
- ``effort`` (0–1, Beta(9, 3)): how much they put in; sets completion and training done on time;
- ``trend`` (per quarter: most 0, one in sixteen drifting down by 0.04–0.09, one in fifteen improving);
- ``discipline``: the quarter of a disciplinary measure (the roster's records), after which their
  performance drops for two quarters.

Their **performance** in quarter ``q`` (0 = the oldest of the history) is
``0.05 + 0.45·skill + 0.4·effort + trend·q − dip`` (dip 0.3) clipped to 0–1, plus noise (σ 0.04).
From it:

- tasks (three a quarter, k = 1–3): done with probability ``0.8 + 0.25·p`` (0.3 less when p < 0.45);
  each done task has ``round((1 − p)·2.5·u)`` quality failures and as many delays (u uniform);
- the 360 marks (0–10) of the cadre's raters: ``1.1 + 7·p`` ± 0.6 per index group, discipline 2.5
  lower from a measure on;
- citizens' answers: dissatisfied with probability ``0.35·(1 − skill)`` + 0.2 while drifting
  down, very satisfied with probability ``0.6·skill``;
- course results: a required course is missing with probability ``0.35·(1 − effort)`` (overdue),
  failed with probability 0.1, and a certificate is left to lapse by one cadre in five.

Per quarter this gives about 11% excellent proposals (≥ 90) — fewer than 20% of the good ones in
all, so only some units' task groups pass the quota and are decided —, about 80% good, 5–9%
completed, and not completed growing from 1.5% to 4%
as the drifting cadres fall — what the early warning should see coming (tests/deploy/test_demo_behaviour.py
checks these shares).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date


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
    trend = -rnd.uniform(0.04, 0.09) if kind < 0.06 else rnd.uniform(0.01, 0.03) if kind > 0.93 else 0.0
    return Conduct(round(skill, 3), round(effort, 3), round(trend, 3), discipline_quarter)


def performance(c: Conduct, q: int, code: str) -> float:
    noise = random.Random(f"p|{code}|{q}").gauss(0, 0.04)
    dip = 0.3 if c.discipline is not None and 0 <= q - c.discipline <= 1 else 0.0
    return min(1.0, max(0.0, 0.05 + 0.45 * c.skill + 0.4 * c.effort + c.trend * q - dip + noise))


def tasks(c: Conduct, q: int, code: str, due_days: list[date]) -> list[dict]:
    """The cadre's output tasks of quarter ``q`` with their outcome (one per due day)."""
    rnd, p = random.Random(f"t|{code}|{q}"), performance(c, q, code)
    out = []
    for number, due in enumerate(due_days):
        done = rnd.random() < 0.8 + 0.25 * p - (0.3 if p < 0.45 else 0)
        out.append({"key": f"{q:02x}{number:02x}d360", "coefficient": rnd.choice((1, 1, 2, 3)),
                    "due_on": due, "completed_on": due if done else None,
                    "quality_failures": round((1 - p) * 2.5 * rnd.random()) if done else 0,
                    "delays": round((1 - p) * 2.5 * rnd.random()) if done else 0})
    return out


def leader_marks(c: Conduct, q: int, code: str) -> dict[str, float]:
    rnd, p = random.Random(f"r|{code}|{q}"), performance(c, q, code)
    after_measure = c.discipline is not None and q >= c.discipline
    marks = {"service": 1.1 + 7 * p + rnd.uniform(-0.6, 0.6), "coordination": 1.1 + 7 * p + rnd.uniform(-0.6, 0.6),
             "discipline": 1.1 + 7 * p + rnd.uniform(-0.6, 0.6) - (2.5 if after_measure else 0)}
    return {k: round(min(10.0, max(0.0, v)), 1) for k, v in marks.items()}


def answer_level(c: Conduct, rnd: random.Random) -> str:
    unhappy = 0.35 * (1 - c.skill) + (0.2 if c.trend < 0 else 0.0)
    roll = rnd.random()
    return "dissatisfied" if roll < unhappy else "very_satisfied" if roll < unhappy + 0.6 * c.skill else "satisfied"


def course_outcome(c: Conduct, code: str, course: str) -> str:
    """``missing`` (never taken: overdue), ``failed``, ``lapsed`` (certificate left to expire) or ``passed``."""
    rnd = random.Random(f"c|{code}|{course}")
    if rnd.random() < 0.35 * (1 - c.effort):
        return "missing"
    if rnd.random() < 0.1:
        return "failed"
    return "lapsed" if rnd.random() < 0.2 else "passed"

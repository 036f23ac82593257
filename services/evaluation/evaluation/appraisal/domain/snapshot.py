"""What closing a period keeps of a cadre's score (PRODUCT.md §6): the rules' result as codes and
figures, with the versions it was computed under, so an edit to a position, its standard or the
general-criteria policy after closing changes nothing that was frozen. Labels people read are
added when a score is shown, never stored."""
from __future__ import annotations

from dataclasses import dataclass

from .general_criteria import GeneralResult
from .scoring import ScoreResult

LEADER_PARTS = ("d", "dd", "e")
FIGURES = ("a", "b", "c", *LEADER_PARTS, "task_points", "general_points", "total")


@dataclass(frozen=True)
class Versions:
    """The catalogue versions a score used. A position's standard is versioned with the position
    (``/positions/{id}/versions/{n}`` shows both), so the standard's version is the position's."""
    position_id: str | None
    position_code: str | None
    position_version: int | None
    policy: str            # the general-criteria policy in force: a task group, or "default"
    policy_version: int

    def as_record(self) -> dict:
        return {"position_id": self.position_id, "position_code": self.position_code,
                "position_version": self.position_version, "standard_version": self.position_version,
                "general_policy": self.policy, "general_policy_version": self.policy_version}


def frozen_record(period: str, cadre_id: str, unit_id: str, task_group: str | None, is_leader: bool,
                  score: ScoreResult, general: GeneralResult, versions: Versions,
                  leader_reasons: dict | None = None) -> dict:
    """The stored snapshot of one cadre's score (without its id and timestamps)."""
    leader = score.leader or {}
    record = {"period": period, "cadre_id": cadre_id, "unit_id": unit_id, "task_group": task_group,
              "is_leader": is_leader, "a": score.a, "b": score.b, "c": score.c,
              **{part: leader.get(part) for part in LEADER_PARTS},
              "task_points": score.task_points, "general_points": score.general_points, "total": score.total,
              "level": score.level, "override": score.override, "general": general.as_record(),
              "versions": versions.as_record()}
    record["leader_reasons"] = dict(leader_reasons or {"dd": None, "e": None}) if is_leader else {}
    return record


def score_payload(record: dict) -> dict:
    """The ``score.computed`` event's payload (contract: cadre_shared.contracts.evaluation)."""
    payload = {name: record[name] for name in ("cadre_id", "unit_id", "period", "task_group", "is_leader",
                                               "level", "override")}
    payload.update({name: round(record[name], 6) if record[name] is not None else None for name in FIGURES})
    return payload

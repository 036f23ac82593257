"""The general-criteria policy per similar-task group (points per index group, rater-group
weights, leniency normalisation), stored as data and versioned; "default" applies where a group
has none, and the law's default where nothing is stored."""
from __future__ import annotations

from dataclasses import dataclass

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ..domain.general_criteria import Policy
from ..models.policies import GeneralCriteriaPolicy

DEFAULT_KEY = "default"


@dataclass(frozen=True)
class PolicyInForce:
    policy: Policy
    key: str          # the task group whose own policy this is, or "default"
    version: int      # 0: the law's default, nothing stored


def as_policy(doc: GeneralCriteriaPolicy | None) -> Policy:
    if doc is None:
        return Policy()
    return Policy(index_points=dict(doc.index_points), weights=dict(doc.weights),
                  normalise_leniency=bool(doc.normalise_leniency))


class Policies:
    """Every stored policy, read once (a handful of documents), answering per task group."""

    def __init__(self):
        self.stored = {d.id: d for d in GeneralCriteriaPolicy.objects}
        default = self.stored.get(DEFAULT_KEY)
        self.default = PolicyInForce(as_policy(default), DEFAULT_KEY, (default.version or 1) if default else 0)

    def for_group(self, task_group: str | None) -> PolicyInForce:
        doc = self.stored.get(task_group) if task_group and task_group != DEFAULT_KEY else None
        return PolicyInForce(as_policy(doc), task_group, doc.version or 1) if doc else self.default


def policy_view(key: str, policy: Policy, stored: bool, version: int) -> dict:
    return {"task_group": key, "index_points": dict(policy.index_points), "weights": dict(policy.weights),
            "normalise_leniency": policy.normalise_leniency, "stored": stored, "version": version}


def list_policies() -> list[dict]:
    policies = Policies()
    views = [policy_view(DEFAULT_KEY, policies.default.policy, DEFAULT_KEY in policies.stored,
                         policies.default.version)]
    return views + [policy_view(k, as_policy(d), True, d.version or 1) for k, d in sorted(policies.stored.items())
                    if k != DEFAULT_KEY]


def put_policy(principal: Principal, task_group: str, data: dict) -> dict:
    """A new version of the group's policy; scores frozen earlier keep the version they used."""
    try:
        policy = Policy(index_points=data["index_points"], weights=data["weights"],
                        normalise_leniency=data["normalise_leniency"])
    except ValueError as exc:  # the schema checks the sums; this is the domain's last word
        raise ApiError(422, fields={"_schema": [str(exc)]}) from None
    GeneralCriteriaPolicy._get_collection().update_one(
        {"_id": task_group},
        {"$set": {"index_points": dict(policy.index_points), "weights": dict(policy.weights),
                  "normalise_leniency": policy.normalise_leniency, "updated_by": principal.username,
                  "updated_at": utcnow()}, "$inc": {"version": 1}}, upsert=True)
    stored = GeneralCriteriaPolicy.objects(id=task_group).first()
    return policy_view(task_group, policy, True, stored.version)

"""The general-criteria policy per similar-task group (points per index group, rater-group
weights, leniency normalisation), stored as data; "default" applies where a group has none."""
from __future__ import annotations

from collections.abc import Iterable

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ..domain.general_criteria import Policy
from ..models.ratings import GeneralCriteriaPolicy

DEFAULT_KEY = "default"


def as_policy(doc: GeneralCriteriaPolicy | None) -> Policy:
    if doc is None:
        return Policy()
    return Policy(index_points=dict(doc.index_points), weights=dict(doc.weights),
                  normalise_leniency=bool(doc.normalise_leniency))


def policies_for(task_groups: Iterable[str | None]) -> dict[str | None, Policy]:
    """The policy in force for each task group (its own, else the default one, else the law's default)."""
    wanted = {g for g in task_groups if g}
    stored = {d.id: d for d in GeneralCriteriaPolicy.objects(id__in=[*wanted, DEFAULT_KEY])}
    fallback = as_policy(stored.get(DEFAULT_KEY))
    found: dict[str | None, Policy] = {g: as_policy(stored[g]) if g in stored else fallback for g in wanted}
    found[None] = fallback
    return found


def policy_view(key: str, policy: Policy, stored: bool) -> dict:
    return {"task_group": key, "index_points": dict(policy.index_points), "weights": dict(policy.weights),
            "normalise_leniency": policy.normalise_leniency, "stored": stored}


def list_policies() -> list[dict]:
    docs = {d.id: d for d in GeneralCriteriaPolicy.objects}
    views = [policy_view(DEFAULT_KEY, as_policy(docs.get(DEFAULT_KEY)), DEFAULT_KEY in docs)]
    return views + [policy_view(k, as_policy(d), True) for k, d in sorted(docs.items()) if k != DEFAULT_KEY]


def put_policy(principal: Principal, task_group: str, data: dict) -> dict:
    try:
        policy = Policy(index_points=data["index_points"], weights=data["weights"],
                        normalise_leniency=data["normalise_leniency"])
    except ValueError as exc:  # the schema checks the sums; this is the domain's last word
        raise ApiError(422, fields={"_schema": [str(exc)]}) from None
    GeneralCriteriaPolicy(id=task_group, index_points=dict(policy.index_points), weights=dict(policy.weights),
                          normalise_leniency=policy.normalise_leniency, updated_by=principal.username,
                          updated_at=utcnow()).save()
    return policy_view(task_group, policy, True)

"""The province's planning rules, stored as data (one document); the law's defaults until set."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ..domain.rules import PlanningRules
from ..models import SuccessionSettings


def current_rules() -> PlanningRules:
    stored = SuccessionSettings.objects(id="province").first()
    return PlanningRules(**stored.rules) if stored is not None and stored.rules else PlanningRules()


def rules_view(rules: PlanningRules, stored: SuccessionSettings | None = None) -> dict:
    return {**rules.as_dict(), "updated_by": stored.updated_by if stored else None,
            "updated_at": stored.updated_at if stored else None}


def read_rules() -> dict:
    return rules_view(current_rules(), SuccessionSettings.objects(id="province").first())


def put_rules(principal: Principal, data: dict) -> dict:
    try:
        rules = PlanningRules(**data)
    except ValueError as exc:  # the schema checks each value; this is the rules' own last word
        raise ApiError(422, fields={"_schema": [str(exc)]}) from None
    stored = SuccessionSettings(id="province", rules=rules.as_dict(), updated_by=principal.username,
                                updated_at=utcnow())
    stored.save()
    return rules_view(rules, stored)

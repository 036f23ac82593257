"""Plans per term: created by province HR, listed, found."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..domain.rules import Term, parse_term
from ..models import SuccessionPlan

NO_PLAN = "Không có quy hoạch này / No such plan"


def create_plan(principal: Principal, term_code: str) -> SuccessionPlan:
    try:
        term = parse_term(term_code)
    except ValueError:
        raise ApiError(422, fields={"term": ["Nhiệm kỳ dạng 2030-2035 (1–10 năm) / a term like 2030-2035"]}) from None
    plan = SuccessionPlan(term=term.code, start_year=term.start, end_year=term.end, created_by=principal.username)
    try:
        plan.save(force_insert=True)
    except NotUniqueError:
        raise ApiError(409, "Đã có quy hoạch cho nhiệm kỳ này / A plan for this term exists",
                       {"term": ["Đã có quy hoạch cho nhiệm kỳ này / already planned"]}, code="duplicate") from None
    return plan


def list_plans() -> list[SuccessionPlan]:
    return sorted(SuccessionPlan.objects.only("id", "term", "start_year", "end_year", "created_by", "created_at"),
                  key=lambda p: p.term, reverse=True)


def find_plan(plan_id: str) -> SuccessionPlan:
    plan = SuccessionPlan.objects(id=plan_id).first()
    if plan is None:
        raise ApiError(404, NO_PLAN)
    return plan


def term_of(plan: SuccessionPlan) -> Term:
    return Term(plan.start_year, plan.end_year)

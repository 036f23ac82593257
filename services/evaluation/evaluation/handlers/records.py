"""Records added to a dossier: discipline, conclusions, competency assessments, past posts."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..models import Cadre, Competency
from ..models.cadres import Assessment, Assignment, Conclusion, DisciplineRecord
from .access import managed_cadre
from .cadre_writes import change_cadre


def add_discipline(principal: Principal, cadre_id: str, data: dict) -> DisciplineRecord:
    record = DisciplineRecord(**data, recorded_by=principal.username)
    _append(principal, cadre_id, "discipline", record)
    return record


def add_conclusion(principal: Principal, cadre_id: str, data: dict) -> Conclusion:
    record = Conclusion(**data, recorded_by=principal.username)
    _append(principal, cadre_id, "conclusions", record)
    return record


def add_past_assignment(principal: Principal, cadre_id: str, data: dict) -> Cadre:
    entry = Assignment(**data)

    def mutate(c: Cadre) -> str:
        c.work_history = sorted([*c.work_history, entry], key=lambda e: (e.from_date is None, e.from_date))
        return "cadre.updated"

    cadre, _ = change_cadre(managed_cadre(principal, cadre_id), mutate)
    return cadre


def _append(principal: Principal, cadre_id: str, list_name: str, record) -> None:
    def mutate(c: Cadre) -> str:
        getattr(c, list_name).append(record)
        return "cadre.updated"

    change_cadre(managed_cadre(principal, cadre_id), mutate)


def _same(a: Assessment, item: dict) -> bool:
    return (a.competency_code, a.level, a.evidence, a.assessed_on) == (
        item["competency_code"], item["level"], item["evidence"], item["assessed_on"])


def add_assessments(principal: Principal, cadre_id: str, items: list[dict]) -> list[Assessment]:
    """Record assessed levels (with evidence and assessor); an identical assessment already on
    the dossier is not recorded twice. Returns the assessments recorded."""
    cadre = managed_cadre(principal, cadre_id)
    scales = {c.code: len(c.levels) for c in Competency.objects(code__in=[i["competency_code"] for i in items])
              .only("code", "levels")}
    problems = {}
    for index, item in enumerate(items):
        top = scales.get(item["competency_code"])
        if top is None:
            problems[f"assessments.{index}.competency_code"] = ["Năng lực không tồn tại / unknown competency"]
        elif item["level"] > top:
            problems[f"assessments.{index}.level"] = [f"Thang năng lực này chỉ có {top} mức / the scale has {top} levels"]
    if problems:
        raise ApiError(422, fields=problems)
    added: list[Assessment] = []

    def mutate(c: Cadre) -> str | None:
        added.clear()
        for item in items:
            if not any(_same(a, item) for a in [*c.assessments, *added]):
                added.append(Assessment(**item, assessed_by=principal.username))
        c.assessments.extend(added)
        return "cadre.updated" if added else None

    change_cadre(cadre, mutate)
    return added

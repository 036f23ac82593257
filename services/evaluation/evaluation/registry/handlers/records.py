"""Records added to a dossier: discipline, conclusions, competency assessments, past posts."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..models import Cadre, Competency
from ..models.cadres import Assessment, Assignment, Conclusion, DisciplineRecord
from .access import managed_cadre
from .cadre_writes import change_cadre


def add_discipline(principal: Principal, cadre_id: str, data: dict) -> DisciplineRecord:
    return _add_once(principal, cadre_id, "discipline", DisciplineRecord(**data, recorded_by=principal.username),
                     ("measure", "decided_on", "duty_related", "reason"))


def add_conclusion(principal: Principal, cadre_id: str, data: dict) -> Conclusion:
    return _add_once(principal, cadre_id, "conclusions", Conclusion(**data, recorded_by=principal.username),
                     ("type", "concluded_on", "duty_related", "summary"))


def add_past_assignment(principal: Principal, cadre_id: str, data: dict) -> Assignment:
    return _add_once(principal, cadre_id, "work_history", Assignment(**data),
                     ("unit_name", "position_title", "kind", "from_date", "to_date"))


def _add_once(principal: Principal, cadre_id: str, list_name: str, record, identity: tuple[str, ...]):
    """Append ``record`` to a list of the dossier unless one with the same ``identity`` fields is
    there already (a repeated submission records nothing). Returns the record on the dossier."""
    kept = [record]

    def mutate(c: Cadre) -> str | None:
        records = getattr(c, list_name)
        same = next((r for r in records if all(getattr(r, f) == getattr(record, f) for f in identity)), None)
        if same is not None:
            kept[0] = same
            return None
        kept[0] = record
        ordered = sorted([*records, record], key=_chronology) if list_name == "work_history" else [*records, record]
        setattr(c, list_name, ordered)
        return "cadre.updated"

    change_cadre(managed_cadre(principal, cadre_id), mutate)
    return kept[0]


def _chronology(entry: Assignment):
    return (entry.from_date is None, entry.from_date)


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

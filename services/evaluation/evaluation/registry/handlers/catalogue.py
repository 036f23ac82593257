"""The standards in force, loaded once per request or batch, as the domain's plain values."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..domain import gaps as rules
from ..models import AreaAppendix, Cadre, CadreTraining, Competency, Position, Unit


@dataclass
class Catalogue:
    positions: dict[str, Position]
    appendices: dict[str, tuple[rules.AppendixItem, ...]]
    competency_names: dict[str, str]
    unit_areas: dict[str, str | None]

    @classmethod
    def load(cls, unit_ids: Iterable[str] | None = None, position_ids: Iterable[str] | None = None) -> "Catalogue":
        """Every position and unit, or (for one cadre's analysis) only those named, read by ``_id``."""
        if position_ids is None:
            positions = {p.id: p for p in Position.objects.exclude("versions", "outbox")}
        else:
            found = (Position.objects(id=pid).exclude("versions", "outbox").first() for pid in set(position_ids) if pid)
            positions = {p.id: p for p in found if p is not None}
        appendices = {a.id: tuple(rules.AppendixItem(r.competency_code, r.min_level, bool(r.leaders_only))
                                  for r in a.requirements) for a in AreaAppendix.objects.exclude("versions", "outbox")}
        names = {c.code: c.name for c in Competency.objects.only("code", "name")}
        if unit_ids is None:
            areas = {u.id: u.area for u in Unit.objects.only("id", "area")}
        else:
            found_units = (Unit.objects(id=uid).only("id", "area").first() for uid in set(unit_ids) if uid)
            areas = {u.id: u.area for u in found_units if u is not None}
        return cls(positions, appendices, names, areas)

    @classmethod
    def of(cls, cadre: Cadre) -> "Catalogue":
        """What one cadre's analysis needs: their position and unit, the appendices, the names."""
        return cls.load(unit_ids=[cadre.unit_id], position_ids=[cadre.position_id])

    def standard_of(self, position_id: str | None) -> rules.Standard | None:
        position = self.positions.get(position_id) if position_id else None
        if position is None:
            return None
        s = position.standard
        return rules.Standard(
            min_education=s.min_education, min_political_theory=s.min_political_theory,
            min_digital_skill=s.min_digital_skill,
            required_course_categories=tuple(s.required_course_categories),
            required_competencies=tuple(rules.CompetencyRequirement(r.competency_code, r.min_level)
                                        for r in s.required_competencies))

    def gaps_of(self, cadre: Cadre, records: Iterable[rules.TrainingRecord], on: date) -> list[rules.Gap]:
        """The gap analysis of one cadre against the current version of their position's
        standard and their unit's area appendix. A cadre who left, or holds no position, has none."""
        standard = self.standard_of(cadre.position_id)
        if cadre.status != "active" or standard is None:
            return []
        profile = rules.CadreProfile(
            education=cadre.education, political_theory=cadre.political_theory, digital_skill=cadre.digital_skill,
            competency_levels=current_levels(cadre),
            completed_categories=rules.completed_categories(records, on),
            is_leader=bool(cadre.is_leader))
        appendix = self.appendices.get(self.unit_areas.get(cadre.unit_id) or "", ())
        return rules.cadre_gaps(profile, standard, appendix, self.competency_names)


def current_assessments(cadre: Cadre) -> list:
    """The assessment in force for each competency the cadre was assessed on."""
    chosen = rules.assessment_in_force([(a.competency_code, a.assessed_on) for a in cadre.assessments])
    return [cadre.assessments[index] for index in sorted(chosen.values())]


def current_levels(cadre: Cadre) -> dict[str, int]:
    return {a.competency_code: a.level for a in current_assessments(cadre)}


BY_ID_UP_TO = 100  # more cadres than this: one pass over the collection instead of reads by _id


def training_records(cadre_ids: Iterable[str]) -> dict[str, list[rules.TrainingRecord]]:
    """Course results known for these cadres, as the domain's records."""
    wanted = set(cadre_ids)
    collection = CadreTraining._get_collection()
    if len(wanted) > BY_ID_UP_TO:
        docs = (doc for doc in collection.find({}) if doc["_id"] in wanted)
    else:
        docs = filter(None, (collection.find_one({"_id": cadre_id}) for cadre_id in wanted))
    return {doc["_id"]: [rules.TrainingRecord(r["category"], r["passed"], date.fromisoformat(r["certificate_expires_on"])
                                              if r.get("certificate_expires_on") else None)
                         for r in (doc.get("records") or {}).values()] for doc in docs}


def courses_passed(cadre_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """The course codes each cadre passed (cadres with none are absent), read by ``_id``."""
    collection = CadreTraining._get_collection()
    found = {}
    for cadre_id in set(cadre_ids):
        doc = collection.find_one({"_id": cadre_id}) or {}
        codes = frozenset(r["course_code"] for r in (doc.get("records") or {}).values()
                          if r.get("passed") and r.get("course_code"))
        if codes:
            found[cadre_id] = codes
    return found

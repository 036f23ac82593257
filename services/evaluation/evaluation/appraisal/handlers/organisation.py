"""A unit as the 360 round and criterion d see it: its cadres (registry.queries), who leads whom
(registry.direct_leaders, from departments and what each position heads), and the period's
assignment — the organisation's pairs with HR's adjustments applied."""
from __future__ import annotations

from dataclasses import dataclass

from ... import registry as registry_rules
from ...registry import queries as registry
from ..domain.assignment import Adjustment, Member, Pair, assigned_pairs, derived_pairs
from ..models.assignments import RaterAdjustments
from ..models.rounds import round_id


@dataclass(frozen=True)
class UnitOrganisation:
    unit_id: str
    cadres: dict[str, registry.CadreFacts]        # every cadre of the unit, serving or not
    positions: dict[str, registry.PositionFacts]
    leaders: dict[str, tuple[str, ...]]           # serving cadre → their direct leaders
    managed: dict[str, frozenset[str]]            # leader → whom they directly manage

    def member(self, cadre_id: str) -> Member | None:
        cadre = self.cadres.get(cadre_id)
        if cadre is None:
            return None
        return Member(cadre.id, cadre.department_code, cadre.is_leader, cadre.active)

    @property
    def members(self) -> dict[str, Member]:
        return {cadre_id: self.member(cadre_id) for cadre_id in self.cadres}

    def position_of(self, cadre_id: str) -> registry.PositionFacts | None:
        cadre = self.cadres.get(cadre_id)
        return self.positions.get(cadre.position_id) if cadre and cadre.position_id else None


def organisation_of(unit_id: str, cadres: list[registry.CadreFacts] | None = None,
                    positions: dict[str, registry.PositionFacts] | None = None) -> UnitOrganisation:
    """The unit's organisation now; ``cadres`` and ``positions`` when the caller already has them."""
    if cadres is None:
        cadres = registry.cadres_in([unit_id], active_only=False)
    if positions is None:
        positions = registry.positions_by_id(c.position_id for c in cadres)
    serving = [c for c in cadres if c.active]
    org = [registry_rules.OrgMember(c.id, c.department_code,
                                    positions[c.position_id].leadership if c.position_id in positions else "none",
                                    c.is_leader, c.reports_to) for c in serving]
    leaders = registry_rules.direct_leaders(org)
    return UnitOrganisation(unit_id, {c.id: c for c in cadres}, positions, leaders,
                            registry_rules.managed_by(leaders))


def adjustments_of(period: str, unit_id: str) -> list[dict]:
    doc = RaterAdjustments._get_collection().find_one({"_id": round_id(period, unit_id)}, {"adjustments": 1})
    return list((doc or {}).get("adjustments") or [])


def assignment(period: str, org: UnitOrganisation, adjustments: list[dict] | None = None) -> dict[Pair, str]:
    """Who rates whom in the unit this period, as which group: the organisation's pairs with HR's
    adjustments for the period applied in the order they were made."""
    if adjustments is None:
        adjustments = adjustments_of(period, org.unit_id)
    derived = derived_pairs(org.members.values(), org.leaders)
    return assigned_pairs(derived, [Adjustment(a["action"], a["rater_id"], a["ratee_id"], a.get("group"))
                                    for a in adjustments])

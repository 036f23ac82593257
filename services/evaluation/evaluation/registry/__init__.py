"""The registry (bounded context at the bottom of the evaluation service): units and their
departments, positions with their versioned standards, the competency framework and the area
appendices, cadres' e-dossiers with their records, list imports, and the gap analysis of each
cadre against the standard of the post they hold. It depends on no other context.

The others use it through two doors only: ``registry.queries`` (reads, as plain values) and the
vocabulary exported here, which their pure rules may read."""
from .domain.dossier import ConclusionFact, DisciplineFact
from .domain.organisation import LEADERSHIP, LEADERSHIP_NAMES_VI, OrgMember, direct_leaders, managed_by
from .domain.scales import DISCIPLINE_MEASURES

__all__ = ["DISCIPLINE_MEASURES", "LEADERSHIP", "LEADERSHIP_NAMES_VI", "ConclusionFact", "DisciplineFact", "OrgMember", "direct_leaders",
           "managed_by"]

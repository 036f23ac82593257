"""How a cadre measures up to the standard of a title they do not hold yet (for succession plans):
the same gap rules as for their own post, against the title's position and the area appendix of
the title's unit. The catalogue is loaded once for a batch of (cadre, title) pairs."""
from __future__ import annotations

from collections.abc import Iterable

from cadre_shared.clock import today

from ..domain import gaps as rules
from ..models import Cadre
from .catalogue import Catalogue, current_levels, training_records


def gaps_for_titles(pairs: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], list[rules.Gap]]:
    """(cadre id, position id, unit id) → the unmet items of that position's standard for the cadre;
    pairs whose cadre or position is unknown are left out."""
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    catalogue = Catalogue.load()
    cadres = {}
    for cadre_id in dict.fromkeys(p[0] for p in pairs):
        cadre = Cadre.objects(id=cadre_id).exclude("outbox", "work_history").first()
        if cadre is not None:
            cadres[cadre_id] = cadre
    records = training_records(cadres)
    on = today()
    found = {}
    for cadre_id, position_id, unit_id in pairs:
        cadre, standard = cadres.get(cadre_id), catalogue.standard_of(position_id)
        if cadre is None or standard is None:
            continue
        position = catalogue.positions[position_id]
        profile = rules.CadreProfile(
            education=cadre.education, political_theory=cadre.political_theory, digital_skill=cadre.digital_skill,
            competency_levels=current_levels(cadre),
            completed_categories=rules.completed_categories(records.get(cadre_id, []), on),
            is_leader=bool(position.is_leader))
        appendix = catalogue.appendices.get(catalogue.unit_areas.get(unit_id) or "", ())
        found[(cadre_id, position_id, unit_id)] = rules.cadre_gaps(profile, standard, appendix,
                                                                   catalogue.competency_names)
    return found

"""The registry's current state published again, after a restore from backup (``cadre_shared.restore``):
every unit, position and cadre, and each cadre's gap analysis, staged as the events their copies
(survey, training) already keep, at the version stored — consumers upsert by id and version, so a copy
that has it changes nothing. Run on a quiet platform (no HTTP traffic), once the copies are emptied."""
from __future__ import annotations

from cadre_shared.clock import today
from cadre_shared.restore import stage

from ...common.events import event
from ..models import Cadre, Position, Unit
from .cadre_writes import NO_GAPS, change_cadre, gaps_digest
from .catalogue import Catalogue, training_records

BATCH = 500


def republish() -> dict:
    counts = {"units": 0, "positions": 0, "cadres": 0, "gaps_recomputed": 0}
    for unit in Unit.objects.exclude("outbox").batch_size(BATCH):
        counts["units"] += stage(Unit, unit.id, [event("unit.updated", unit.id, unit.state())])
    for position in Position.objects.exclude("versions", "outbox").batch_size(BATCH):
        counts["positions"] += stage(Position, position.id,
                                     [event("position.versioned", position.id, position.state())])
    catalogue = Catalogue.load()
    for cadre in Cadre.objects.exclude("outbox", "assessments").batch_size(BATCH):
        listed = [g.as_fact() for g in catalogue.gaps_of(cadre, training_records([cadre.id]).get(cadre.id, []),
                                                          today())]
        events = [event("cadre.updated", cadre.id, cadre.state())]
        current = gaps_digest(listed) == (cadre.gaps_digest or NO_GAPS)
        if current and cadre.gaps_version:  # an analysis never published (no gaps ever) has no copy
            events.append(event("cadre.gaps.changed", cadre.id, cadre.gaps_state(listed)))
        counts["cadres"] += stage(Cadre, cadre.id, events)
        if not current:  # the analysis changed since it was last published: a new version, as any change
            change_cadre(cadre, lambda _cadre: None, catalogue)
            counts["gaps_recomputed"] += 1
    return counts

"""The registry's consumers. Gap refresh: the service listening to its own registry events —
when a position's standard, a unit's area, an area appendix or a competency changes, the gap
analysis of every cadre it concerns is recomputed (and published) outside the request that made
the change, so that change stays one atomic write. Training results: course results from the
training service (``training.results.v1``), kept as the registry's read copy of what each cadre
completed; each result recomputes that cadre's gaps."""
from cadre_shared.consumer import ConsumerSpec

from .handlers.gap_refresh import on_course_result, on_registry_event

GAP_REFRESH = ConsumerSpec("gap-refresh", ["evaluation.positions.v1", "evaluation.units.v1", "evaluation.standards.v1"],
                           on_registry_event,
                           event_types={"position.versioned", "unit.updated", "appendix.versioned",
                                        "competency.versioned"})
TRAINING_RESULTS = ConsumerSpec("training-results", ["training.results.v1"], on_course_result,
                                event_types={"result.recorded"})

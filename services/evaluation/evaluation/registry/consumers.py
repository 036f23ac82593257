"""The registry's consumers. Gap refresh: the service listening to its own registry events —
when a position's standard, a unit's area, an area appendix or a competency changes, the gap
analysis of every cadre it concerns is recomputed (and published) outside the request that made
the change, so that change stays one atomic write. Training results: course results from the
training service (``training.results.v1``), kept as the registry's read copy of what each cadre
completed; each result recomputes that cadre's gaps. Roster heal: every event of a cadre puts
the cadre's row in the rosters again from the cadre as stored, which repairs a row a crash left
out (the handler that wrote the cadre writes it first; ``$max`` makes the second write a no-op).
Scrutiny: the survey service's conclusions of citizens' reports and confidence-vote results, kept
per cadre for the dossier, the appraisal's integrity index, succession planning and the early warning."""
from cadre_shared.consumer import ConsumerSpec

from .handlers.gap_refresh import on_course_result, on_course_results, on_registry_event
from .handlers.roster_writes import heal, heal_all
from .handlers.scrutiny import on_scrutiny_event

CADRE_EVENTS = frozenset({"cadre.registered", "cadre.updated", "cadre.moved", "cadre.left", "cadre.gaps.changed"})

GAP_REFRESH = ConsumerSpec("gap-refresh", ["evaluation.positions.v1", "evaluation.units.v1", "evaluation.standards.v1"],
                           on_registry_event,
                           event_types={"position.versioned", "unit.updated", "appendix.versioned",
                                        "competency.versioned"})
# A result's events arrive in order (keyed by the cadre) and a redelivery replays them in order from
# a committed offset, so the latest still wins; the gaps are recomputed from what is kept. Without a
# ledger, a run of results (a school's file) is applied at once.
RESULT_EVENTS = frozenset({"result.recorded"})
TRAINING_RESULTS = ConsumerSpec("training-results", ["training.results.v1"], on_course_result,
                                event_types=set(RESULT_EVENTS), ledger_free_types=RESULT_EVENTS,
                                batch_handler=on_course_results, batch_types=RESULT_EVENTS)
ROSTER_HEAL = ConsumerSpec("roster-heal", ["evaluation.cadres.v1", "evaluation.gaps.v1"], heal,
                           event_types=set(CADRE_EVENTS), ledger_free_types=CADRE_EVENTS,
                           batch_handler=heal_all, batch_types=CADRE_EVENTS)
SCRUTINY = ConsumerSpec("scrutiny", ["survey.reports.v1", "survey.confidence.v1"], on_scrutiny_event,
                        event_types={"report.concluded", "confidence.result"},
                        ledger_free_types=frozenset({"report.concluded", "confidence.result"}))

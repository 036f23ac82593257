"""The early warning runs by itself: over the whole province once a period's closing job is done
(``period.closed`` on the evaluation's own periods topic: every cadre has a new score), for one
cadre when something about them changed (the registry's ``cadre.*`` and ``cadre.gaps.changed``
events: discipline, probation, appointment, a move, a course result or standard that changed their
gaps), and every night as a safety net (a daily job of the evaluation worker). An assessment
changes a flag only when its assessment changed, so a repeated event or a second run the same day
raises nothing new and needs no ledger."""
from __future__ import annotations

import logging
from datetime import date

from cadre_shared.consumer import ConsumerSpec
from cadre_shared.daily_jobs import DailyJob

from .handlers.assessment import assess_scope
from .handlers.cadre_assessment import reassess_cadre

log = logging.getLogger(__name__)


def _summary(outcome: dict) -> dict:
    return {k: outcome[k] for k in ("cadres", "raised", "updated", "unchanged", "lights", "model_version")}


def assess_after_close(envelope: dict) -> None:
    outcome = assess_scope(None)
    log.info("early warning after period %s closed: %s", envelope["payload"]["code"], _summary(outcome))


def assess_changed_cadre(envelope: dict) -> None:
    outcome = reassess_cadre(envelope["payload"]["cadre_id"])
    log.info("early warning for cadre %s after %s: %s", envelope["payload"]["cadre_id"], envelope["type"], outcome)


def assess_changed_cadres(envelopes: list[dict]) -> None:
    """A run of changes (a school's file changes hundreds of cadres' gaps): each cadre once."""
    cadre_ids = list(dict.fromkeys(envelope["payload"]["cadre_id"] for envelope in envelopes))
    for cadre_id in cadre_ids:
        reassess_cadre(cadre_id)
    log.info("early warning for %d cadres after %d changes", len(cadre_ids), len(envelopes))


def nightly_assessment(day: date) -> dict:
    return _summary(assess_scope(None))


ASSESS_AFTER_CLOSE = ConsumerSpec("risk-after-close", ["evaluation.periods.v1"], assess_after_close,
                                  event_types={"period.closed"}, ledger_free_types=frozenset({"period.closed"}))
# A registration alone changes nothing the warning reads (no period, no discipline yet); the gaps
# it comes with arrive as cadre.gaps.changed.
CADRE_CHANGES = frozenset({"cadre.updated", "cadre.moved", "cadre.left", "cadre.gaps.changed"})
ASSESS_CHANGED_CADRE = ConsumerSpec("risk-cadre", ["evaluation.cadres.v1", "evaluation.gaps.v1"], assess_changed_cadre,
                                    event_types=set(CADRE_CHANGES), ledger_free_types=CADRE_CHANGES,
                                    batch_handler=assess_changed_cadres, batch_types=CADRE_CHANGES)
NIGHTLY = DailyJob("risk-assessment", nightly_assessment)

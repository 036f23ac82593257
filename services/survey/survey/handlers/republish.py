"""What the evaluation service copies from the survey, published again after a restore from backup
(``cadre_shared.restore``): each concluded citizens' report and each closed confidence vote's results,
as the events the evaluation's scrutiny copy already keeps (one fact per report or vote id: one it has
is set to the same value), and the citizens' answers (``republish_answers``). Run on a quiet platform,
once the copies are emptied."""
from __future__ import annotations

from collections.abc import Callable

from cadre_shared.clock import in_vietnam
from cadre_shared.restore import stage

from ..domain.reports import CONCLUDED
from ..models import CitizenReport, ConfidenceVote
from .reports import concluded_event
from .republish_answers import republish_answers
from .votes import result_event

BATCH = 500


def republish(progress: Callable[[str], None]) -> dict:
    counts = {"reports": 0, "votes": 0}
    for report in CitizenReport.objects(status=CONCLUDED).exclude("outbox").batch_size(BATCH):
        conclusion = report.conclusion
        counts["reports"] += stage(CitizenReport, report.id, [
            concluded_event(report, conclusion["substantiated"], conclusion["concluded_on"])])
    for vote in ConfidenceVote.objects(status="closed").exclude("outbox", "tallies").batch_size(BATCH):
        closed_on = in_vietnam(vote.closed_at).date().isoformat()
        counts["votes"] += stage(ConfidenceVote, vote.id, [result_event(vote, r, closed_on) for r in vote.results])
    return {**counts, **republish_answers(progress)}

"""The survey service's own satisfaction figures, counted from the stored responses:
responses not held as suspect, plus suspect ones a person has cleared."""
from __future__ import annotations

from cadre_shared.kept_reads import KeptReads
from cadre_shared.satisfaction import LEVELS, SatisfactionIndex, satisfaction_index

from ..domain.periods import Period, trailing_periods
from ..models import Response, SuspectCase

# Counting reads every response on the embedded store: the province home's four-quarter trend took
# seconds with the demo's answers. Each worker keeps the counts it made while the answers' version
# (``satisfaction_version``, one document by _id) has not moved: every write that changes what is
# counted moves it once stored (``moved``: a batch or a single answer, a review, the purge).
_counts_kept = KeptReads("satisfaction_version", "answers")


def moved() -> None:
    """After a write that changes the counted answers (a suspect one cleared, a purge)."""
    _counts_kept.moved(Response._get_db())


def answers_stored() -> None:
    """After new answers are stored (the kiosk path): the figures count them from this process's next
    read on, and from the other processes' within a second (``KeptReads.moved_soon``)."""
    _counts_kept.moved_soon(Response._get_db())


def _grouped(match: dict, by: str | None) -> dict:
    """{group key: {level: count}} of counted responses matching ``match`` (as last counted while no
    answer changed since)."""
    return _counts_kept.read(Response._get_db(), (repr(sorted(match.items())), by), lambda: _counted(match, by))


def _counted(match: dict, by: str | None) -> dict:
    """{group key: {level: count}} of counted responses matching ``match``, in one pass per collection."""
    key = {"o": "$overall"} if by is None else {"o": "$overall", "k": f"${by}"}
    counts: dict = {}
    for collection, counted in ((Response._get_collection(), {"suspect": False}),
                                (SuspectCase._get_collection(), {"status": "cleared"})):
        for row in collection.aggregate([{"$match": {**match, **counted}},
                                         {"$group": {"_id": key, "n": {"$sum": 1}}}]):
            group = counts.setdefault(row["_id"].get("k"), {level: 0 for level in LEVELS})
            group[row["_id"]["o"]] += row["n"]
    return counts


def scope_match(period: Period, cadre_id: str | None = None, unit_id: str | None = None,
                procedure_code: str | None = None) -> dict:
    match = {period.kind: period.code}
    for field, value in (("cadre_id", cadre_id), ("unit_id", unit_id), ("procedure_code", procedure_code)):
        if value is not None:
            match[field] = value
    return match


def index_for(match: dict) -> tuple[SatisfactionIndex, int]:
    """(index, number of responses still held as suspect) for one scope and period."""
    counts = _grouped(match, None).get(None, {})
    pending = SuspectCase.objects(status="pending", **match).count()
    return satisfaction_index(counts), pending


def breakdown(match: dict, by: str) -> dict[str, SatisfactionIndex]:
    """Index per cadre or per procedure within one scope and period."""
    return {key: satisfaction_index(counts) for key, counts in _grouped(match, by).items() if key is not None}


def trend(last: Period, count: int, **scope) -> list[tuple[Period, SatisfactionIndex]]:
    """Index of each of the ``count`` periods ending with ``last`` (one grouped pass, not one per period)."""
    periods = trailing_periods(last, count)
    match = scope_match(last, **scope)
    match[last.kind] = {"$in": [p.code for p in periods]}
    per_period = _grouped(match, last.kind)
    return [(period, satisfaction_index(per_period.get(period.code, {}))) for period in periods]

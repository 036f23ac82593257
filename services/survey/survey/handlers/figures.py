"""The survey service's own satisfaction figures, counted from the stored responses:
responses not held as suspect, plus suspect ones a person has cleared."""
from __future__ import annotations

import copy
import threading
import time
import uuid

from pymongo.errors import DuplicateKeyError

from cadre_shared.satisfaction import LEVELS, SatisfactionIndex, satisfaction_index

from ..domain.periods import Period, trailing_periods
from ..models import Response, SuspectCase

# Counting reads every response on the embedded store (FerretDB filters only by _id): the province
# home's four-quarter trend took seconds with the demo's answers. Each worker keeps the counts it
# made, valid while the answers' version (one document read by _id) has not moved: every write that
# changes what is counted moves it once it is stored (``moved``), so the next read after a write
# counts again. A count held longer than MAX_AGE is made again anyway (a writer that died between
# its answers and the version).
VERSION_COLLECTION, VERSION_ID, MAX_AGE = "satisfaction_version", "answers", 300.0
_kept: dict = {}
_kept_lock = threading.Lock()


def _version_collection():
    return Response._get_db()[VERSION_COLLECTION]


def moved() -> None:
    """After a write that changes the counted answers (new answers, a suspect one cleared, a purge)."""
    # an epoch of its own: a version made again (a store emptied, tests) never matches counts kept before
    update = {"$inc": {"n": 1}, "$setOnInsert": {"epoch": uuid.uuid4().hex}}
    try:
        _version_collection().update_one({"_id": VERSION_ID}, update, upsert=True)
    except DuplicateKeyError:  # another writer created it meanwhile
        _version_collection().update_one({"_id": VERSION_ID}, update)


def _grouped(match: dict, by: str | None) -> dict:
    """{group key: {level: count}} of counted responses matching ``match`` (as last counted while no
    answer changed since)."""
    stored = _version_collection().find_one({"_id": VERSION_ID}) or {}
    version = (stored.get("epoch"), stored.get("n", 0))
    key = (Response._get_db().name, repr(sorted(match.items())), by)
    now = time.monotonic()
    with _kept_lock:
        held = _kept.get(key)
    if held is not None and held[0] == version and now - held[1] < MAX_AGE:
        return copy.deepcopy(held[2])
    counts = _counted(match, by)
    with _kept_lock:
        if len(_kept) > 1000:
            _kept.clear()
        _kept[key] = (version, now, copy.deepcopy(counts))
    return counts


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

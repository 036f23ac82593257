"""Closing a period, the job itself (handlers.period_jobs runs it when ``period.closing_requested``
arrives): unit by unit, every cadre with tasks gets their score frozen with the versions it used
(one ``score.computed`` event each, carried per unit), then the percentiles against the same
position code province-wide and each unit's classification proposal with the province's quota (a
leader's Q4 is frozen and compared, but not proposed: it folds into the year-end result).

The period's sheets are read once (both collections at once) while every roster is read once
through registry.queries, and citizens' figures are counted once for the period; nothing is read
per cadre or per unit.
Each unit's frozen scores are one document (handlers.frozen), its events one carrier; they are
written a batch of units at a time (two writes per ~1,000 cadres) by a writer thread while the next
units are scored, so the work grows with the number of cadres; the period's placement (cadre → unit)
goes last, in a few documents. A job that stopped half-way is run again from the start: a unit
already frozen stays as it was (its events may be published again, with the same figures), and the
rest is written once."""
from __future__ import annotations

import gc
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from fractions import Fraction
from typing import Callable

from pymongo.errors import BulkWriteError, DuplicateKeyError

from cadre_shared.periods import parse_period_code

from ...common.events import event
from ...common.ids import new_id, utcnow
from ...registry import queries as registry
from ..domain.classification import Row
from ..domain.percentile import distribution, percentiles
from ..domain.snapshot import Versions, frozen_record, score_payload
from ..domain.year_end import proposed_in_period
from ..models.classifications import Classification, PeriodComparison, classifications_kept
from ..models.rounds import round_id
from ..models.scores import FrozenUnitScores, ScoreEvents
from .general_policy import Policies
from .leader_criteria import leader_reasons
from .satisfaction import period_citizen_figures
from .settings import excellent_ratio
from .frozen import store_placement, unit_document
from .sheets import encode
from .unit_round import PeriodSheets, RoundContext, UnitRound, integrity_of, load_unit_round

Progress = Callable[[int, int], None]
WRITE_BATCH = 1000  # frozen scores per insert (of their units' documents)


def frozen_records(round_: UnitRound) -> list[dict]:
    """The snapshot of every cadre scored in the unit (domain.snapshot.frozen_record)."""
    code = round_.span.code
    records = []
    for cadre_id, score in round_.scores.items():
        cadre, position, policy = round_.cadres[cadre_id], round_.org.position_of(cadre_id), round_.policies[cadre_id]
        versions = Versions(position.id if position else None, position.code if position else None,
                            position.version if position else None, policy.key, policy.version)
        records.append(frozen_record(code, cadre_id, cadre.unit_id, round_.task_groups.get(cadre_id), cadre.is_leader,
                                     score, round_.general[cadre_id], versions,
                                     leader_reasons(round_.leader_record(cadre_id)) if cadre.is_leader else None))
    return records


def store_once(docs: list[dict], document=FrozenUnitScores) -> None:
    """Insert frozen documents (units' scores, year-end results); one already there (a repeated job)
    stays as it was."""
    if not docs:
        return
    try:
        document._get_collection().insert_many(docs, ordered=False)
    except BulkWriteError as exc:
        if any(error.get("code") != 11000 for error in exc.details.get("writeErrors", [])):
            raise


def score_carrier(records: list[dict]) -> dict:
    """One carrier with a unit's score.computed events (models.scores.ScoreEvents as stored), to be
    written before its scores: the relay publishes it once they are all stored, and deletes it then."""
    events = [event("score.computed", record["cadre_id"], score_payload(record)) for record in records]
    return {"_id": new_id(), "outbox": events, "outbox_pending": len(events), "written_at": utcnow()}


def store_batch(carriers: list[dict], scores: list[dict]) -> None:
    """The units' carriers, then their scores' documents: two writes for a batch of units (a carrier written
    whose scores never come, as when the job stops between the two, is dropped by the relay)."""
    if carriers:
        ScoreEvents._get_collection().insert_many(carriers)
    store_once(scores)


def rows_of(round_: UnitRound, records: list[dict]) -> list[Row]:
    rows = []
    for record in records:
        cadre, position = round_.cadres[record["cadre_id"]], round_.org.position_of(record["cadre_id"])
        rows.append(Row(record["cadre_id"], cadre.full_name, cadre.position_id, position.code if position else None,
                        record["task_group"], record["total"], record["level"], record["override"], None,
                        is_leader=record["is_leader"]))
    return rows


def store_classifications(code: str, rows: dict[str, list[Row]], ratio: Fraction,
                          folded: frozenset[str] = frozenset()) -> dict[str, tuple[float | None, int | None]]:
    """Each unit's proposal with the percentiles, highest total first; and the comparison of the scope
    (a period's code or a year's). ``folded``: cadres compared but not proposed (leaders' Q4).
    Each cadre's (percentile, how many compared with)."""
    flat = [(r.cadre_id, r.position_code, r.total) for unit_rows in rows.values() for r in unit_rows]
    ranks, by_code = percentiles(flat), distribution(flat)
    compared = {cadre: (None if ranks[cadre] is None else round(ranks[cadre], 2),
                        len(by_code[code]) if code else None) for cadre, code, _total in flat}
    collection = Classification._get_collection()
    for unit_id, unit_rows in rows.items():
        ordered = sorted((replace(r, percentile=compared[r.cadre_id][0], compared_with=compared[r.cadre_id][1])
                          for r in unit_rows if r.cadre_id not in folded), key=lambda r: (-r.total, r.cadre_id))
        doc = {"_id": round_id(code, unit_id), "period": code, "unit_id": unit_id, "ratio": str(ratio),
               "rows": encode([vars(r) for r in ordered]), "decisions": [], "status": "proposed", "approved_by": None,
               "approved_at": None, "created_at": utcnow(), "outbox": [], "outbox_pending": 0,
               "folded_rows": encode([vars(r) for r in unit_rows if r.cadre_id in folded])}
        try:
            collection.insert_one(doc)
        except DuplicateKeyError:
            pass  # made by an earlier run of this closing
    positions = [{"code": c, "count": len(t), "totals": [round(x, 2) for x in t]}
                 for c, t in sorted(by_code.items())]
    PeriodComparison._get_collection().replace_one(
        {"_id": code}, {"positions": positions, "cadres": len(flat), "units": sorted(rows)}, upsert=True)
    classifications_kept.moved(collection.database)
    return compared


def freeze_period(code: str, progress: Progress = lambda done, total: None) -> int:
    """Freeze every score of the period and make the units' proposals; how many scores it has.
    The period's sheets are held in memory meanwhile, a few hundred thousand small objects without
    cycles: the cyclic collector is paused, as its full passes over them would grow faster than the
    province (measured: 3.6 times the time per cadre at 50,000 as at 10,000 with it on)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _freeze(code, progress)
    finally:
        if collecting:
            gc.enable()


def _freeze(code: str, progress: Progress) -> int:
    span = parse_period_code(code)
    ratio = excellent_ratio()
    units = registry.units_in_scope(None)
    with ThreadPoolExecutor(1) as reader:  # the store reads the sheets while the rosters are read and decoded
        sheets = reader.submit(PeriodSheets.whole, code)
        members = _members()
        context = RoundContext(policies=Policies(), positions={}, citizens=period_citizen_figures(code),
                               sheets=sheets.result(), integrity=integrity_of(None, span))
    rows: dict[str, list[Row]] = {}
    folded: set[str] = set()
    with ThreadPoolExecutor(1) as writer:
        _score_units(code, units, members, context, span, writer, rows, folded, progress)
    store_placement(code, {r.cadre_id: unit_id for unit_id, unit_rows in rows.items() for r in unit_rows})
    store_classifications(code, rows, ratio, frozenset(folded))
    return sum(len(r) for r in rows.values())


def _members() -> dict[str, list[registry.CadreFacts]]:
    """Every unit's cadres, serving or not, from one read of every roster (a read per unit costs the
    rosters' index each time)."""
    members: dict[str, list[registry.CadreFacts]] = {}
    for cadre in registry.cadres_in(None, active_only=False):
        members.setdefault(cadre.unit_id, []).append(cadre)
    return members


def _score_units(code, units, members, context, span, writer, rows, folded, progress) -> None:
    """Score unit after unit; each batch's writes go to ``writer`` while the next units are scored
    (one batch in flight at most, in order: the store writes while this process computes)."""
    waiting: list[dict] = []
    carriers: list[dict] = []
    pending, writing = 0, None
    for done, unit in enumerate(units, start=1):
        cadres = members.get(unit.id, [])
        missing = {c.position_id for c in cadres if c.position_id and c.position_id not in context.positions}
        if missing:
            context.positions.update(registry.positions_by_id(missing))
        round_ = load_unit_round(unit.id, span, context, cadres)
        records = frozen_records(round_)
        if records:
            carriers.append(score_carrier(records))
            waiting.append(unit_document(code, unit.id, records, utcnow()))
            pending += len(records)
        if pending >= WRITE_BATCH or done == len(units):
            if writing is not None:
                writing.result()
            writing = writer.submit(store_batch, carriers, waiting)
            waiting, carriers, pending = [], [], 0
        if records:
            rows[unit.id] = rows_of(round_, records)
            folded.update(r["cadre_id"] for r in records if not proposed_in_period(code, r["is_leader"]))
        progress(done, len(units))
    if writing is not None:
        writing.result()

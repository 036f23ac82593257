"""Consumers keeping the training service's copies of cadres, positions and cadres' gap analyses —
and, with them, the units' compliance (a cadre's row follows their record; a new version of a
position makes every unit compute again)."""
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.read_copy import upsert_if_newer, upsert_many_if_newer

from ..handlers.unit_compliance import Inputs, bump_basis, refresh_cadre, refresh_cadres
from ..models.read_copies import CADRE_FIELDS, POSITION_FIELDS, CadreCopy, CadreGapsCopy, PositionCopy


def keep_gaps(event: dict) -> None:
    """Store a cadre's gap list unless a newer one (higher gaps version) is already there."""
    p = event["payload"]
    upsert_if_newer(CadreGapsCopy._get_collection(), p["cadre_id"], p["gaps_version"],
                    {"unit_id": p["unit_id"], "position_id": p["position_id"],
                     "position_version": p["position_version"], "gaps": p["gaps"]})


def keep_cadre(event: dict) -> None:
    """The cadre's copy, then their compliance row (in the unit they are in, out of the one they left).
    An event older than the copy changes neither; the current one, retried after a failure between the
    two writes, refreshes the row again."""
    p = event["payload"]
    collection = CadreCopy._get_collection()
    before = collection.find_one({"_id": p["cadre_id"]}, {"unit_id": 1, "version": 1}) or {}
    upsert_if_newer(collection, p["cadre_id"], p["version"], {name: p.get(name) for name in CADRE_FIELDS})
    if (before.get("version") or 0) <= p["version"]:
        refresh_cadre(p["cadre_id"], left_unit=before.get("unit_id"))


def _newest(events: list[dict], version: str) -> dict[str, dict]:
    """Each cadre's payload of the highest ``version`` in a run of events."""
    newest: dict[str, dict] = {}
    for event in events:
        p = event["payload"]
        if p[version] > newest.get(p["cadre_id"], {}).get(version, -1):
            newest[p["cadre_id"]] = p
    return newest


def keep_gaps_all(events: list[dict]) -> None:
    """A run of gap lists (a school's file changes hundreds): each cadre's newest only."""
    upsert_many_if_newer(CadreGapsCopy._get_collection(), {cadre_id: (p["gaps_version"], {
        "unit_id": p["unit_id"], "position_id": p["position_id"], "position_version": p["position_version"],
        "gaps": p["gaps"]}) for cadre_id, p in _newest(events, "gaps_version").items()})


def keep_cadres(events: list[dict]) -> None:
    """A run of cadre events (an import registers hundreds): each cadre's newest copy, then their
    compliance rows — the copies read and written in a few round trips for the run, the rows with one
    read of the requirements and courses and one write per unit (a unit's document rewritten once per
    cadre made a province's import reach training at about 12 cadres a second)."""
    newest = _newest(events, "version")
    before = upsert_many_if_newer(CadreCopy._get_collection(), {
        cadre_id: (p["version"], {name: p.get(name) for name in CADRE_FIELDS}) for cadre_id, p in newest.items()},
        ("unit_id",))
    refresh_cadres({cadre_id: before[cadre_id].get("unit_id") for cadre_id, p in newest.items()
                    if (before[cadre_id].get("version") or 0) <= p["version"]}, inputs=Inputs.now())


def keep_position(event: dict) -> None:
    """The position's copy; a newer version may change whom each requirement applies to."""
    p = event["payload"]
    if upsert_if_newer(PositionCopy._get_collection(), p["position_id"], p["version"],
                       {name: p.get(name) for name in POSITION_FIELDS}):
        bump_basis()


# Copies keep the newest version only, so a repeated or older event changes nothing: no ledger, and
# a run of events (an import, a school's file) is applied at once.
CADRE_EVENTS = frozenset({"cadre.registered", "cadre.updated", "cadre.moved", "cadre.left"})
GAP_EVENTS = frozenset({"cadre.gaps.changed"})
CADRE_COPIES = ConsumerSpec("cadre-copies", ["evaluation.cadres.v1"], keep_cadre, event_types=set(CADRE_EVENTS),
                            ledger_free_types=CADRE_EVENTS, batch_handler=keep_cadres, batch_types=CADRE_EVENTS)
POSITION_COPIES = ConsumerSpec("position-copies", ["evaluation.positions.v1"], keep_position,
                               event_types={"position.versioned"})
GAP_COPIES = ConsumerSpec("cadre-gaps", ["evaluation.gaps.v1"], keep_gaps, event_types=set(GAP_EVENTS),
                          ledger_free_types=GAP_EVENTS, batch_handler=keep_gaps_all, batch_types=GAP_EVENTS)

"""Making the registry's read model again from the registry's own documents: every cadre's row
in their unit's roster and a tombstone in each unit they left, and each cadre's course results
in one document (read copies kept before ``cadre_training`` existed are moved there). Safe while
the platform runs: rows go in with ``$max`` like every other write, then the index gets a new
epoch so every reader reads every roster again."""
from __future__ import annotations

import uuid
from collections import defaultdict

from ..domain import roster as rules
from ..models import Cadre, CadreTraining, Roster, RosterIndex
from ..models.roster import INDEX_ID
from .roster_writes import former_units, put_rows, row_of, sealed

SEALED = ("ethnicity", "discipline", "conclusions")  # the dossier's fields sealed at rest

OLD_TRAINING_COPY = "training_records"
BATCH = 500


def _move_old_training_copy() -> int:
    database = CadreTraining._get_collection().database
    if OLD_TRAINING_COPY not in database.list_collection_names():
        return 0
    moved = 0
    for doc in database[OLD_TRAINING_COPY].find({}):
        record = {"category": doc["category"], "passed": doc["passed"], "course_code": doc["course_code"],
                  "session": doc["session"], "hours": doc["hours"],
                  "completed_on": doc["completed_on"].date().isoformat(),
                  "certificate_expires_on": doc["certificate_expires_on"].date().isoformat()
                  if doc.get("certificate_expires_on") else None}
        CadreTraining._get_collection().update_one({"_id": doc["cadre_id"]},
                                                   {"$set": {f"records.{doc['_id']}": record}}, upsert=True)
        moved += 1
    database.drop_collection(OLD_TRAINING_COPY)
    return moved


def rebuild(reseal: bool = False) -> dict:
    """``reseal``: first seal every dossier's sensitive fields again with the current key (after a key
    rotation, or to seal data written before sealing), and replace the rosters' rows instead of
    keeping the greater — run it on a quiet platform, as a row written meanwhile could be replaced."""
    training = _move_old_training_copy()
    rows: dict[str, dict[str, str]] = defaultdict(dict)
    cadres = 0
    for cadre in Cadre.objects.exclude("outbox", "assessments").batch_size(BATCH):
        cadres += 1
        if reseal:
            Cadre._get_collection().update_one({"_id": cadre.id}, {"$set": {
                name: cadre._fields[name].to_mongo(getattr(cadre, name)) for name in SEALED}})
        rows[cadre.unit_id][cadre.id] = rules.encode(row_of(cadre))
        for unit_id in former_units(cadre):
            rows[unit_id].setdefault(cadre.id, rules.tombstone(cadre.version, cadre.gaps_version or 0))
    if reseal:
        for unit_id, unit_rows in rows.items():
            Roster._get_collection().update_one(
                {"_id": unit_id}, {"$set": {f"rows.{cid}": sealed(row) for cid, row in unit_rows.items()}}, upsert=True)
    put_rows(rows)
    RosterIndex._get_collection().update_one(
        {"_id": INDEX_ID}, {"$set": {"epoch": uuid.uuid4().hex, **{f"units.{u}": 1 for u in rows}}}, upsert=True)
    return {"cadres": cadres, "rosters": len(rows), "training_results_moved": training, "resealed": reseal}

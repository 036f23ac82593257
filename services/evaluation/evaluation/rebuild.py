"""``python -m evaluation.rebuild``: make the registry's read model (the rosters lists and searches
read, each cadre's course results) again from the registry's documents — after a restore from
backup, an upgrade from a version without it, or a doubt. It reads every cadre once; the platform
may keep running meanwhile.

``--reseal`` also seals every dossier's sensitive fields again with the first key of
``C360_FIELD_KEY_FILE`` (after a key rotation: cadre_shared.sealing); run it on a quiet platform.

``--republish`` also stages, through the outbox, what the other services copy from this one — the
registry (units, positions, cadres, gap analyses: survey and training), the succession entries and
the courses assigned to flagged cadres (training) — so their copies fill again after a restore from
backup (``cadre_shared.restore``: run ``prepare`` first); run it on a quiet platform."""
from __future__ import annotations

import json
import sys

from cadre_shared import db, logging_setup
from cadre_shared.config import service_config

from .registry.handlers.republish import republish as republish_registry
from .registry.handlers.roster_rebuild import rebuild
from .risk.handlers.republish import republish as republish_assigned_courses
from .succession.handlers.republish import republish as republish_succession


def main() -> int:
    cfg = service_config("evaluation")
    logging_setup.configure("evaluation-rebuild", cfg["LOG_LEVEL"])
    db.connect(cfg["MONGO_URI"])
    done = rebuild(reseal="--reseal" in sys.argv[1:])
    if "--republish" in sys.argv[1:]:
        done["republished"] = {**republish_registry(), **republish_succession(), **republish_assigned_courses()}
    print(json.dumps(done))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m training.rebuild``: make the training read model again — each cadre's results document
from the stored results, then every unit's compliance from them and the cadre copies — after a restore
from backup, an upgrade from a version without it, or a doubt. It reads every result and every cadre
copy once; the platform may keep running meanwhile.

``--republish`` also stages every stored course result through the outbox, so the evaluation
service's copy fills again after a restore from backup (``cadre_shared.restore``: run ``prepare``
first); run it on a quiet platform."""
from __future__ import annotations

import json
import sys

from cadre_shared import db, logging_setup
from cadre_shared.config import service_config

from .handlers.republish import republish
from .handlers.unit_compliance import rebuild


def main() -> int:
    cfg = service_config("training")
    logging_setup.configure("training-rebuild", cfg["LOG_LEVEL"])
    db.connect(cfg["MONGO_URI"])
    done = rebuild()
    if "--republish" in sys.argv[1:]:
        done["republished"] = republish()
    print(json.dumps(done))
    return 0


if __name__ == "__main__":
    sys.exit(main())

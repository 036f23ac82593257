"""``python -m training.rebuild``: make the training read model again — each cadre's results document
from the stored results, then every unit's compliance from them and the cadre copies — after a restore
from backup, an upgrade from a version without it, or a doubt. It reads every result and every cadre
copy once; the platform may keep running meanwhile."""
from __future__ import annotations

import json
import sys

from cadre_shared import db, logging_setup
from cadre_shared.config import service_config

from .handlers.unit_compliance import rebuild


def main() -> int:
    cfg = service_config("training")
    logging_setup.configure("training-rebuild", cfg["LOG_LEVEL"])
    db.connect(cfg["MONGO_URI"])
    print(json.dumps(rebuild()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

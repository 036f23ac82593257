"""``python -m evaluation.appraisal.regroup_scores``: after an upgrade from a version that froze one
document per (period, cadre), regroup them into one per (period, unit) with the periods' placement
(handlers.frozen_legacy), which every reader of frozen scores now reads. Run it once with the
service's environment (``C360_MONGO_URI``…); until then closed periods show no frozen score."""
from __future__ import annotations

import json
import sys

from cadre_shared import db, logging_setup
from cadre_shared.config import service_config

from .handlers.frozen_legacy import regroup


def main() -> int:
    cfg = service_config("evaluation")
    logging_setup.configure("evaluation-regroup-scores", cfg["LOG_LEVEL"])
    db.connect(cfg["MONGO_URI"])
    print(json.dumps(regroup()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

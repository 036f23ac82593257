"""``python -m survey.rebuild --republish``: after a restore from backup (``cadre_shared.restore``:
run ``prepare`` first), stage what the evaluation service copies from the survey — concluded
citizens' reports, closed confidence votes' results, the citizens' answers and the decisions on suspect
ones — through the outbox again, with the relay running; run it on a quiet platform. Progress goes to
stderr, the counts as one JSON line to stdout. (The survey's own read models need no rebuild: its
copies come from the registry.)"""
from __future__ import annotations

import json
import sys

from cadre_shared import db, logging_setup
from cadre_shared.config import service_config

from .handlers.republish import republish


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv != ["--republish"]:
        print("usage: python -m survey.rebuild --republish", file=sys.stderr)
        return 2
    cfg = service_config("survey")
    logging_setup.configure("survey-rebuild", cfg["LOG_LEVEL"])
    db.connect(cfg["MONGO_URI"])
    print(json.dumps({"republished": republish(lambda line: print(line, file=sys.stderr, flush=True))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

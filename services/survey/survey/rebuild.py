"""``python -m survey.rebuild --lists``: file every stored answer again in the lists HR pages answers through
(``handlers.answer_lists``) — once after upgrading from a version without them, after a restore from backup,
or in any doubt; safe while the platform runs (filing is idempotent).

``python -m survey.rebuild --republish``: after a restore from backup (``cadre_shared.restore``:
run ``prepare`` first), stage what the evaluation service copies from the survey — concluded
citizens' reports, closed confidence votes' results, the citizens' answers and the decisions on suspect
ones — through the outbox again, with the relay running; run it on a quiet platform. Progress goes to
stderr, the counts as one JSON line to stdout. (The survey's copies of the registry need no rebuild:
they come from the registry's events.)"""
from __future__ import annotations

import json
import sys

from cadre_shared import db, logging_setup
from cadre_shared.config import service_config

from .handlers import answer_lists
from .handlers.republish import republish

USAGE = "usage: python -m survey.rebuild --lists | --republish"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv not in (["--republish"], ["--lists"]):
        print(USAGE, file=sys.stderr)
        return 2
    cfg = service_config("survey")
    logging_setup.configure("survey-rebuild", cfg["LOG_LEVEL"])
    db.connect(cfg["MONGO_URI"])
    progress = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    if argv == ["--lists"]:
        print(json.dumps({"filed": answer_lists.rebuild(progress)}))
    else:
        print(json.dumps({"republished": republish(progress)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The evaluation service's consumers exactly as `python -m cadre_shared.workers evaluation
consume` runs them, plus one switch for the fault suite: once the file named by $KILL_SWITCH
exists, the process deletes it and kills itself with SIGKILL right after the next citizen
answer's effect is stored — before the offset commit — so the answer is delivered again."""
import importlib
import os
import signal
import sys
from pathlib import Path

from cadre_shared import db, logging_setup, metrics
from cadre_shared.config import service_config
from cadre_shared.workers import run_consumers

switch = Path(os.environ["KILL_SWITCH"])


def kill_between_effect_and_commit(event: dict) -> None:
    if event["type"] == "response.recorded" and switch.exists():
        switch.unlink()
        os.kill(os.getpid(), signal.SIGKILL)


def main() -> int:
    cfg = service_config("evaluation")
    logging_setup.configure("evaluation-consume", cfg["LOG_LEVEL"])
    db.connect(cfg["MONGO_URI"])
    importlib.import_module("evaluation.models")
    metrics.serve_worker_metrics()
    return run_consumers("evaluation", cfg, [], after_effect=kill_between_effect_and_commit)


if __name__ == "__main__":
    sys.exit(main())

"""Survey settings read once from ``C360_SURVEY_*`` environment variables (data, not code);
a test overrides them through ``create_app({...})``. In the production image the pepper may
come from a file (``C360_SURVEY_DOSSIER_PEPPER_FILE``, read by the entrypoint); the contact and
ballot keys are files (``C360_SURVEY_CONTACT_KEY_FILE``, ``C360_SURVEY_BALLOT_KEY_FILE``)."""
from __future__ import annotations

from flask import current_app

from cadre_shared.config import env

from ..domain.burst import BurstPolicy

DEFAULTS = {
    "SURVEY_BURST_SIZE": "4",  # the 4th answer within the window is held as suspect
    "SURVEY_BURST_SECONDS": "60",
    "SURVEY_DOSSIER_PEPPER": "",  # secret mixed into dossier keys; set it in production
    "SURVEY_CONTACT_KEY_FILE": "",  # secret sealing reporters' contact details (handlers.keys)
    "SURVEY_BALLOT_KEY_FILE": "",   # secret of ballot codes and of used codes' hashes (handlers.keys)
    "SURVEY_SEEDING_DOOR": "0",  # "1": the demo's door for past answers (api/seeding.py); never in production
}


def init_app(app) -> None:
    for key, default in DEFAULTS.items():
        app.config.setdefault(key, env(key, default))


def burst_policy() -> BurstPolicy:
    cfg = current_app.config
    return BurstPolicy(size=int(cfg["SURVEY_BURST_SIZE"]), seconds=float(cfg["SURVEY_BURST_SECONDS"]))


def dossier_pepper() -> str:
    return current_app.config["SURVEY_DOSSIER_PEPPER"]

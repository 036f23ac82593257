"""Demo HR closing the flags the school's results answered (demo/hr_flags.py): the listed flag is
acted on without reading it again, a flag the early warning changed meanwhile is left to it."""
from __future__ import annotations

import support  # noqa: F401  (puts deploy/local on the path)
from c360_client import ClientError
from demo import hr_flags


class Api:
    """Answers the flag calls from a script: ``fresh`` is what a re-read returns, ``conflicts``
    how many intervention posts are refused with 409 first."""

    def __init__(self, fresh: dict | None = None, conflicts: int = 0):
        self.fresh, self.conflicts, self.calls = fresh, conflicts, []

    def get(self, path, **_params):
        self.calls.append(("GET", path))
        return self.fresh

    def call(self, method, path, ok=(200, 201), json=None):
        self.calls.append((method, path))
        if path.endswith("/interventions") and self.conflicts:
            self.conflicts -= 1
            raise ClientError("changed meanwhile", 409)
        return Response({"interventions": [{"id": "i-1", "kind": "training", "outcome": None}]})


class Response:
    def __init__(self, body):
        self.body = body

    def json(self):
        return self.body


class Seeding:
    def __init__(self, api):
        self.api = api


def flag(light="green", status="open", interventions=()):
    return {"id": "f-1", "light": light, "status": status, "interventions": list(interventions)}


def test_a_listed_green_flag_is_closed_without_reading_it_again():
    api = Api()
    assert hr_flags._close(Seeding(api), flag()) is True
    assert api.calls == [("POST", "/risk/flags/f-1/interventions"),
                         ("POST", "/risk/flags/f-1/interventions/i-1/outcome")]


def test_a_flag_no_longer_green_is_left_to_the_early_warning():
    api = Api(fresh=flag(light="amber"), conflicts=1)
    assert hr_flags._close(Seeding(api), flag(light="amber")) is False and api.calls == []
    assert hr_flags._close(Seeding(api), flag()) is False  # refused (409), read again: amber now
    assert api.calls == [("POST", "/risk/flags/f-1/interventions"), ("GET", "/risk/flags/f-1")]

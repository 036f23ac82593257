"""The registry as an in-process survey or training service learns it: evaluation's events,
checked against their contracts, handed to the service's own consumers of their topic — the
handlers Kafka would run, without Kafka."""
from __future__ import annotations

import uuid

from cadre_shared.contracts import topic_for
from cadre_shared.envelope import make_event

NO_STANDARD = {"min_education": None, "min_political_theory": None, "min_digital_skill": None,
               "required_course_categories": [], "required_competencies": []}


class RegistryFeed:
    def __init__(self, consumers: dict):
        self.consumers = consumers  # the service's named registry: name → ConsumerSpec
        self.states: dict[str, dict] = {}  # id → the last payload sent about it

    def deliver(self, event_type: str, key: str, payload: dict) -> dict:
        event = make_event(event_type, 1, key, payload, "evaluation")
        topic = topic_for(event_type, 1)
        for spec in self.consumers.values():
            if topic in spec.topics and (spec.event_types is None or event_type in spec.event_types):
                spec.handler(event)
        return event

    def _send(self, event_type: str, id_field: str, payload: dict) -> str:
        self.states[payload[id_field]] = payload
        self.deliver(event_type, payload[id_field], payload)
        return payload[id_field]

    def _change(self, event_type: str, id_field: str, doc_id: str, changes: dict) -> str:
        previous = self.states[doc_id]
        return self._send(event_type, id_field, {**previous, **changes, "version": previous["version"] + 1})

    def unit(self, name: str, kind: str = "commune", area: str | None = "rural") -> str:
        unit_id = str(uuid.uuid4())
        return self._send("unit.registered", "unit_id", {
            "unit_id": unit_id, "code": f"X-{unit_id[:8]}".upper(), "name": name, "kind": kind, "area": area,
            "parent_id": None, "version": 1})

    def position(self, code: str, title: str, task_group: str, is_leader: bool = False, **standard) -> str:
        """A position whose standard asks for ``standard`` (the parts not given ask for nothing)."""
        return self._send("position.versioned", "position_id", {
            "position_id": str(uuid.uuid4()), "code": code, "title": title, "task_group": task_group,
            "is_leader": is_leader, "standard": {**NO_STANDARD, **standard}, "version": 1})

    def cadre(self, unit_id: str, full_name: str, *, position_id: str | None = None, is_leader: bool = False,
              status: str = "active", code: str | None = None, **fields) -> str:
        """A registered cadre; ``fields`` adds optional parts of the contract (appointed_on, department_code)."""
        cadre_id = str(uuid.uuid4())
        return self._send("cadre.registered", "cadre_id", {
            "cadre_id": cadre_id, "code": code or f"CB{cadre_id[:8]}".upper(), "full_name": full_name,
            "gender": "female", "birth_year": 1988, "unit_id": unit_id, "position_id": position_id,
            "position_version": self.states[position_id]["version"] if position_id else None,
            "is_leader": is_leader, "is_local": True, "status": status, "version": 1, **fields})

    def move_cadre(self, cadre_id: str, unit_id: str) -> str:
        return self._change("cadre.moved", "cadre_id", cadre_id, {"unit_id": unit_id})

    def change_cadre(self, cadre_id: str, event_type: str = "cadre.updated", **changes) -> str:
        """A later version of the cadre (``cadre.left`` with ``status="left"``, ``cadre.updated``…)."""
        return self._change(event_type, "cadre_id", cadre_id, changes)

"""Sensitive facts sealed at rest (issue 18): a cadre's ethnicity, discipline records and formal
conclusions, given through the API, are read back through the API by HR — and appear in clear
nowhere else: not in the store's raw SQLite files (documents and the rosters' read model), not in
Kafka's log segments (events carry none of them), not in any process's log."""
from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from support.platform import eventually

pytestmark = pytest.mark.e2e


def _files_holding(root: Path, needles: list[bytes]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits = [n.decode() for n in needles if n in data]
            if hits:
                found[str(path.relative_to(root))] = hits
    return found


def test_ethnicity_discipline_and_conclusions_are_in_clear_only_through_the_api(stack, registry):
    marker = secrets.token_hex(3)
    ethnicity = f"Brâu-{marker}"
    reason = f"Vắng mặt không lý do tại cuộc họp giao ban {marker}"
    summary = f"Kết luận của Ủy ban kiểm tra về lối sống {marker}"
    unit = registry.unit("Xã Niêm Phong")
    cadre = registry.cadre(unit["id"], "Y Niêm Phong", ethnicity=ethnicity)
    hr = registry.admin
    base = stack.url() + f"/api/v1/cadres/{cadre['id']}"
    assert hr.post(base + "/discipline", json={"measure": "reprimand", "decided_on": "2026-10-02", "duty_related": True,
                                               "reason": reason}, timeout=30).status_code == 201
    assert hr.post(base + "/conclusions", json={"type": "degradation", "concluded_on": "2026-11-03",
                                                "duty_related": False, "summary": summary}, timeout=30).status_code == 201

    dossier = hr.get(base, timeout=30).json()
    assert dossier["ethnicity"] == ethnicity
    assert [d["reason"] for d in dossier["discipline"]] == [reason]
    assert [c["summary"] for c in dossier["conclusions"]] == [summary]
    listed = hr.get(stack.url() + "/api/v1/cadres", params={"unit_id": unit["id"]}, timeout=30).json()
    assert [c["id"] for c in listed] == [cadre["id"]], "the roster (sealed rows) still lists the cadre"

    needles = [text.encode() for text in (ethnicity, reason, summary)]
    # the same check would find them if they were there: the store's files do hold the cadre's name
    eventually(lambda: _files_holding(stack.infra.dir / "mongo", [b"Y Ni\xc3\xaam Phong"]), timeout=30,
               message="the store's files hold the cadre's (unsealed) name")
    assert _files_holding(stack.infra.dir / "mongo", needles) == {}
    assert _files_holding(stack.infra.dir / "kafka", needles) == {}
    assert _files_holding(stack.infra.logs, needles) == {}

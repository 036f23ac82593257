"""The rosters lists and searches read, on the real store: a cadre created, changed, moved or
leaving shows right away in their unit's list and gap counts; a row the handler failed to write
is put right by the heal consumer from the registry's own event; an old row never replaces a
newer one; and rebuilding the rosters from the cadres gives what the writes kept."""
from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta, timezone

from pathlib import Path

import pytest

from cadre_shared.sealing import PREFIX, generate_key_file
from evaluation.registry.handlers import roster_writes
from evaluation.registry.handlers.cadre_writes import claim_write
from evaluation.registry.handlers.roster_reads import opened
from evaluation.registry.handlers.roster_rebuild import rebuild
from evaluation.registry.models import Cadre

pytestmark = pytest.mark.integration


def listed(registry, unit_id, **params) -> dict[str, dict]:
    res = registry.get("/api/v1/cadres", query_string={"unit_id": unit_id, "status": "all", "per_page": 500,
                                                       **params})
    assert res.status_code == 200, res.get_json()
    return {c["id"]: c for c in res.get_json()}


def gap_counts(registry, unit_id) -> tuple[int, int, dict[str, int]]:
    body = registry.get(f"/api/v1/units/{unit_id}/gaps").get_json()
    return body["cadres"], body["cadres_with_gaps"], {i["key"]: i["count"] for i in body["items"]}


def live_rows(registry) -> dict[str, dict[str, dict]]:
    """unit id → {cadre id → row} as stored (tombstones left out)."""
    return {doc["_id"]: {cid: row for cid, stored in doc["rows"].items() if (row := opened(stored))}
            for doc in registry.db.rosters.find({})}


@pytest.fixture()
def commune(registry, catalogue):
    return registry.created("/api/v1/units", {"code": f"X-R{uuid.uuid4().hex[:6]}", "name": "Xã Hòa Bình",
                                              "kind": "commune", "area": "rural",
                                              "parent_id": catalogue["province"]})["id"]


def test_a_cadre_shows_in_their_unit_as_created_changed_moved_and_gone(registry, catalogue, cadre_body, commune):
    body = cadre_body(commune, full_name="Đinh Thị Thu Hà", position_id=catalogue["CV-TP"], education="college",
                      digital_skill="basic")
    cadre = registry.created("/api/v1/cadres", body)
    row = listed(registry, commune)[cadre["id"]]
    assert (row["full_name"], row["status"], row["version"]) == ("Đinh Thị Thu Hà", "active", 1)
    assert "education" in row["gap_keys"]
    assert gap_counts(registry, commune)[:2] == (1, 1)

    registry.patch(f"/api/v1/cadres/{cadre['id']}", json={"education": "university", "full_name": "Đinh Thu Hà"})
    row = listed(registry, commune)[cadre["id"]]
    assert (row["full_name"], row["version"]) == ("Đinh Thu Hà", 2) and "education" not in row["gap_keys"]
    assert gap_counts(registry, commune)[2].get("education") is None
    assert [c["id"] for c in registry.get("/api/v1/cadres", query_string={"q": "dinh thu ha"}).get_json()] == \
        [cadre["id"]]

    res = registry.post(f"/api/v1/cadres/{cadre['id']}/moves", json={
        "unit_id": catalogue["X-TD"], "position_id": catalogue["CV-TP"], "kind": "rotation",
        "effective_on": "2026-10-01"})
    assert res.status_code == 200, res.get_json()
    assert cadre["id"] not in listed(registry, commune)
    assert listed(registry, catalogue["X-TD"])[cadre["id"]]["version"] == 3
    assert gap_counts(registry, commune)[0] == 0

    res = registry.post(f"/api/v1/cadres/{cadre['id']}/leave", json={"left_on": "2026-11-30", "reason": "Nghỉ hưu"})
    assert res.status_code == 200, res.get_json()
    row = listed(registry, catalogue["X-TD"])[cadre["id"]]
    assert (row["status"], row["left_on"]) == ("left", "2026-11-30")
    assert cadre["id"] not in listed(registry, catalogue["X-TD"], status="active")


def test_a_row_the_handler_failed_to_write_is_healed_from_the_event(registry, catalogue, cadre_body, commune,
                                                                    monkeypatch):
    cadre = registry.created("/api/v1/cadres", cadre_body(commune, full_name="Vi Văn Lực"))
    monkeypatch.setattr(roster_writes, "publish", lambda *_args, **_kwargs: None)  # dies after the cadre write
    registry.patch(f"/api/v1/cadres/{cadre['id']}", json={"full_name": "Vi Văn Lượng", "is_local": False})
    registry.post(f"/api/v1/cadres/{cadre['id']}/moves", json={"unit_id": catalogue["X-SD"], "kind": "transfer",
                                                                "effective_on": "2026-10-01"})
    monkeypatch.undo()
    assert listed(registry, commune)[cadre["id"]]["full_name"] == "Vi Văn Lực", "the rosters missed both changes"

    events = registry.events("cadres", cadre["id"])
    assert [e["type"] for e in events][-2:] == ["cadre.updated", "cadre.moved"]
    for event in reversed(events):  # in any order, each event only brings the rows of the cadre as stored
        roster_writes.heal(event)
    assert cadre["id"] not in listed(registry, commune)
    row = listed(registry, catalogue["X-SD"])[cadre["id"]]
    assert (row["full_name"], row["is_local"], row["version"]) == ("Vi Văn Lượng", False, 3)


def test_an_older_row_never_replaces_a_newer_one(registry, cadre_body, commune):
    cadre = registry.created("/api/v1/cadres", cadre_body(commune, full_name="Lục Thị Mơ"))
    before = Cadre.objects(id=cadre["id"]).first()
    registry.patch(f"/api/v1/cadres/{cadre['id']}", json={"full_name": "Lục Thị Mơ Hoa"})
    roster_writes.publish(before)  # a late writer holding the cadre as it was
    row = listed(registry, commune)[cadre["id"]]
    assert (row["full_name"], row["version"]) == ("Lục Thị Mơ Hoa", 2)


def test_concurrent_writers_of_one_cadre_do_not_both_win(registry, cadre_body, commune):
    cadre = registry.created("/api/v1/cadres", cadre_body(commune, full_name="Hoàng Văn Thái"))
    stored = registry.db.cadres.find_one({"_id": cadre["id"]})
    assert claim_write(cadre["id"], stored["version"], stored["gaps_version"])
    assert not claim_write(cadre["id"], stored["version"], stored["gaps_version"]), "a second writer must reload"
    res = registry.patch(f"/api/v1/cadres/{cadre['id']}", json={"full_name": "Hoàng Văn Thắng"})
    assert res.status_code == 409 and res.get_json()["error"]["code"] == "conflict"
    # a claim whose writer died long ago is taken over
    registry.db.cadre_write_claims.update_one({"_id": f"{cadre['id']}|{stored['version']}|{stored['gaps_version']}"},
                                              {"$set": {"at": datetime.now(timezone.utc) - timedelta(minutes=10)}})
    res = registry.patch(f"/api/v1/cadres/{cadre['id']}", json={"full_name": "Hoàng Văn Thắng"})
    assert res.status_code == 200 and listed(registry, commune)[cadre["id"]]["full_name"] == "Hoàng Văn Thắng"


def test_rebuilding_gives_the_rows_the_writes_kept(registry, catalogue, cadre_body, commune):
    for number in range(3):
        registry.created("/api/v1/cadres", cadre_body(commune, full_name=f"Nông Thị Hoa {number}"))
    kept = live_rows(registry)
    assert kept and sum(map(len, kept.values())) >= 3
    registry.db.rosters.drop()
    registry.db.roster_index.drop()
    assert listed(registry, commune) == {}
    rebuild()
    assert live_rows(registry) == kept
    assert len(listed(registry, commune)) == 3


def test_a_province_counts_each_commune_in_one_call(registry, catalogue, cadre_body, commune):
    registry.created("/api/v1/cadres", cadre_body(commune, full_name="Mạc Văn Khoa", position_id=catalogue["CV-TP"],
                                                  education="college"))
    shares = registry.get(f"/api/v1/units/{catalogue['province']}/gaps/by-unit").get_json()
    assert {s["unit_id"] for s in shares} >= {commune, catalogue["X-TD"], catalogue["X-SD"]}
    for share in shares:
        cadres, with_gaps, _items = gap_counts(registry, share["unit_id"])
        assert (share["cadres"], share["cadres_with_gaps"]) == (cadres, with_gaps)
    province = registry.get(f"/api/v1/units/{catalogue['province']}/gaps", query_string={"ids": "false"}).get_json()
    assert province["cadres"] >= sum(s["cadres"] for s in shares)
    assert all(item["cadre_ids"] == [] and item["count"] > 0 for item in province["items"])
    assert registry.get(f"/api/v1/units/{commune}/gaps/by-unit").get_json() == [], "a commune has no members"


def test_reseal_seals_the_dossiers_and_rows_written_in_clear_again_with_the_current_key(
        registry, catalogue, cadre_body, commune, tmp_path, monkeypatch):
    earlier = os.environ.get("C360_FIELD_KEY_FILE")  # other tests' rows may be sealed with it
    monkeypatch.delenv("C360_FIELD_KEY_FILE", raising=False)  # written before sealing: in clear
    created = registry.created("/api/v1/cadres", cadre_body(commune, full_name="Lò Văn Niêm", ethnicity="Thái"))
    assert registry.db.cadres.find_one({"_id": created["id"]})["ethnicity"] == "Thái"
    rotated = generate_key_file(tmp_path / "field.keys", key_id="new")  # a new key first, the earlier kept
    rotated.write_text(rotated.read_text() + (Path(earlier).read_text() if earlier else ""))
    monkeypatch.setenv("C360_FIELD_KEY_FILE", str(rotated))
    kept = live_rows(registry)
    assert rebuild(reseal=True)["resealed"] is True
    stored = registry.db.cadres.find_one({"_id": created["id"]})
    assert stored["ethnicity"].startswith(PREFIX + "new:")
    assert all(row.partition("|")[2].startswith(PREFIX + "new:") for doc in registry.db.rosters.find({})
               for row in doc["rows"].values() if row.partition("|")[2])
    assert live_rows(registry) == kept
    assert registry.get(f"/api/v1/cadres/{created['id']}").get_json()["ethnicity"] == "Thái"

"""Early warning by itself (issue 14): closing a period with one cadre under 50 raises a red flag for
them through the real broker, without anyone asking for an assessment, and the unit's HR finds a
notification; a later period that keeps the light red updates the flag and notifies no one again.
A change to one cadre (a discipline record) re-assesses that cadre alone, through the broker too."""
from __future__ import annotations

import pymongo
import pytest

from cadre_shared.clock import today
from cadre_shared.notify import notification
from support.mail import publish
from support.platform import eventually
from support.world import World

pytestmark = pytest.mark.integration

YEAR = 2013  # periods of this module; other modules use other years


def _close(world: World, quarter: int, cadre_id: str) -> str:
    """A period in which the cadre's only task was never completed (total under 50), closed."""
    period = world.created("/periods", {"year": YEAR, "quarter": quarter})
    world.created("/tasks", {"cadre_id": cadre_id, "period": period["code"], "title": "Báo cáo quý",
                             "coefficient": 1, "due_on": f"{YEAR}-{quarter * 3:02d}-20"})
    asked = world.admin.post(f"{world.base}/periods/{period['id']}/close", timeout=30)
    assert asked.status_code == 202, asked.text
    return period["code"]


def _risk_notices(session, base: str) -> list[dict]:
    reply = session.get(base + "/notifications", timeout=30)
    assert reply.status_code == 200, reply.text
    return [n for n in reply.json()["items"] if n["kind"] == "risk_flag_raised"]


def test_a_closed_period_raises_a_flag_and_notifies_hr_once_per_light(stack):
    world = World(stack)
    unit = world.unit("Xã Cảnh Báo")
    cadre = world.cadre(unit["id"], "Đinh Văn Chậm", gender="male")
    hr = world.session_of(world.user("unit_hr", unit["id"]))

    first = _close(world, 1, cadre["id"])

    def red_flag(period: str):
        reply = hr.get(f"{world.base}/risk/flags", timeout=30)
        assert reply.status_code == 200, reply.text
        mine = [f for f in reply.json() if f["cadre_id"] == cadre["id"]]
        return mine[0] if mine and mine[0]["period"] == period and mine[0]["light"] == "red" else None

    flag = eventually(lambda: red_flag(first), timeout=120, message="a red flag after the period closed")
    assert [t["code"] for t in flag["triggers"]] == ["period_below_50"]
    [notice] = eventually(lambda: _risk_notices(hr, world.base), timeout=60, message="HR's notification")
    assert notice["title"] == "Cảnh báo sớm: Đinh Văn Chậm" and notice["link"] == f"/risk/flags/{flag['id']}"
    assert "Xã Cảnh Báo" in notice["body"] and "đỏ" in notice["body"]

    # the next period under 50 too: the same flag follows it, the light stays red, nobody is told again
    second = _close(world, 2, cadre["id"])
    updated = eventually(lambda: red_flag(second), timeout=120, message="the flag updated to the next period")
    assert updated["id"] == flag["id"]
    # Whatever that update staged is published once the flag's outbox is empty; a marker sent after it
    # on the same topic and key (partition) then reaches HR after anything the update asked for.
    flags = pymongo.MongoClient(stack.env_for("evaluation")["C360_MONGO_URI"]).get_default_database()["risk_flags"]
    eventually(lambda: flags.find_one({"_id": flag["id"]})["outbox_pending"] == 0, timeout=60, message="relayed")
    publish(stack.infra.bootstrap, [notification(
        "evaluation", "report_received", about=cadre["id"], unit_roles=[(unit["id"], "unit_hr")],
        params={"reference": "PA-1", "cadre_name": "Đinh Văn Chậm"}, link="/", dedupe_key=f"marker|{flag['id']}")])
    eventually(lambda: any(n["kind"] == "report_received" for n in hr.get(world.base + "/notifications",
                                                                           timeout=30).json()["items"]),
               timeout=60, message="the marker")
    assert len(_risk_notices(hr, world.base)) == 1


def test_a_discipline_record_flags_that_cadre_by_itself(stack):
    """Something about one cadre changes (a disciplinary decision recorded on the dossier): the
    cadre is re-assessed alone through the broker (cadre.updated → risk-cadre), an amber flag is
    raised and the unit's HR is told — no period closes, nobody asks for an assessment."""
    world = World(stack)
    unit = world.unit("Xã Kỷ Cương")
    cadre = world.cadre(unit["id"], "Lò Văn Vi Phạm", gender="male")
    hr = world.session_of(world.user("unit_hr", unit["id"]))
    recorded = world.admin.post(f"{world.base}/cadres/{cadre['id']}/discipline", timeout=30, json={
        "measure": "reprimand", "decided_on": today().isoformat(), "duty_related": True,
        "reason": "Chậm giải quyết hồ sơ của người dân"})
    assert recorded.status_code == 201, recorded.text

    def amber_flag():
        reply = hr.get(f"{world.base}/risk/flags", timeout=30)
        assert reply.status_code == 200, reply.text
        return next((f for f in reply.json() if f["cadre_id"] == cadre["id"] and f["light"] == "amber"), None)

    flag = eventually(amber_flag, timeout=120, message="an amber flag after the discipline record")
    assert [t["code"] for t in flag["triggers"]] == ["discipline_recorded"] and flag["period"] is None
    [notice] = eventually(lambda: _risk_notices(hr, world.base), timeout=60, message="HR's notification")
    assert notice["link"] == f"/risk/flags/{flag['id']}" and "Lò Văn Vi Phạm" in notice["title"]
    rows = hr.get(f"{world.base}/risk/assessments?unit_id={unit['id']}", timeout=30).json()["items"]
    assert [(r["cadre_id"], r["light"]) for r in rows] == [(cadre["id"], "amber")]

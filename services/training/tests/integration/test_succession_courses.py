"""Courses a succession plan requires of a cadre join their training plan (consumer of
``evaluation.succession.v1``), leave it once passed or when the entry is removed, and an older
event replayed after a newer one changes nothing."""
from __future__ import annotations

from datetime import timedelta

import pytest

from cadre_shared.clock import today

pytestmark = pytest.mark.integration
HEADER = "Mã cán bộ,Họ và tên,Mã khóa học,Khóa/Lớp,Ngày hoàn thành,Kết quả,Số giờ,Chứng chỉ hết hạn"


def entry(cadre_id: str, version: int, status: str = "active", courses=("BD-LDCP", "CDS-CB", "KHONG-CO")) -> dict:
    return {"entry_id": "e-1", "plan_id": "pl-1", "term": "2030-2035", "cadre_id": cadre_id, "unit_id": "u-1",
            "position_id": "p-1", "title": "Chủ tịch UBND xã", "status": status, "courses": list(courses),
            "due_on": "2029-06-30", "rotation": None, "version": version}


def succession_entries(admin, cadre_id: str) -> list[dict]:
    plan = admin.get(f"/api/v1/training/cadres/{cadre_id}/plan").get_json()
    return [e for e in plan["entries"] if e["reason"] == "succession"]


def test_a_plan_entrys_courses_join_the_training_plan_until_passed_or_removed(training):
    feed, service = training.registry, training.service
    unit = feed.unit("Xã Đồng Tâm")
    cadre = feed.cadre(unit, "Phạm Minh Tuấn")
    admin = service.caller("province_admin")
    feed.deliver("succession.entry_changed", cadre, entry(cadre, 2))
    (planned,) = succession_entries(admin, cadre)
    assert planned["title"].startswith("Quy hoạch Chủ tịch UBND xã, nhiệm kỳ 2030-2035")
    assert planned["due_on"] == "2029-06-30"
    assert [c["code"] for c in planned["courses"]] == ["BD-LDCP", "CDS-CB"]  # the catalogue's courses

    code = feed.states[cadre]["code"]
    done = f"{code},Phạm Minh Tuấn,BD-LDCP,LDCP-K9,{(today() - timedelta(days=3)).strftime('%d/%m/%Y')},Đạt,160,"
    res = training.upload(service.caller("training_school"), "kq.csv", f"{HEADER}\n{done}\n".encode())
    assert res.status_code == 201, res.get_data(as_text=True)
    (planned,) = succession_entries(admin, cadre)
    assert [c["code"] for c in planned["courses"]] == ["CDS-CB"]

    feed.deliver("succession.entry_changed", cadre, entry(cadre, 3, status="removed", courses=()))
    assert succession_entries(admin, cadre) == []
    feed.deliver("succession.entry_changed", cadre, entry(cadre, 2))  # an older event, replayed
    assert succession_entries(admin, cadre) == []

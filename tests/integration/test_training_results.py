"""Course results across the platform: uploaded through the gateway, they travel on
`training.results.v1` (once each: a file sent again publishes nothing, a changed row one more
event) and close the course gap in the evaluation service's read model. (The upload's report,
compliance and plans: services/training/tests/integration/.)"""
from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

import pytest
from kafka import KafkaConsumer

from cadre_shared.clock import today
from support.platform import eventually
from support.world import USER_PASSWORD, World, unique

pytestmark = pytest.mark.integration
HEADER = "Mã cán bộ,Họ và tên,Mã khóa học,Khóa/Lớp,Ngày hoàn thành,Kết quả,Số giờ,Chứng chỉ hết hạn"


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture(scope="module")
def world(stack):
    reg = World(stack)
    unit = reg.unit("Xã Tân Lập")
    post = reg.created("/positions", {
        "code": unique("PTP"), "title": "Phó Trưởng phòng Kinh tế", "task_group": "Lãnh đạo phòng, trung tâm",
        "is_leader": True, "standard": {"required_course_categories": ["digital_skills"]}})
    deputy = reg.cadre(unit["id"], "Nguyễn Thị Hồng Nhung", position_id=post["id"])
    admin, api = stack.session(), stack.url() + "/api/v1"
    eventually(lambda: admin.get(f"{api}/training/cadres/{deputy['id']}/compliance").status_code == 200,
               timeout=60, message="the training service's read copy of the cadre")
    school = stack.session(reg.user("training_school"), USER_PASSWORD)
    return {"deputy": deputy, "admin": admin, "school": school, "api": api}


def upload(world, name: str, content: bytes):
    res = world["school"].post(f"{world['api']}/training/uploads", files={"file": (name, content, "text/csv")},
                               timeout=60)
    assert res.status_code == 201, res.text
    return res.json()


def results_on_topic(stack, cadre_id: str) -> list[dict]:
    consumer = KafkaConsumer("training.results.v1", bootstrap_servers=stack.infra.bootstrap,
                             auto_offset_reset="earliest", enable_auto_commit=False, consumer_timeout_ms=3000)
    try:
        events = [json.loads(m.value) for m in consumer]
    finally:
        consumer.close()
    return [e for e in events if e["payload"]["cadre_id"] == cadre_id]


def test_results_reach_the_evaluation_read_model_and_close_the_course_gap(world):
    admin, api, d = world["admin"], world["api"], world["deputy"]

    def course_gap_closed():
        gaps = admin.get(f"{api}/cadres/{d['id']}/gaps").json()["gaps"]
        return "course:digital_skills" not in {g["key"] for g in gaps}

    assert not course_gap_closed(), "the position asks for a digital-skills course the cadre has not taken"
    line = f"{d['code']},Nguyễn Thị Hồng Nhung,CDS-CB,CDS-2026-K9,{dmy(today() - timedelta(days=3))},Đạt,24,"
    upload(world, "cds.csv", f"{HEADER}\n{line}\n".encode())
    eventually(course_gap_closed, timeout=60, message="digital-skills gap closed in evaluation")


def test_a_file_sent_again_publishes_nothing_and_a_changed_row_one_more_event(stack, world):
    d, session = world["deputy"], f"MC-{uuid.uuid4().hex[:6]}"

    def file(passed: str) -> bytes:
        return (f"{HEADER}\n{d['code']},Nguyễn Thị Hồng Nhung,KN-MC,{session},{dmy(today() - timedelta(days=5))},"
                f"{passed},24,\n").encode()

    assert upload(world, "mc.csv", file("Không đạt"))["created"] == 1
    assert upload(world, "mc (1).csv", file("Không đạt"))["unchanged"] == 1
    assert upload(world, "mc-sua.csv", file("Đạt"))["updated"] == 1
    # a later, different result: once its event is on the topic, any event of the files before it would be too
    marker = f"{HEADER}\n{d['code']},Nguyễn Thị Hồng Nhung,QLNN-CX2C,QLNN-{session},{dmy(today())},Đạt,40,\n"
    assert upload(world, "bo-sung.csv", marker.encode())["created"] == 1

    def events():
        found = results_on_topic(stack, d["id"])
        return found if any(e["payload"]["session"] == f"QLNN-{session}" for e in found) else None

    mine = [e for e in eventually(events, timeout=60, message="result events on training.results.v1")
            if e["payload"]["session"] == session]
    assert [(e["type"], e["payload"]["passed"]) for e in mine] == [("result.recorded", False),
                                                                  ("result.recorded", True)]
    assert mine[0]["payload"]["result_id"] == mine[1]["payload"]["result_id"] and mine[0]["key"] == d["id"]

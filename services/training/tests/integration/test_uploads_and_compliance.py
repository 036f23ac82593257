"""The training service over the gateway on the whole platform: a training school uploads course
results (CSV with BOM, XLSX) and gets a per-row report; the same file again changes nothing; the
results make compliance figures and training plans, and reach the evaluation service's read model
through `training.results.v1`."""
from __future__ import annotations

import io
import json
import uuid
from datetime import date, datetime, timedelta

import pytest
import requests
from kafka import KafkaConsumer
from openpyxl import Workbook

from cadre_shared.clock import today
from e2e.platform_setup import USER_PASSWORD, Registry
from harness import eventually
from training.domain.text import add_months

pytestmark = pytest.mark.integration
HEADER = "Mã cán bộ,Họ và tên,Mã khóa học,Khóa/Lớp,Ngày hoàn thành,Kết quả,Số giờ,Chứng chỉ hết hạn"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture(scope="module")
def world(stack):
    reg = Registry(stack)
    tag = uuid.uuid4().hex[:6].upper()
    unit, other = reg.unit("Xã Tân Lập"), reg.unit("Phường Hòa Bình", kind="ward", area="urban")
    deputy_post = reg._created("/positions", {
        "code": f"PTP-{tag}", "title": "Phó Trưởng phòng Kinh tế", "task_group": "Lãnh đạo phòng, trung tâm",
        "is_leader": True, "standard": {"required_course_categories": ["digital_skills"]}})
    officer_post = reg._created("/positions", {
        "code": f"CV-MC-{tag}", "title": "Chuyên viên một cửa", "task_group": "Phục vụ hành chính công",
        "is_leader": False, "standard": {"required_course_categories": ["digital_skills"]}})
    deputy = reg.cadre(unit["id"], "Nguyễn Thị Hồng Nhung", position_id=deputy_post["id"],
                       appointed_on=add_months(today(), -13).isoformat())
    officer = reg.cadre(unit["id"], "Lê Văn Bình", position_id=officer_post["id"],
                        appointed_on=add_months(today(), -11).isoformat())
    stranger = reg.cadre(other["id"], "Đặng Thị Lụa", position_id=officer_post["id"])
    people = {"unit": unit, "other": other, "deputy": deputy, "officer": officer, "stranger": stranger}
    admin = stack.session()
    api = stack.url() + "/api/v1"
    for cadre in (deputy, officer, stranger):  # the registry events reached the training service
        eventually(lambda c=cadre: admin.get(f"{api}/training/cadres/{c['id']}/compliance").status_code == 200,
                   timeout=60, message=f"read copy of {cadre['code']}")
    sessions = {"admin": admin}
    for role, extra in (("training_school", {}), ("unit_hr", {"unit_id": unit["id"]}),
                        ("cadre", {"cadre_id": officer["id"]})):
        sessions[role] = stack.session(reg.user(role, **extra), USER_PASSWORD)
    return {**people, "api": api, "s": sessions}


def upload(session, api, name: str, content: bytes, mimetype: str = "text/csv"):
    return session.post(f"{api}/training/uploads", files={"file": (name, content, mimetype)}, timeout=60)


def problems(report: dict) -> list[tuple]:
    return [(p["row"], p["column"], p["message"].split(" / ")[-1]) for p in report["problems"]]


def results_on_topic(stack, cadre_ids: set[str]) -> list[dict]:
    consumer = KafkaConsumer("training.results.v1", bootstrap_servers=stack.infra.bootstrap,
                             auto_offset_reset="earliest", enable_auto_commit=False, consumer_timeout_ms=3000)
    try:
        events = [json.loads(m.value) for m in consumer]
    finally:
        consumer.close()
    return [e for e in events if e["payload"]["cadre_id"] in cadre_ids]


def csv_file(world) -> bytes:
    d, o = world["deputy"], world["officer"]
    lines = [HEADER,
             f"{d['code']},Nguyễn Thị Hồng Nhung,BD-LDCP,LDCP-2026-K1,{dmy(today() - timedelta(days=40))},Đạt,160,",
             f"{o['code']},lê văn  bình,CDS-CB,CDS-2022-K3,{dmy(add_months(today(), -48))},Đạt,24,"
             f"{dmy(add_months(today(), -12))}",
             f"CB-KHONG-CO,Trần Văn Ẩn,CDS-CB,K1,{dmy(today())},Đạt,24,",
             f"{o['code']},Lê Văn Bính,QPAN-D4,K1,{dmy(today())},Đạt,40,",
             f"{o['code']},Lê Văn Bình,KHOA-LA,K1,{dmy(today())},Đạt,40,",
             f"{o['code']},Lê Văn Bình,KN-VB,K1,31/02/2026,Đạt,16,",
             f"{o['code']},Lê Văn Bình,KN-MC,K1,{dmy(today() + timedelta(days=1))},Đạt,24,",
             f"{d['code']},Nguyễn Thị Hồng Nhung,BD-LDCP,LDCP-2026-K1,{dmy(today() - timedelta(days=40))},Đạt,160,"]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def test_csv_with_bom_gets_a_per_row_report_and_a_second_upload_changes_nothing(stack, world):
    school, api = world["s"]["training_school"], world["api"]
    res = upload(school, api, "ket-qua-quy-IV.csv", csv_file(world))
    assert res.status_code == 201, res.text
    report = res.json()
    assert {k: report[k] for k in ("file_format", "rows", "accepted", "created", "updated", "unchanged",
                                   "rejected")} == {"file_format": "csv", "rows": 8, "accepted": 2, "created": 2,
                                                    "updated": 0, "unchanged": 0, "rejected": 6}
    assert problems(report) == [
        (4, "Mã cán bộ", "no cadre has this code"),
        (5, "Họ và tên", "name does not match the registry"),
        (6, "Mã khóa học", "no course has this code"),
        (7, "Ngày hoàn thành", "invalid date, expected dd/mm/yyyy"),
        (8, "Ngày hoàn thành", "completion date is in the future"),
        (9, "", "duplicate of row 2 (same cadre, course, session)")]
    assert report["problems"][1]["message"].startswith("Họ tên không khớp với hồ sơ (Lê Văn Bình)")
    stored = school.get(f"{api}/training/uploads/{report['id']}").json()
    assert stored["problems"] == report["problems"] and stored["uploaded_by"] == report["uploaded_by"]

    again = upload(school, api, "ket-qua-quy-IV (1).csv", csv_file(world)).json()
    assert (again["created"], again["updated"], again["unchanged"], again["rejected"]) == (0, 0, 2, 6)
    # a later, different result: once its event is on the topic, any event of the re-upload would be too
    d = world["deputy"]
    marker = f"{HEADER}\n{d['code']},Nguyễn Thị Hồng Nhung,QLNN-CX2C,QLNN-K1,{dmy(today())},Đạt,40,\n"
    assert upload(school, api, "bo-sung.csv", marker.encode()).json()["created"] == 1
    ids = {world["deputy"]["id"], world["officer"]["id"]}
    events = eventually(lambda: (e := results_on_topic(stack, ids)) and
                        any(x["payload"]["course_code"] == "QLNN-CX2C" for x in e) and e, timeout=60,
                        message="result events on training.results.v1")
    assert sorted(e["payload"]["course_code"] for e in events) == ["BD-LDCP", "CDS-CB", "QLNN-CX2C"]
    assert all(e["type"] == "result.recorded" and e["key"] in ids for e in events)


def test_xlsx_with_date_cells_and_bad_rows(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["KẾT QUẢ BỒI DƯỠNG - TRƯỜNG CHÍNH TRỊ TỈNH"])
    sheet.append(HEADER.split(","))
    d, o = world["deputy"], world["officer"]
    completed = datetime.combine(today() - timedelta(days=10), datetime.min.time())
    sheet.append([d["code"], "Nguyễn Thị Hồng Nhung", "CDS-CB", "CDS-2026-K4", completed, "Đạt", 24, None])
    sheet.append([o["code"], "Lê Văn Bình", "ATTT", "ATTT-K1", completed, "có lẽ", 8, None])
    sheet.append([world["stranger"]["code"], "Đặng Thị Lụa", "KN-MC", "MC-K2", completed, "Không đạt", "12,5", None])
    sheet.append([None] * 8)
    sheet.append([o["code"], "Lê Văn Bình", "KN-DVDT", "DV-K1", "hôm qua", "Đạt", 24, None])
    buffer = io.BytesIO()
    book.save(buffer)
    res = upload(world["s"]["admin"], world["api"], "ket-qua.xlsx", buffer.getvalue(), XLSX)
    assert res.status_code == 201, res.text
    report = res.json()
    assert (report["file_format"], report["rows"], report["accepted"], report["rejected"]) == ("xlsx", 4, 2, 2)
    assert problems(report) == [(4, "Kết quả", "expected Đạt/Có or Không đạt/Không"),
                                (7, "Ngày hoàn thành", "invalid date, expected dd/mm/yyyy")]
    assert report["problems"][1]["value"] == "hôm qua"


def items_of(session, api, cadre_id: str) -> dict:
    res = session.get(f"{api}/training/cadres/{cadre_id}/compliance")
    assert res.status_code == 200, res.text
    return {i["requirement"]: i for i in res.json()["items"]}


def test_compliance_and_plan_follow_the_uploaded_results(world):
    admin, api = world["s"]["admin"], world["api"]
    upload(world["s"]["training_school"], api, "ket-qua-quy-IV.csv", csv_file(world))  # whichever test ran first
    deputy = items_of(admin, api, world["deputy"]["id"])
    assert deputy["YC-LDCP"]["status"] == "done" and deputy["YC-LDCP"]["last"]["session"] == "LDCP-2026-K1"
    assert deputy["YC-QPAN"]["status"] == "overdue"  # leaders, 12 months after appointment 13 months ago
    assert deputy["YC-QPAN"]["due_on"] == add_months(add_months(today(), -13), 12).isoformat()
    officer = items_of(admin, api, world["officer"]["id"])
    assert "YC-LDCP" not in officer and "YC-QPAN" not in officer
    assert officer["YC-CDS"]["status"] == "expired"
    assert officer["YC-CDS"]["due_on"] == add_months(today(), -12).isoformat()
    assert officer["YC-CDS"]["status_label"] == "Chứng chỉ hết hạn / Certificate expired"

    unit = admin.get(f"{api}/training/units/{world['unit']['id']}/compliance").json()
    assert unit["cadres"] == 2 and {r["full_name"] for r in unit["by_cadre"]} == {"Nguyễn Thị Hồng Nhung",
                                                                                  "Lê Văn Bình"}
    for status in ("required", "done", "overdue", "expired", "due_soon", "not_due"):
        assert unit["summary"][status] == sum(r["summary"][status] for r in unit["by_cadre"])
    assert unit["summary"]["expired"] >= 1 and unit["summary"]["overdue"] >= 1

    plan = admin.get(f"{api}/training/cadres/{world['deputy']['id']}/plan").json()
    entries = {e["key"]: e for e in plan["entries"]}
    assert "YC-LDCP" not in entries
    assert entries["YC-QPAN"]["status"] == "overdue"
    assert {c["code"] for c in entries["YC-QPAN"]["courses"]} >= {"QPAN-D4", "QPAN-D3"}


def test_results_reach_the_evaluation_read_model_and_close_the_course_gap(world):
    admin, api, d = world["s"]["admin"], world["api"], world["deputy"]

    def course_gap_closed():
        gaps = admin.get(f"{api}/cadres/{d['id']}/gaps").json()["gaps"]
        return "course:digital_skills" not in {g["key"] for g in gaps}

    line = f"{d['code']},Nguyễn Thị Hồng Nhung,CDS-CB,CDS-2026-K9,{dmy(today() - timedelta(days=3))},Đạt,24,"
    assert upload(world["s"]["training_school"], api, "cds.csv", f"{HEADER}\n{line}\n".encode()).status_code == 201
    eventually(course_gap_closed, timeout=60, message="digital-skills gap closed in evaluation")


def test_a_changed_row_updates_its_result_with_one_new_event(stack, world):
    school, api, stranger = world["s"]["training_school"], world["api"], world["stranger"]
    session = f"MC-{uuid.uuid4().hex[:6]}"

    def file(hours: str, passed: str) -> bytes:
        return (f"{HEADER}\n{stranger['code']},Đặng Thị Lụa,KN-MC,{session},{dmy(today() - timedelta(days=5))},"
                f"{passed},{hours},\n").encode()

    assert upload(school, api, "mc.csv", file("24", "Không đạt")).json()["created"] == 1
    changed = upload(school, api, "mc-sua.csv", file("24", "Đạt")).json()
    assert (changed["created"], changed["updated"], changed["unchanged"]) == (0, 1, 0)
    results = world["s"]["admin"].get(f"{api}/training/cadres/{stranger['id']}/results").json()
    mine = [r for r in results if r["session"] == session]
    assert [(r["course_code"], r["passed"], r["hours"], r["completed_on"]) for r in mine] == [
        ("KN-MC", True, 24.0, (today() - timedelta(days=5)).isoformat())]
    def events():
        found = [e for e in results_on_topic(stack, {stranger["id"]}) if e["payload"]["session"] == session]
        return found if len(found) >= 2 else None

    first, second = eventually(events, timeout=60, message="the result's two events")
    assert first["payload"]["result_id"] == second["payload"]["result_id"] == mine[0]["id"]
    assert (first["payload"]["passed"], second["payload"]["passed"]) == (False, True)


def test_who_may_upload_and_see_what(stack, world):
    api, s = world["api"], world["s"]
    content = f"{HEADER}\n".encode()
    assert upload(requests.Session(), api, "a.csv", content).status_code == 401
    assert upload(s["unit_hr"], api, "a.csv", content).status_code == 403
    assert upload(s["cadre"], api, "a.csv", content).status_code == 403
    officer, stranger = world["officer"]["id"], world["stranger"]["id"]
    assert s["unit_hr"].get(f"{api}/training/cadres/{officer}/compliance").status_code == 200
    assert s["unit_hr"].get(f"{api}/training/cadres/{stranger}/compliance").status_code == 404
    assert s["unit_hr"].get(f"{api}/training/units/{world['other']['id']}/compliance").status_code == 404
    assert s["cadre"].get(f"{api}/training/cadres/{officer}/plan").status_code == 200
    assert s["cadre"].get(f"{api}/training/cadres/{officer}/results").status_code == 200
    assert s["cadre"].get(f"{api}/training/cadres/{world['deputy']['id']}/results").status_code == 404
    assert s["cadre"].get(f"{api}/training/cadres/{world['deputy']['id']}/compliance").status_code == 404
    assert s["training_school"].get(f"{api}/training/cadres/{officer}/compliance").status_code == 403
    assert s["training_school"].get(f"{api}/courses").status_code == 200
    admins_batch = upload(s["admin"], api, "admin.csv", csv_file(world)).json()["id"]
    assert s["training_school"].get(f"{api}/training/uploads/{admins_batch}").status_code == 404
    assert s["admin"].get(f"{api}/training/uploads/{admins_batch}").status_code == 200


def test_unreadable_files_and_bad_bodies_get_field_messages(world):
    api, school, admin = world["api"], world["s"]["training_school"], world["s"]["admin"]
    cases = [(b"GIF89a\x00\x01\x00", "not a CSV or XLSX file"), (b"\x89PNG\r\n", "must be UTF-8"),
             (b"PK\x03\x04broken", "damaged or not an XLSX file"),
             ("Họ và tên,Mã khóa học\nA,B\n".encode(), "missing columns"),
             ("Tên\n".encode("utf-16"), "must be UTF-8"),
             (f"{HEADER}\n".encode(), "no data rows"),
             (f"{HEADER}\nCB1,".encode() + b"x" * 140_000 + b"\n", "malformed CSV file")]  # over-long cell
    for content, expected in cases:
        res = upload(school, api, "x.csv", content)
        assert res.status_code == 422, (expected, res.text)
        assert expected in res.json()["error"]["fields"]["file"][0]
    assert school.post(f"{api}/training/uploads", data={"other": "x"}).status_code == 422
    both = {"code": "YC-X", "title": "Hai đích", "course_code": "CDS-CB", "category": "digital_skills",
            "due_within_months": 12}
    res = admin.post(f"{api}/training/requirements", json=both)
    assert res.status_code == 422 and set(res.json()["error"]["fields"]) == {"course_code", "category"}
    res = admin.post(f"{api}/training/requirements", json={**both, "category": None, "course_code": "KHONG-CO"})
    assert res.status_code == 422 and "course_code" in res.json()["error"]["fields"]
    res = admin.post(f"{api}/courses", json={"code": "X 1", "title": "T", "category": "cooking", "hours": -1})
    assert res.status_code == 422 and set(res.json()["error"]["fields"]) == {"code", "title", "category", "hours"}


def test_catalogue_and_requirements_crud(world):
    admin, api, cadre = world["s"]["admin"], world["api"], world["s"]["cadre"]
    courses = {c["code"]: c for c in cadre.get(f"{api}/courses").json()}
    assert courses["BD-LDCP"]["title"].startswith("Bồi dưỡng lãnh đạo, quản lý cấp phòng")
    assert courses["BD-LDCP"]["hours"] == 160 and courses["CDS-CB"]["certificate_months"] == 36
    assert {c["category"] for c in courses.values()} == {"political_theory", "defence_security", "state_management",
                                                         "position_skills", "digital_skills"}
    code = f"YC-T{uuid.uuid4().hex[:6]}"
    body = {"code": code, "title": "Chuyên viên một cửa: kỹ năng một cửa", "course_code": "KN-MC",
            "due_within_months": 6, "repeat_every_months": 24, "task_groups": ["Phục vụ hành chính công"]}
    assert admin.post(f"{api}/training/requirements", json=body).status_code == 201
    assert admin.post(f"{api}/training/requirements", json=body).status_code == 409
    assert cadre.post(f"{api}/training/requirements", json=body).status_code == 403
    officer = items_of(admin, api, world["officer"]["id"])
    assert officer[code]["status"] == "overdue"  # appointed 11 months ago, due within 6
    changed = {k: v for k, v in body.items() if k != "code"} | {"due_within_months": 24}
    assert admin.put(f"{api}/training/requirements/{code}", json=changed).json()["due_within_months"] == 24
    assert items_of(admin, api, world["officer"]["id"])[code]["status"] == "not_due"
    assert admin.delete(f"{api}/training/requirements/{code}").status_code == 204
    assert cadre.get(f"{api}/training/requirements/{code}").status_code == 404
    assert code not in items_of(admin, api, world["officer"]["id"])

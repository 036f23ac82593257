"""The training service on the real store: a training school uploads course results (CSV with BOM,
XLSX) and gets a per-row report; the same file again changes nothing; the results make compliance
figures and training plans; each new or changed result stages its `result.recorded` event.
(Across the platform — events on Kafka, evaluation's read model, the upload page —
tests/integration/test_training_results.py.)"""
from __future__ import annotations

import io
import json
import uuid
from datetime import date, datetime, timedelta

import pytest
from openpyxl import Workbook

from cadre_shared.clock import today
from support.in_process import Caller
from training.domain.text import add_months

pytestmark = pytest.mark.integration
HEADER = "Mã cán bộ,Họ và tên,Mã khóa học,Khóa/Lớp,Ngày hoàn thành,Kết quả,Số giờ,Chứng chỉ hết hạn"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture(scope="module")
def world(training):
    feed, service = training.registry, training.service
    unit, other = feed.unit("Xã Tân Lập"), feed.unit("Phường Hòa Bình", kind="ward", area="urban")
    deputy_post = feed.position("PTP-KT", "Phó Trưởng phòng Kinh tế", "Lãnh đạo phòng, trung tâm", is_leader=True,
                                required_course_categories=["digital_skills"])
    officer_post = feed.position("CV-MC", "Chuyên viên một cửa", "Phục vụ hành chính công",
                                 required_course_categories=["digital_skills"])
    deputy = feed.cadre(unit, "Nguyễn Thị Hồng Nhung", position_id=deputy_post, is_leader=True,
                        appointed_on=add_months(today(), -13).isoformat())
    officer = feed.cadre(unit, "Lê Văn Bình", position_id=officer_post,
                         appointed_on=add_months(today(), -11).isoformat())
    stranger = feed.cadre(other, "Đặng Thị Lụa", position_id=officer_post)
    callers = {"admin": service.caller("province_admin"), "training_school": service.caller("training_school"),
               "unit_hr": service.caller("unit_hr", unit_id=unit), "cadre": service.caller("cadre", cadre_id=officer),
               "anonymous": Caller(service.client, {})}
    code = {cadre_id: feed.states[cadre_id]["code"] for cadre_id in (deputy, officer, stranger)}
    return {"unit": unit, "other": other, "deputy": deputy, "officer": officer, "stranger": stranger,
            "code": code, "s": callers}


def upload(training, caller, name: str, content: bytes, mimetype: str = "text/csv"):
    return training.upload(caller, name, content, mimetype)


def problems(report: dict) -> list[tuple]:
    return [(p["row"], p["column"], p["message"].split(" / ")[-1]) for p in report["problems"]]


def staged_results(training, cadre_ids: set[str]) -> list[dict]:
    """The result events staged so far (no relay runs here, so every one is still in its document)."""
    return [e for e in training.service.outbox("result_events") if e["payload"]["cadre_id"] in cadre_ids]


def csv_file(world) -> bytes:
    d, o = world["code"][world["deputy"]], world["code"][world["officer"]]
    lines = [HEADER,
             f"{d},Nguyễn Thị Hồng Nhung,BD-LDCP,LDCP-2026-K1,{dmy(today() - timedelta(days=40))},Đạt,160,",
             f"{o},lê văn  bình,CDS-CB,CDS-2022-K3,{dmy(add_months(today(), -48))},Đạt,24,"
             f"{dmy(add_months(today(), -12))}",
             f"CB-KHONG-CO,Trần Văn Ẩn,CDS-CB,K1,{dmy(today())},Đạt,24,",
             f"{o},Lê Văn Bính,QPAN-D4,K1,{dmy(today())},Đạt,40,",
             f"{o},Lê Văn Bình,KHOA-LA,K1,{dmy(today())},Đạt,40,",
             f"{o},Lê Văn Bình,KN-VB,K1,31/02/2026,Đạt,16,",
             f"{o},Lê Văn Bình,KN-MC,K1,{dmy(today() + timedelta(days=1))},Đạt,24,",
             f"{d},Nguyễn Thị Hồng Nhung,BD-LDCP,LDCP-2026-K1,{dmy(today() - timedelta(days=40))},Đạt,160,"]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def test_csv_with_bom_gets_a_per_row_report_and_a_second_upload_changes_nothing(training, world):
    school = world["s"]["training_school"]
    res = upload(training, school, "ket-qua-quy-IV.csv", csv_file(world))
    assert res.status_code == 201, res.get_data(as_text=True)
    report = res.get_json()
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
    stored = school.get(f"/api/v1/training/uploads/{report['id']}").get_json()
    assert stored["problems"] == report["problems"] and stored["uploaded_by"] == report["uploaded_by"]
    # the batch itself stays small (the list of uploads reads every batch): its problems are apart
    assert not training.service.db["upload_batches"].find_one({"_id": report["id"]}).get("problems")
    assert len(training.service.db["upload_problems"].find_one({"_id": report["id"]})["problems"]) == 6

    again = upload(training, school, "ket-qua-quy-IV (1).csv", csv_file(world)).get_json()
    assert (again["created"], again["updated"], again["unchanged"], again["rejected"]) == (0, 0, 2, 6)
    d = world["code"][world["deputy"]]
    later = f"{HEADER}\n{d},Nguyễn Thị Hồng Nhung,QLNN-CX2C,QLNN-K1,{dmy(today())},Đạt,40,\n"
    assert upload(training, school, "bo-sung.csv", later.encode()).get_json()["created"] == 1
    ids = {world["deputy"], world["officer"]}
    events = staged_results(training, ids)
    assert sorted(e["payload"]["course_code"] for e in events) == ["BD-LDCP", "CDS-CB", "QLNN-CX2C"], \
        "one event per new result, none for the file sent again"
    assert all(e["type"] == "result.recorded" and e["key"] in ids for e in events)


def test_xlsx_with_date_cells_and_bad_rows(training, world):
    book = Workbook()
    sheet = book.active
    sheet.append(["KẾT QUẢ BỒI DƯỠNG - TRƯỜNG CHÍNH TRỊ TỈNH"])
    sheet.append(HEADER.split(","))
    d, o = world["code"][world["deputy"]], world["code"][world["officer"]]
    completed = datetime.combine(today() - timedelta(days=10), datetime.min.time())
    sheet.append([d, "Nguyễn Thị Hồng Nhung", "CDS-CB", "CDS-2026-K4", completed, "Đạt", 24, None])
    sheet.append([o, "Lê Văn Bình", "ATTT", "ATTT-K1", completed, "có lẽ", 8, None])
    sheet.append([world["code"][world["stranger"]], "Đặng Thị Lụa", "KN-MC", "MC-K2", completed, "Không đạt", "12,5",
                  None])
    sheet.append([None] * 8)
    sheet.append([o, "Lê Văn Bình", "KN-DVDT", "DV-K1", "hôm qua", "Đạt", 24, None])
    buffer = io.BytesIO()
    book.save(buffer)
    res = upload(training, world["s"]["admin"], "ket-qua.xlsx", buffer.getvalue(), XLSX)
    assert res.status_code == 201, res.get_data(as_text=True)
    report = res.get_json()
    assert (report["file_format"], report["rows"], report["accepted"], report["rejected"]) == ("xlsx", 4, 2, 2)
    assert problems(report) == [(4, "Kết quả", "expected Đạt/Có or Không đạt/Không"),
                                (7, "Ngày hoàn thành", "invalid date, expected dd/mm/yyyy")]
    assert report["problems"][1]["value"] == "hôm qua"


def items_of(caller, cadre_id: str) -> dict:
    res = caller.get(f"/api/v1/training/cadres/{cadre_id}/compliance")
    assert res.status_code == 200, res.get_data(as_text=True)
    return {i["requirement"]: i for i in res.get_json()["items"]}


def test_compliance_and_plan_follow_the_uploaded_results(training, world):
    admin = world["s"]["admin"]
    upload(training, world["s"]["training_school"], "ket-qua-quy-IV.csv", csv_file(world))  # whichever test ran first
    deputy = items_of(admin, world["deputy"])
    assert deputy["YC-LDCP"]["status"] == "done" and deputy["YC-LDCP"]["last"]["session"] == "LDCP-2026-K1"
    assert deputy["YC-QPAN"]["status"] == "overdue"  # leaders, 12 months after appointment 13 months ago
    assert deputy["YC-QPAN"]["due_on"] == add_months(add_months(today(), -13), 12).isoformat()
    officer = items_of(admin, world["officer"])
    assert "YC-LDCP" not in officer and "YC-QPAN" not in officer
    assert officer["YC-CDS"]["status"] == "expired"
    assert officer["YC-CDS"]["due_on"] == add_months(today(), -12).isoformat()
    assert officer["YC-CDS"]["status_label"] == "Chứng chỉ hết hạn / Certificate expired"

    unit = admin.get(f"/api/v1/training/units/{world['unit']}/compliance").get_json()
    assert unit["cadres"] == 2 and {r["full_name"] for r in unit["by_cadre"]} == {"Nguyễn Thị Hồng Nhung",
                                                                                  "Lê Văn Bình"}
    for status in ("required", "done", "overdue", "expired", "due_soon", "not_due"):
        assert unit["summary"][status] == sum(r["summary"][status] for r in unit["by_cadre"])
    assert unit["summary"]["expired"] >= 1 and unit["summary"]["overdue"] >= 1

    plan = admin.get(f"/api/v1/training/cadres/{world['deputy']}/plan").get_json()
    entries = {e["key"]: e for e in plan["entries"]}
    assert "YC-LDCP" not in entries
    assert entries["YC-QPAN"]["status"] == "overdue"
    assert {c["code"] for c in entries["YC-QPAN"]["courses"]} >= {"QPAN-D4", "QPAN-D3"}


def test_a_changed_row_updates_its_result_with_one_new_event(training, world):
    school, stranger = world["s"]["training_school"], world["stranger"]
    session = f"MC-{uuid.uuid4().hex[:6]}"

    def file(hours: str, passed: str) -> bytes:
        return (f"{HEADER}\n{world['code'][stranger]},Đặng Thị Lụa,KN-MC,{session},"
                f"{dmy(today() - timedelta(days=5))},{passed},{hours},\n").encode()

    assert upload(training, school, "mc.csv", file("24", "Không đạt")).get_json()["created"] == 1
    changed = upload(training, school, "mc-sua.csv", file("24", "Đạt")).get_json()
    assert (changed["created"], changed["updated"], changed["unchanged"]) == (0, 1, 0)
    results = world["s"]["admin"].get(f"/api/v1/training/cadres/{stranger}/results").get_json()
    mine = [r for r in results if r["session"] == session]
    assert [(r["course_code"], r["passed"], r["hours"], r["completed_on"]) for r in mine] == [
        ("KN-MC", True, 24.0, (today() - timedelta(days=5)).isoformat())]
    first, second = [e for e in staged_results(training, {stranger}) if e["payload"]["session"] == session]
    assert first["payload"]["result_id"] == second["payload"]["result_id"] == mine[0]["id"]
    assert (first["payload"]["passed"], second["payload"]["passed"]) == (False, True)


def test_a_result_its_class_document_missed_is_compared_not_stored_twice(training, world):
    """A writer that stopped between a result and its class document leaves the class unaware of
    it: the next upload of the same row finds it when inserting, and changes nothing."""
    school, stranger = world["s"]["training_school"], world["stranger"]
    session = f"ATTT-{uuid.uuid4().hex[:6]}"
    content = (f"{HEADER}\n{world['code'][stranger]},Đặng Thị Lụa,ATTT,{session},"
               f"{dmy(today() - timedelta(days=3))},Đạt,8,\n").encode()
    assert upload(training, school, "attt.csv", content).get_json()["created"] == 1
    training.service.db.class_results.delete_one({"_id": f"ATTT|{session}"})
    again = upload(training, school, "attt (1).csv", content).get_json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 1)
    assert len([e for e in staged_results(training, {stranger}) if e["payload"]["session"] == session]) == 1
    assert stranger in json.loads(training.service.db.class_results.find_one({"_id": f"ATTT|{session}"})["held"])
    third = upload(training, school, "attt (2).csv", content).get_json()
    assert (third["created"], third["updated"], third["unchanged"]) == (0, 0, 1)


def test_who_may_upload_and_see_what(training, world):
    s = world["s"]
    content = f"{HEADER}\n".encode()
    assert upload(training, s["anonymous"], "a.csv", content).status_code == 401
    assert upload(training, s["unit_hr"], "a.csv", content).status_code == 403
    assert upload(training, s["cadre"], "a.csv", content).status_code == 403
    officer, stranger, deputy = world["officer"], world["stranger"], world["deputy"]
    assert s["unit_hr"].get(f"/api/v1/training/cadres/{officer}/compliance").status_code == 200
    assert s["unit_hr"].get(f"/api/v1/training/cadres/{stranger}/compliance").status_code == 404
    assert s["unit_hr"].get(f"/api/v1/training/units/{world['other']}/compliance").status_code == 404
    assert s["cadre"].get(f"/api/v1/training/cadres/{officer}/plan").status_code == 200
    assert s["cadre"].get(f"/api/v1/training/cadres/{officer}/results").status_code == 200
    assert s["cadre"].get(f"/api/v1/training/cadres/{deputy}/results").status_code == 404
    assert s["cadre"].get(f"/api/v1/training/cadres/{deputy}/compliance").status_code == 404
    assert s["training_school"].get(f"/api/v1/training/cadres/{officer}/compliance").status_code == 403
    assert s["training_school"].get("/api/v1/courses").status_code == 200
    admins_batch = upload(training, s["admin"], "admin.csv", csv_file(world)).get_json()["id"]
    assert s["training_school"].get(f"/api/v1/training/uploads/{admins_batch}").status_code == 404
    assert s["admin"].get(f"/api/v1/training/uploads/{admins_batch}").status_code == 200


def test_unreadable_files_and_bad_bodies_get_field_messages(training, world):
    school, admin = world["s"]["training_school"], world["s"]["admin"]
    cases = [(b"GIF89a\x00\x01\x00", "not a CSV or XLSX file"), (b"\x89PNG\r\n", "must be UTF-8"),
             (b"PK\x03\x04broken", "damaged or not an XLSX file"),
             ("Họ và tên,Mã khóa học\nA,B\n".encode(), "missing columns"),
             ("Tên\n".encode("utf-16"), "must be UTF-8"),
             (f"{HEADER}\n".encode(), "no data rows"),
             (f"{HEADER}\nCB1,".encode() + b"x" * 140_000 + b"\n", "malformed CSV file")]  # over-long cell
    for content, expected in cases:
        res = upload(training, school, "x.csv", content)
        assert res.status_code == 422, (expected, res.get_data(as_text=True))
        assert expected in res.get_json()["error"]["fields"]["file"][0]
    assert school.post("/api/v1/training/uploads", data={"other": "x"}).status_code == 422
    both = {"code": "YC-X", "title": "Hai đích", "course_code": "CDS-CB", "category": "digital_skills",
            "due_within_months": 12}
    res = admin.post("/api/v1/training/requirements", json=both)
    assert res.status_code == 422 and set(res.get_json()["error"]["fields"]) == {"course_code", "category"}
    res = admin.post("/api/v1/training/requirements", json={**both, "category": None, "course_code": "KHONG-CO"})
    assert res.status_code == 422 and "course_code" in res.get_json()["error"]["fields"]
    res = admin.post("/api/v1/courses", json={"code": "X 1", "title": "T", "category": "cooking", "hours": -1})
    assert res.status_code == 422 and set(res.get_json()["error"]["fields"]) == {"code", "title", "category", "hours"}


def test_catalogue_and_requirements_crud(training, world):
    admin, cadre = world["s"]["admin"], world["s"]["cadre"]
    courses = {c["code"]: c for c in cadre.get("/api/v1/courses").get_json()}
    assert courses["BD-LDCP"]["title"].startswith("Bồi dưỡng lãnh đạo, quản lý cấp phòng")
    assert courses["BD-LDCP"]["hours"] == 160 and courses["CDS-CB"]["certificate_months"] == 36
    assert {c["category"] for c in courses.values()} == {"political_theory", "defence_security", "state_management",
                                                         "position_skills", "digital_skills"}
    code = f"YC-T{uuid.uuid4().hex[:6]}"
    body = {"code": code, "title": "Chuyên viên một cửa: kỹ năng một cửa", "course_code": "KN-MC",
            "due_within_months": 6, "repeat_every_months": 24, "task_groups": ["Phục vụ hành chính công"]}
    assert admin.post("/api/v1/training/requirements", json=body).status_code == 201
    assert admin.post("/api/v1/training/requirements", json=body).status_code == 409
    assert cadre.post("/api/v1/training/requirements", json=body).status_code == 403
    assert items_of(admin, world["officer"])[code]["status"] == "overdue"  # appointed 11 months ago, due within 6
    changed = {k: v for k, v in body.items() if k != "code"} | {"due_within_months": 24}
    assert admin.put(f"/api/v1/training/requirements/{code}", json=changed).get_json()["due_within_months"] == 24
    assert items_of(admin, world["officer"])[code]["status"] == "not_due"
    assert admin.delete(f"/api/v1/training/requirements/{code}").status_code == 204
    assert cadre.get(f"/api/v1/training/requirements/{code}").status_code == 404
    assert code not in items_of(admin, world["officer"])


def _job_rows(world, session: str, rows: int) -> bytes:
    """``rows`` good rows (the three cadres, in as many classes as needed) and one bad one."""
    cadres = [(world["code"][c], name) for c, name in ((world["deputy"], "Nguyễn Thị Hồng Nhung"),
                                                       (world["officer"], "Lê Văn Bình"),
                                                       (world["stranger"], "Đặng Thị Lụa"))]
    lines = [HEADER] + [f"{code},{name},KN-MC,{session}-{n // 3},{dmy(today() - timedelta(days=3))},Đạt,24,"
                        for n, (code, name) in ((n, cadres[n % 3]) for n in range(rows))]
    lines.append(f"CB-KHONG-CO,Trần Văn Ẩn,KN-MC,{session}-0,{dmy(today())},Đạt,24,")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def as_job(training, monkeypatch):
    """Files of more than two rows are taken as a job, and a chunk is two rows."""
    from training.handlers import records

    monkeypatch.setitem(training.service.app.config, "TRAINING_UPLOAD_SYNC_ROWS", "2")
    monkeypatch.setattr(records, "CHUNK_ROWS", 2)
    monkeypatch.setattr("training.handlers.uploads.CHUNK_ROWS", 2)


def _received(training, batch_id: str) -> dict:
    return next(e for e in training.service.outbox("upload_job_events", batch_id) if e["type"] == "upload.received")


def test_a_large_file_is_stored_answered_202_and_its_job_reports_progress_and_the_same_report(training, world,
                                                                                            as_job):
    from training.consumers import CONSUMERS

    school = world["s"]["training_school"]
    session = f"JOB-{uuid.uuid4().hex[:6]}"
    res = upload(training, school, "ca-nam.csv", _job_rows(world, session, 5))
    assert res.status_code == 202, res.get_data(as_text=True)
    queued = res.get_json()
    assert queued["status"] == "queued" and queued["job"]["status"] == "queued"
    assert res.headers["Location"].endswith(f"/api/v1/training/uploads/{queued['id']}")
    assert training.service.db["upload_files"].find_one({"_id": f"{queued['id']}:0"}) is not None, \
        "the file is stored before the answer"
    assert school.get(f"/api/v1/training/uploads/{queued['id']}").get_json()["status"] == "queued"
    assert not staged_results(training, {world["stranger"]}) or all(
        not e["payload"]["session"].startswith(session) for e in staged_results(training, {world["stranger"]}))

    CONSUMERS["upload-jobs"].handler(_received(training, queued["id"]))
    report = school.get(f"/api/v1/training/uploads/{queued['id']}").get_json()
    assert report["status"] == "done" and report["job"]["status"] == "done"
    assert {k: report[k] for k in ("rows", "accepted", "created", "updated", "unchanged", "rejected")} == \
        {"rows": 6, "accepted": 5, "created": 5, "updated": 0, "unchanged": 0, "rejected": 1}
    assert (report["job"]["total"], report["job"]["validated"], report["job"]["stored"], report["job"]["done"]) == \
        (6, 6, 5, 6)
    assert problems(report) == [(7, "Mã cán bộ", "no cadre has this code")]
    assert training.service.db["upload_files"].find_one({"_id": f"{queued['id']}:0"}) is None, \
        "the file is dropped once its job is done"
    mine = [e for e in training.service.outbox("result_events") if e["payload"]["session"].startswith(session)]
    assert len(mine) == 5, "one event per new result, carried by the chunks' documents"
    CONSUMERS["upload-jobs"].handler(_received(training, queued["id"]))  # delivered again: nothing more
    assert len([e for e in training.service.outbox("result_events")
                if e["payload"]["session"].startswith(session)]) == 5


def test_a_job_stopped_half_way_resumes_and_counts_each_row_once(training, world, as_job, monkeypatch):
    from training.consumers import CONSUMERS
    from training.handlers import uploads

    school = world["s"]["training_school"]
    session = f"CRASH-{uuid.uuid4().hex[:6]}"
    queued = upload(training, school, "ca-nam.csv", _job_rows(world, session, 5)).get_json()
    real, calls = uploads.store_chunk, []

    def crash_in_the_second_chunk(rows, batch_id, chunk, cache):
        calls.append(chunk)
        if chunk == 1 and calls.count(1) == 1:
            real(rows, batch_id, chunk, cache)  # its rows stored, the progress not yet written
            raise ConnectionResetError("the service stopped")
        return real(rows, batch_id, chunk, cache)

    monkeypatch.setattr(uploads, "store_chunk", crash_in_the_second_chunk)
    with pytest.raises(ConnectionResetError):
        CONSUMERS["upload-jobs"].handler(_received(training, queued["id"]))
    half = school.get(f"/api/v1/training/uploads/{queued['id']}").get_json()
    assert half["status"] == "failed" and half["job"]["stored"] == 2, half["job"]
    CONSUMERS["upload-jobs"].handler(_received(training, queued["id"]))  # the event again, after a restart
    report = school.get(f"/api/v1/training/uploads/{queued['id']}").get_json()
    assert calls == [0, 1, 1, 2], "the stored chunk is not done again"
    assert (report["status"], report["created"], report["updated"], report["unchanged"], report["rejected"]) == \
        ("done", 5, 0, 0, 1)
    assert len([e for e in training.service.outbox("result_events")
                if e["payload"]["session"].startswith(session)]) == 5, "each new result's event once"
    assert training.service.db["course_results"].count_documents({"session": {"$regex": f"^{session}"}}) == 5


def test_a_large_file_whose_header_is_wrong_is_refused_at_once(training, world, as_job):
    bad = "Mã cán bộ,Họ và tên\nCB1,A\nCB2,B\nCB3,C\n".encode()
    res = upload(training, world["s"]["training_school"], "sai.csv", bad)
    assert res.status_code == 422 and "Mã khóa học" in res.get_json()["error"]["fields"]["file"][0]


def _as_xlsx(csv_content: bytes, blank_at: int) -> bytes:
    book = Workbook()
    sheet = book.active
    for n, line in enumerate(csv_content.decode().splitlines()):
        if n == blank_at:
            sheet.append([])
        sheet.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_large_xlsx_is_checked_and_stored_as_it_is_read_and_resumes_once(training, world, as_job, monkeypatch):
    """An XLSX job checks its rows as they are parsed and stores each chunk meanwhile: the same
    report as a file read whole (the row numbers as the sheet shows them, a blank row skipped), and
    stopped half way it resumes after the chunks stored, each row counted and each event staged once."""
    from training.consumers import CONSUMERS
    from training.handlers import uploads

    school = world["s"]["training_school"]
    session = f"XJOB-{uuid.uuid4().hex[:6]}"
    content = _as_xlsx(_job_rows(world, session, 25), blank_at=12)
    res = upload(training, school, "ca-nam.xlsx", content, XLSX)
    assert res.status_code == 202, res.get_data(as_text=True)
    queued = res.get_json()
    real, calls = uploads.store_chunk, []

    def crash_in_the_fourth_chunk(rows, batch_id, chunk, cache):
        calls.append(chunk)
        if chunk == 3 and calls.count(3) == 1:
            raise ConnectionResetError("the service stopped")
        return real(rows, batch_id, chunk, cache)

    monkeypatch.setattr(uploads, "store_chunk", crash_in_the_fourth_chunk)
    with pytest.raises(ConnectionResetError):
        CONSUMERS["upload-jobs"].handler(_received(training, queued["id"]))
    half = school.get(f"/api/v1/training/uploads/{queued['id']}").get_json()
    assert half["status"] == "failed" and half["job"]["stored"] == 6, half["job"]
    CONSUMERS["upload-jobs"].handler(_received(training, queued["id"]))
    report = school.get(f"/api/v1/training/uploads/{queued['id']}").get_json()
    assert calls == [0, 1, 2, 3, *range(3, 13)], calls
    assert {k: report[k] for k in ("status", "rows", "accepted", "created", "updated", "unchanged", "rejected")} == \
        {"status": "done", "rows": 26, "accepted": 25, "created": 25, "updated": 0, "unchanged": 0, "rejected": 1}
    assert (report["job"]["total"], report["job"]["stored"], report["job"]["done"]) == (26, 25, 26)
    assert problems(report) == [(28, "Mã cán bộ", "no cadre has this code")]
    mine = [e for e in training.service.outbox("result_events") if e["payload"]["session"].startswith(session)]
    assert len(mine) == 25 and len({e["payload"]["result_id"] for e in mine}) == 25
    assert training.service.db["course_results"].count_documents({"session": {"$regex": f"^{session}"}}) == 25

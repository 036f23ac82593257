"""Importing a cadre list from XLSX or CSV on the real store: good rows created or updated by
cadre code, bad rows reported by row and column in Vietnamese; the same file twice changes
nothing (no write, no event)."""
from __future__ import annotations

import io
import random

import pytest
from openpyxl import Workbook

pytestmark = pytest.mark.integration

HEADER = ["Mã cán bộ", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Trình độ chuyên môn", "Lý luận chính trị",
          "Kỹ năng số", "Mã đơn vị", "Mã phòng ban", "Mã vị trí việc làm", "Ngày bổ nhiệm", "Thử thách đến ngày",
          "Người địa phương"]
COL = {name: i for i, name in enumerate(HEADER)}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Văn An", "Thị Bình", "Đức Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quang Huy", "Ngọc Lan"]

# 20 rows broken in 20 different ways: (column that is wrong, value)
BAD = [("Mã cán bộ", None), ("Mã cán bộ", "CB 01!"), ("Họ và tên", None), ("Họ và tên", "A"),
       ("Họ và tên", "Nguyễn " * 20), ("Giới tính", "Trai"), ("Năm sinh", 1800), ("Năm sinh", 2020),
       ("Năm sinh", "không rõ"), ("Mã đơn vị", "XA-KHONG-CO"), ("Mã đơn vị", None),
       ("Mã vị trí việc làm", "VT-KHONG-CO"), ("Ngày bổ nhiệm", "31/02/2024"), ("Người địa phương", "Có lẽ"),
       ("Trình độ chuyên môn", "Giỏi"), ("Lý luận chính trị", "Thượng thừa"), ("Kỹ năng số", "Siêu"),
       ("Mã phòng ban", "PHONG-X"), ("Thử thách đến ngày", "01/01/2020"), ("Mã cán bộ", "IMP-00003")]


def good_row(i: int, units: list[str], rnd: random.Random) -> list:
    return [f"IMP-{i:05d}", f"{rnd.choice(FAMILY)} {rnd.choice(GIVEN)}", rnd.choice(["Nam", "Nữ"]),
            rnd.randint(1968, 2000), rnd.choice(["Kinh", "Tày", "Nùng"]), rnd.choice(["Đại học", "Thạc sĩ", "Cao đẳng"]),
            rnd.choice(["Trung cấp", "Cao cấp", None]), rnd.choice(["Cơ bản", "Thành thạo"]), rnd.choice(units),
            rnd.choice(["VP", "KT", None]), rnd.choice(["CV-TP", None]), f"{rnd.randint(1, 28):02d}/07/2025",
            None, rnd.choice(["Có", "Không"])]


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ (trích)"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(registry, content: bytes, name: str, role="province_admin", claims=None):
    return registry.post("/api/v1/imports/cadres", role, claims=claims, content_type="multipart/form-data",
                         data={"file": (io.BytesIO(content), name)})


def events_total(registry) -> int:
    return sum(len(doc.get("outbox", [])) for doc in registry.db.cadres.find({}, {"outbox": 1}))


@pytest.fixture(scope="module")
def thousand_rows(catalogue):
    rnd = random.Random(2026)
    rows = [good_row(i, ["P-KB", "X-TD", "X-SD"], rnd) for i in range(1000)]
    bad_at = sorted(rnd.sample(range(10, 1000), len(BAD)))
    for position, (column, value) in zip(bad_at, BAD):
        rows[position][COL[column]] = value
        if column == "Thử thách đến ngày":  # before the appointment date of the same row
            rows[position][COL["Ngày bổ nhiệm"]] = "01/07/2025"
    # sheet rows: title on row 1, header on row 2, data from row 3
    expected = {position + 3: column for position, (column, _) in zip(bad_at, BAD)}
    return workbook(rows), expected


def test_thousand_rows_with_twenty_bad_ones(registry, catalogue, thousand_rows):
    content, expected = thousand_rows
    before = registry.db.cadres.count_documents({})
    res = upload(registry, content, "danh-sach-can-bo.xlsx")
    report = res.get_json()
    assert res.status_code == 200, report
    assert (report["rows"], report["created"], report["updated"], report["unchanged"], report["rejected"]) == \
        (1000, 980, 0, 0, 20)
    assert {e["row"]: e["column"] for e in report["errors"]} == expected
    assert len(report["errors"]) == 20 and all(e["problem"] and e["column_letter"] for e in report["errors"])
    duplicate = next(e for e in report["errors"] if e["column"] == "Mã cán bộ" and "Trùng" in e["problem"])
    assert "dòng 6" in duplicate["problem"], "names the row that holds the code first (IMP-00003 on row 6)"
    assert registry.db.cadres.count_documents({}) == before + 980
    assert len(report["results"]) == 980 and {r["outcome"] for r in report["results"]} == {"created"}
    assert not {r["row"] for r in report["results"]} & set(expected)
    stored = registry.db.cadres.find_one({"code": "IMP-00000"})
    assert stored["name_folded"] and stored["work_history"][0]["kind"] == "appointment"


def test_importing_the_same_file_again_changes_nothing(registry, catalogue, thousand_rows):
    content, expected = thousand_rows
    cadres, events = registry.db.cadres.count_documents({}), events_total(registry)
    report = upload(registry, content, "danh-sach-can-bo.xlsx").get_json()
    assert (report["created"], report["updated"], report["unchanged"], report["rejected"]) == (0, 0, 980, 20)
    assert {r["outcome"] for r in report["results"]} == {"unchanged"}
    assert {e["row"]: e["column"] for e in report["errors"]} == expected
    assert registry.db.cadres.count_documents({}) == cadres
    assert events_total(registry) == events, "no new event"


def test_csv_with_bom_updates_by_code_and_moves_when_the_unit_changes(registry, catalogue):
    first = registry.db.cadres.find_one({"code": "IMP-00001"})
    target = "X-TD" if first["unit_id"] != catalogue["X-TD"] else "P-KB"
    text = ("\ufeffMã cán bộ;Họ và tên;Giới tính;Năm sinh;Mã đơn vị;Trình độ chuyên môn\n"
            f"IMP-00001;Trần Thị Mới;Nữ;1990;{target};Thạc sĩ\n"
            "IMP-NEW-1;Lý Thị Hoa;Nữ;1995;X-SD;Đại học\n")
    report = upload(registry, text.encode("utf-8"), "cap-nhat.csv").get_json()
    assert (report["created"], report["updated"], report["rejected"]) == (1, 1, 0), report
    moved = registry.db.cadres.find_one({"code": "IMP-00001"})
    assert moved["full_name"] == "Trần Thị Mới" and moved["unit_id"] == catalogue[target]
    assert moved["education"] == "master" and moved["work_history"][-1]["to_date"] is None
    assert [e["type"] for e in moved["outbox"]].count("cadre.moved") == 1


def test_competency_columns_record_assessments_once(registry, catalogue):
    def sheet(level_pt, level_law):
        return ("Mã cán bộ,Họ và tên,Giới tính,Năm sinh,Mã đơn vị,Mã vị trí việc làm,Ngày đánh giá,"
                "NL-PT-02 Chuyển đổi số,NL-TTCV-01\n"
                f"NL-IMP-1,Hà Văn Năng,Nam,1987,X-TD,CV-TP,15/10/2026,{level_pt},{level_law}\n").encode()

    assert upload(registry, sheet(2, 3), "nang-luc.csv").get_json()["created"] == 1
    cadre = registry.db.cadres.find_one({"code": "NL-IMP-1"})
    dossier = registry.get(f"/api/v1/cadres/{cadre['_id']}").get_json()
    assert {(a["competency_code"], a["level"], a["assessed_on"]) for a in dossier["competencies"]} == {
        ("NL-PT-02", 2, "2026-10-15"), ("NL-TTCV-01", 3, "2026-10-15")}
    assert "nang-luc.csv" in dossier["competencies"][0]["evidence"]
    assert "competency:NL-TTCV-01" not in cadre["gap_keys"]
    assert upload(registry, sheet(2, 3), "nang-luc.csv").get_json()["unchanged"] == 1
    report = upload(registry, sheet(2, 2), "nang-luc.csv").get_json()
    assert report["updated"] == 1
    assert "competency:NL-TTCV-01" in registry.db.cadres.find_one({"code": "NL-IMP-1"})["gap_keys"]
    report = upload(registry, sheet(6, 2), "nang-luc.csv").get_json()
    assert report["rejected"] == 1 and report["errors"][0]["column"] == "NL-PT-02 Chuyển đổi số"


def test_unit_hr_imports_only_into_their_unit(registry, catalogue):
    text = ("Mã cán bộ,Họ và tên,Giới tính,Năm sinh,Mã đơn vị\n"
            "HR-1,Vi Văn Một,Nam,1991,X-SD\n"
            "HR-2,Vi Văn Hai,Nam,1992,P-KB\n")
    report = upload(registry, text.encode(), "hr.csv", "unit_hr", {"unit_id": catalogue["X-SD"]}).get_json()
    assert (report["created"], report["rejected"]) == (1, 1)
    assert report["errors"] == [{"row": 3, "column": "Mã đơn vị", "column_letter": "E",
                                 "problem": "Đơn vị ngoài phạm vi quản lý của bạn / unit outside your scope"}]


@pytest.mark.parametrize("content,name,message", [
    ("Mã cán bộ,Họ và tên\nX,Y\n".encode(), "thieu-cot.csv", "Thiếu cột bắt buộc"),
    ("Mã cán bộ,Họ và tên,Giới tính,Năm sinh,Mã đơn vị\n".encode("utf-16"), "utf16.csv", "UTF-8"),
    (b"PK\x03\x04 not really a zip", "hong.xlsx", "XLSX"),
    ("a,b,c\n1,2,3\n".encode(), "khong-tieu-de.csv", "tiêu đề"),
    (b"", "rong.csv", "rỗng"),
    # a cell longer than the csv module takes (131 072 characters): a file problem, not a 500
    pytest.param("Mã cán bộ,Họ và tên\nCB1,".encode() + b"x" * 140_000 + b"\n", "o-qua-dai.csv", "không đúng định dạng",
                 id="over-long-cell"),
])
def test_unreadable_files_are_422_on_the_file_field(registry, catalogue, content, name, message):
    res = upload(registry, content, name)
    assert res.status_code == 422
    assert message in res.get_json()["error"]["fields"]["file"][0]


def test_no_file_is_422_and_no_role_is_403(registry, catalogue):
    assert registry.post("/api/v1/imports/cadres", content_type="multipart/form-data", data={}).status_code == 422
    assert upload(registry, b"x", "x.csv", "auditor").status_code == 403


def test_the_row_limit_is_the_services_setting(registry, catalogue, monkeypatch):
    monkeypatch.setitem(registry.client.application.config, "EVALUATION_IMPORT_MAX_ROWS", 2)
    text = "Mã cán bộ,Họ và tên,Giới tính,Năm sinh,Mã đơn vị\n" + "".join(
        f"LIM-{i},Lò Văn Số {i},Nam,1990,X-SD\n" for i in range(3))
    res = upload(registry, text.encode(), "ba-dong.csv")
    assert res.status_code == 422 and "Tối đa 2 dòng" in res.get_json()["error"]["fields"]["file"][0]

"""Reading a cadre spreadsheet as HR keeps it."""
from datetime import date, datetime

import pytest

from evaluation.registry.domain.cadre_sheet import column_letter, find_header, is_blank, row_values

HEADER = ["Mã cán bộ", "Họ và tên", "Giới tính", "Năm sinh", "Mã đơn vị", "Ngày bổ nhiệm", "Người địa phương",
          "Trình độ chuyên môn", "Lý luận chính trị", "Kỹ năng số"]


def test_header_found_below_a_title_row_with_or_without_diacritics_and_english_names():
    rows = [["DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ"], [], ["ma can bo", "HO VA TEN", "gender", "Năm sinh", "unit_code",
                                                  "Ghi chú"]]
    header = find_header(rows)
    assert header.row_number == 3
    assert [c.field for c in header.columns.values()] == ["code", "full_name", "gender", "birth_year", "unit_code"]
    assert header.unknown == ("Ghi chú",) and header.missing == ()


def test_missing_required_columns_are_named():
    header = find_header([["Mã cán bộ", "Họ và tên"]])
    assert [c.header for c in header.missing] == ["Giới tính", "Năm sinh", "Mã đơn vị"]


def test_no_header_at_all():
    assert find_header([["a", "b"], [1, 2]]) is None


def test_cells_are_read_as_people_type_them():
    header = find_header([HEADER])
    values, problems = row_values(["CB001", " Lê Thị Thu ", "Nữ", 1988.0, "XA-1", "05/03/2024", "Không",
                                   "Đại học", "trung cap", "Thành thạo"], header)
    assert problems == {}
    assert values == {"code": "CB001", "full_name": "Lê Thị Thu", "gender": "female", "birth_year": 1988,
                      "unit_code": "XA-1", "appointed_on": date(2024, 3, 5), "is_local": False,
                      "education": "university", "political_theory": "intermediate", "digital_skill": "proficient"}


def test_spreadsheet_dates_iso_dates_and_numeric_codes():
    header = find_header([HEADER])
    values, problems = row_values([123.0, "Trần Văn B", "nam", "1975", "XA-1", datetime(2025, 7, 1, 0, 0), "x",
                                   None, None, None], header)
    assert problems == {} and values["code"] == "123" and values["appointed_on"] == date(2025, 7, 1)
    values, _ = row_values(["C", "T", "Khác", 1990, "X", "2025-07-01", "có", None, None, None], header)
    assert values["appointed_on"] == date(2025, 7, 1) and values["gender"] == "other" and values["is_local"] is True


@pytest.mark.parametrize("index,value", [(2, "Trai"), (3, "năm 85"), (5, "31/02/2024"), (5, "2024/13/01"),
                                         (6, "có lẽ"), (7, "Giỏi")])
def test_unreadable_cells_are_reported_by_cell(index, value):
    row = ["CB1", "Tên", "Nam", 1980, "X", None, None, None, None, None]
    row[index] = value
    values, problems = row_values(row, find_header([HEADER]))
    assert list(problems) == [index] and problems[index]


@pytest.mark.parametrize("typed,code", [("Kỹ sư", "university"), ("Cử nhân", "university"), ("Thạc sỹ", "master"),
                                        ("tiến sĩ", "doctorate")])
def test_degree_titles_stand_for_their_level(typed, code):
    values, _ = row_values(["C", "T", "Nam", 1980, "X", None, None, typed, None, None], find_header([HEADER]))
    assert values["education"] == code


def test_empty_cells_are_none_and_blank_rows_are_blank():
    values, problems = row_values(["CB1"], find_header([HEADER]))
    assert problems == {} and values["full_name"] is None and values["is_local"] is None
    assert is_blank([None, "", "  "]) and not is_blank([None, "x"])


@pytest.mark.parametrize("index,letter", [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
def test_column_letters(index, letter):
    assert column_letter(index) == letter


def test_columns_headed_by_a_competency_code_hold_assessed_levels():
    header = find_header([["Mã cán bộ", "Họ và tên", "nl-pt-02", "NL-CV-01 Nắm vững pháp luật", "NL-XX"]],
                         competency_codes=["NL-PT-02", "NL-CV-01"])
    assert [c.field for c in header.columns.values()] == ["code", "full_name", "competency:NL-PT-02",
                                                          "competency:NL-CV-01"]
    assert header.unknown == ("NL-XX",)
    values, problems = row_values(["C1", "Tên", 3.0, "4"], header)
    assert problems == {} and values["competency:NL-PT-02"] == 3 and values["competency:NL-CV-01"] == 4
    values, problems = row_values(["C1", "Tên", "cao", None], header)
    assert list(problems) == [2] and values["competency:NL-CV-01"] is None

"""The check of uploaded course-result rows: each problem reported with its row and column."""
from datetime import date

from training.domain.result_rows import CadreRef, CourseRef, check_rows, find_header
from training.domain.text import add_months

from cadre_shared.sheet_cells import parse_date

TODAY = date(2026, 11, 25)
HEADER = ["Mã cán bộ", "Họ và tên", "Mã khóa học", "Khóa/Lớp", "Ngày hoàn thành", "Kết quả", "Số giờ",
          "Chứng chỉ hết hạn"]
CADRES = {"CB001": CadreRef("c-1", "Nguyễn Thị Hồng Nhung"), "CB002": CadreRef("c-2", "Lê Văn Bình")}
COURSES = {"CDS-CB": CourseRef("CDS-CB", "digital_skills", 24.0, 36),
           "BD-LDCP": CourseRef("BD-LDCP", "position_skills", 160.0)}


def check(*rows):
    table = [HEADER, *rows]
    header, missing = find_header(table)
    assert missing == []
    return check_rows(table, header, CADRES, COURSES, TODAY)


def problems(checked):
    return [(p.row, p.column, p.message.split(" / ")[1]) for p in checked.problems]


def test_a_good_row_is_accepted_with_course_defaults():
    checked = check(["CB001", "nguyễn thị  hồng nhung", "CDS-CB", "2026-K1", "30/10/2026", "Đạt", "", ""])
    assert problems(checked) == []
    row = checked.good[0]
    assert (row.cadre_id, row.category, row.hours, row.completed_on) == ("c-1", "digital_skills", 24.0,
                                                                         date(2026, 10, 30))
    assert row.certificate_expires_on == date(2029, 10, 30)  # the course's 36 months


def test_each_bad_cell_is_reported_by_row_and_column():
    checked = check(["CB999", "Ai Đó", "CDS-CB", "K1", "01/01/2026", "Đạt", "8", ""],
                    ["CB002", "Le Van Binh", "CDS-CB", "K1", "01/01/2026", "Đạt", "8", ""],
                    ["CB002", "Lê Văn Bình", "XX-1", "K1", "01/01/2026", "Đạt", "8", ""],
                    ["CB002", "Lê Văn Bình", "CDS-CB", "K4", "31/02/2026", "Đạt", "8", ""],
                    ["CB002", "Lê Văn Bình", "CDS-CB", "K2", "26/11/2026", "Đạt", "8", ""],
                    ["CB002", "Lê Văn Bình", "CDS-CB", "K3", "25/11/2026", "Đạt", "-3", ""])
    assert problems(checked) == [
        (2, "Mã cán bộ", "no cadre has this code"),
        (3, "Họ và tên", "name does not match the registry"),
        (4, "Mã khóa học", "no course has this code"),
        (5, "Ngày hoàn thành", "invalid date, expected dd/mm/yyyy"),
        (6, "Ngày hoàn thành", "completion date is in the future"),
        (7, "Số giờ", "hours must be between 0 and 5000")]
    assert checked.good == [] and checked.rejected_rows == {2, 3, 4, 5, 6, 7}


def test_completion_today_is_not_in_the_future():
    assert problems(check(["CB001", "Nguyễn Thị Hồng Nhung", "CDS-CB", "K1", "2026-11-25", "Có", "24", ""])) == []


def test_a_repeated_key_is_a_duplicate_of_the_first_row():
    checked = check(["CB001", "Nguyễn Thị Hồng Nhung", "BD-LDCP", "K1", "01/06/2026", "Đạt", "160", ""],
                    [None, None, None, None, None, None, None, None],
                    ["CB001", "Nguyễn Thị Hồng Nhung", "BD-LDCP", "K1", "02/06/2026", "Đạt", "160", ""])
    assert problems(checked) == [(4, "", "duplicate of row 2 (same cadre, course, session)")]
    assert len(checked.good) == 1


def test_missing_values_and_unreadable_pass_flag():
    checked = check(["CB001", "", "CDS-CB", "K1", "", "có lẽ", "24", ""])
    assert problems(checked) == [(2, "Họ và tên", "value missing"), (2, "Ngày hoàn thành", "value missing"),
                                 (2, "Kết quả", "expected Đạt/Có or Không đạt/Không")]


def test_a_failed_result_carries_no_certificate_and_expiry_must_follow_completion():
    checked = check(["CB001", "Nguyễn Thị Hồng Nhung", "CDS-CB", "K1", "01/06/2026", "Không đạt", "24", ""],
                    ["CB002", "Lê Văn Bình", "CDS-CB", "K1", "01/06/2026", "Đạt", "24", "01/06/2026"])
    assert checked.good[0].passed is False and checked.good[0].certificate_expires_on is None
    assert problems(checked) == [(3, "Chứng chỉ hết hạn", "certificate expires before completion")]


def test_header_found_below_a_title_with_english_or_unaccented_names():
    table = [["Kết quả bồi dưỡng quý IV"], [], ["cadre code", "full name", "course code", "session",
                                                  "completed on", "passed", "hours"]]
    header, missing = find_header(table)
    assert header.row_index == 2 and missing == []
    assert find_header([["Ma can bo", "Ho va ten"]])[1] == ["Mã khóa học", "Khóa/Lớp", "Ngày hoàn thành",
                                                            "Kết quả (Đạt/Không đạt)", "Số giờ"]


def test_dates_in_both_forms_and_month_ends():
    assert parse_date("05/03/2026") == parse_date("2026-03-05") == date(2026, 3, 5)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)

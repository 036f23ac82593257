"""The course-result sheet a training school uploads: its columns, and the check of each row
(kết quả bồi dưỡng): good rows become results, bad rows a per-row report."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cadre_shared.sheet_cells import CellError, fold, parse_date, text_of

from .text import add_months, parse_hours, parse_passed, same_name


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as the template writes it
    aliases: tuple[str, ...]
    required: bool = True


COLUMNS = (
    Column("cadre_code", "Mã cán bộ", ("ma can bo", "ma cb", "cadre code", "cadre_code")),
    Column("full_name", "Họ và tên", ("ho va ten", "ho ten", "full name", "full_name", "name")),
    Column("course_code", "Mã khóa học", ("ma khoa hoc", "ma khoa", "ma lop", "course code", "course_code")),
    Column("session", "Khóa/Lớp", ("khoa/lop", "khoa lop", "lop", "dot", "khoa", "session")),
    Column("completed_on", "Ngày hoàn thành", ("ngay hoan thanh", "ngay ket thuc", "completed on", "completed_on")),
    Column("passed", "Kết quả (Đạt/Không đạt)", ("ket qua (dat/khong dat)", "ket qua", "dat", "passed")),
    Column("hours", "Số giờ", ("so gio", "so tiet", "hours")),
    Column("certificate_expires_on", "Chứng chỉ hết hạn", ("chung chi het han", "ngay het han chung chi",
                                                           "het han", "certificate expires on",
                                                           "certificate_expires_on"), required=False),
)
MISSING = "Thiếu giá trị / value missing"


@dataclass(frozen=True)
class Header:
    row_index: int  # 0-based index of the header row in the table
    positions: dict[str, int]  # column key → 0-based cell index
    titles: dict[str, str]  # column key → the header as written in the file


def find_header(rows: list[list], look_at: int = 10) -> tuple[Header | None, list[str]]:
    """The first of the top rows naming every required column; else (None, the missing headers)."""
    best_missing = [c.header for c in COLUMNS if c.required]
    for index, row in enumerate(rows[:look_at]):
        positions, titles = {}, {}
        for cell_index, cell in enumerate(row):
            text = text_of(cell)
            if text is None:
                continue
            for column in COLUMNS:
                if column.key not in positions and fold(text) in column.aliases:
                    positions[column.key], titles[column.key] = cell_index, text
                    break
        missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
        if not missing:
            return Header(index, positions, titles), []
        if len(missing) < len(best_missing):
            best_missing = missing
    return None, best_missing


@dataclass(frozen=True)
class CadreRef:
    id: str
    full_name: str


@dataclass(frozen=True)
class CourseRef:
    code: str
    category: str
    hours: float
    certificate_months: int | None = None


@dataclass
class Problem:
    row: int  # row number in the file, the header row counted (as a spreadsheet shows it)
    column: str  # the header as written in the file ("" for the row as a whole)
    value: str | None
    message: str


@dataclass
class GoodRow:
    row: int
    cadre_id: str
    cadre_code: str
    course_code: str
    category: str
    session: str
    completed_on: date
    passed: bool
    hours: float
    certificate_expires_on: date | None


@dataclass
class Checked:
    good: list[GoodRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected_rows: set[int] = field(default_factory=set)


def is_blank(row: list) -> bool:
    return all(text_of(cell) is None for cell in row)


def _cell(row: list, header: Header, key: str):
    position = header.positions.get(key)
    return row[position] if position is not None and position < len(row) else None


def check_rows(rows: list[list], header: Header, cadres: dict[str, CadreRef], courses: dict[str, CourseRef],
               today: date) -> Checked:
    """Every data row below ``header``: unknown cadre or course, name mismatch, unreadable or future date,
    certificate expiring before completion, duplicates of an earlier row (same cadre + course + session)."""
    checked, seen = Checked(), {}
    for index in range(header.row_index + 1, len(rows)):
        check_row(rows[index], index + 1, header, cadres, courses, today, seen, checked)
    return checked


def check_row(row: list, number: int, header: Header, cadres: dict[str, CadreRef], courses: dict[str, CourseRef],
              today: date, seen: dict, checked: Checked) -> bool:
    """One data row (``number``: as a spreadsheet shows it) into ``checked``, as ``check_rows`` checks each
    (``seen``: the rows checked before, for duplicates); whether it was a data row (not blank)."""
    if is_blank(row):
        return False
    problems = _check_row(row, number, header, cadres, courses, today, seen, checked)
    if problems:
        checked.problems.extend(problems)
        checked.rejected_rows.add(number)
    return True


def _check_row(row, number, header, cadres, courses, today, seen, checked) -> list[Problem]:
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        raw = _cell(row, header, key)
        problems.append(Problem(number, header.titles.get(key, key), None if raw is None else str(raw), message))

    values = {}
    for key in ("cadre_code", "full_name", "course_code", "session"):
        values[key] = text_of(_cell(row, header, key))
        if values[key] is None:
            problem(key, MISSING)
    for key, parse in (("completed_on", parse_date), ("passed", parse_passed), ("hours", parse_hours),
                       ("certificate_expires_on", parse_date)):
        try:
            values[key] = parse(_cell(row, header, key))
        except CellError as exc:
            values[key] = None
            problem(key, str(exc))
            continue
        if values[key] is None and key in ("completed_on", "passed"):
            problem(key, MISSING)
    cadre = cadres.get(values["cadre_code"]) if values["cadre_code"] else None
    if values["cadre_code"] and cadre is None:
        problem("cadre_code", "Không có cán bộ với mã này / no cadre has this code")
    if cadre and values["full_name"] and not same_name(values["full_name"], cadre.full_name):
        problem("full_name", f"Họ tên không khớp với hồ sơ ({cadre.full_name}) / name does not match the registry")
    course = courses.get(values["course_code"]) if values["course_code"] else None
    if values["course_code"] and course is None:
        problem("course_code", "Không có khóa học với mã này trong danh mục / no course has this code")
    completed, expires = values["completed_on"], values["certificate_expires_on"]
    if completed and completed > today:
        problem("completed_on", "Ngày hoàn thành ở tương lai / completion date is in the future")
    if completed and expires and expires <= completed:
        problem("certificate_expires_on", "Chứng chỉ hết hạn trước ngày hoàn thành / certificate expires before "
                                          "completion")
    if values["cadre_code"] and values["course_code"] and values["session"]:
        key = (values["cadre_code"], values["course_code"], values["session"])
        if key in seen:
            problems.append(Problem(number, "", None, f"Trùng dòng {seen[key]} (cùng cán bộ, khóa học, khóa/lớp) / "
                                                      f"duplicate of row {seen[key]} (same cadre, course, session)"))
        else:
            seen[key] = number
    if not problems:
        if not values["passed"]:
            expires = None  # no certificate without a pass
        elif expires is None and course.certificate_months:
            expires = add_months(completed, course.certificate_months)
        checked.good.append(GoodRow(number, cadre.id, values["cadre_code"], course.code, course.category,
                                    values["session"], completed, values["passed"],
                                    values["hours"] if values["hours"] is not None else course.hours, expires))
    return problems

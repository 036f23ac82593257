"""Reading a cadre list as HR keeps it in a spreadsheet: which column is which (Vietnamese
headers, with or without diacritics, or the API's field names), and the cell values people
type ("Nữ", "Đại học", "Có", "15/03/2024") turned into the registry's values.

Pure: rows come in as lists of cell values (str, int, float, date, datetime or None).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from cadre_shared.sheet_cells import DAY_MONTH_YEAR, CellError, fold, parse_date, parse_yes_no, text_of

from .scales import DIGITAL_SKILL, EDUCATION, POLITICAL_THEORY, Scale


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    aliases: tuple[str, ...]
    required: bool = False


COLUMNS = (
    Column("code", "Mã cán bộ", ("ma can bo", "ma cb", "code"), True),
    Column("full_name", "Họ và tên", ("ho va ten", "ho ten", "full_name", "full name"), True),
    Column("gender", "Giới tính", ("gioi tinh", "gender"), True),
    Column("birth_year", "Năm sinh", ("nam sinh", "birth_year", "birth year"), True),
    Column("ethnicity", "Dân tộc", ("dan toc", "ethnicity")),
    Column("education", "Trình độ chuyên môn", ("trinh do chuyen mon", "trinh do", "education")),
    Column("political_theory", "Lý luận chính trị", ("ly luan chinh tri", "llct", "political_theory")),
    Column("digital_skill", "Kỹ năng số", ("ky nang so", "digital_skill")),
    Column("unit_code", "Mã đơn vị", ("ma don vi", "unit_code"), True),
    Column("department_code", "Mã phòng ban", ("ma phong ban", "phong ban", "department_code")),
    Column("position_code", "Mã vị trí việc làm", ("ma vi tri viec lam", "ma vi tri", "position_code")),
    Column("appointed_on", "Ngày bổ nhiệm", ("ngay bo nhiem", "appointed_on")),
    Column("probation_until", "Thử thách đến ngày", ("thu thach den ngay", "thu thach den", "probation_until")),
    Column("is_local", "Người địa phương", ("nguoi dia phuong", "is_local")),
    Column("assessed_on", "Ngày đánh giá", ("ngay danh gia", "assessed_on")),
)
COMPETENCY_PREFIX = "competency:"  # field of a column holding the assessed level of one competency
_BY_ALIAS = {alias: column for column in COLUMNS for alias in (fold(column.header), *column.aliases)}
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Header:
    row_number: int                  # 1-based row of the header in the sheet
    columns: dict[int, Column]       # cell index → column
    names: dict[int, str]            # cell index → the header as written
    unknown: tuple[str, ...]
    missing: tuple[Column, ...]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as a spreadsheet shows it)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def competency_column(text: str, codes: dict[str, str]) -> Column | None:
    """A column of assessed levels: headed by a competency code (any case), alone or followed
    by its name ("NL-PT-02" or "NL-PT-02 Chuyển đổi số"); ``codes`` maps upper case → code."""
    code = codes.get(text.replace(":", " ").split()[0].upper()) if text.split() else None
    return Column(f"{COMPETENCY_PREFIX}{code}", text, ()) if code else None


def find_header(rows: list[list], competency_codes: Iterable[str] = ()) -> Header | None:
    """The first row among the first few that names at least two known columns (sheets often
    carry a title above the header); None when there is none."""
    codes = {c.upper(): c for c in competency_codes}
    for number, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        columns, names, unknown = {}, {}, []
        for index, cell in enumerate(row):
            if cell is None or str(cell).strip() == "":
                continue
            text = str(cell).strip()
            column = _BY_ALIAS.get(fold(text)) or competency_column(text, codes)
            if column is None or column in columns.values():
                unknown.append(text)
            else:
                columns[index], names[index] = column, text
        if len(columns) >= 2:
            present = set(columns.values())
            return Header(number, columns, names, tuple(unknown),
                          tuple(c for c in COLUMNS if c.required and c not in present))
    return None


def is_blank(row: list) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


_GENDERS = {"nam": "male", "male": "male", "m": "male", "nu": "female", "female": "female", "f": "female",
            "khac": "other", "other": "other"}
_YES = {"co", "x", "yes", "true", "1", "dung"}
_NO = {"khong", "no", "false", "0", "sai"}


def _gender(raw) -> str | None:
    text = text_of(raw)
    if text is None:
        return None
    try:
        return _GENDERS[fold(text)]
    except KeyError:
        raise CellError("Giới tính phải là Nam, Nữ hoặc Khác / gender must be Nam, Nữ or Khác") from None


def _year(raw) -> int | None:
    if isinstance(raw, (date, datetime)):
        return raw.year
    text = text_of(raw)
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    match = DAY_MONTH_YEAR.match(text)
    if match:
        return int(match.group(3))
    raise CellError("Năm sinh phải là số (ví dụ 1985) / birth year must be a number such as 1985")


def _boolean(raw) -> bool | None:
    return parse_yes_no(raw, yes=_YES, no=_NO, message="Chỉ nhận Có hoặc Không / expected Có or Không")


# Other ways sheets name a level (a degree's title rather than its level, spelling variants).
SYNONYMS = {
    "education": {"ky su": "university", "cu nhan": "university", "bac si": "university", "thac sy": "master",
                  "tien sy": "doctorate", "12/12": "upper_secondary", "thpt": "upper_secondary"},
    "political_theory": {"cu nhan chinh tri": "advanced", "cu nhan": "advanced", "chua": "none"},
    "digital_skill": {"chuan co ban": "basic", "ung dung cntt co ban": "basic", "ung dung cntt nang cao": "advanced"},
}


def _scale_value(scale: Scale):
    accepted = dict(SYNONYMS.get(scale.name, {}))
    for code, label in scale.levels:
        vietnamese, _, english = label.partition(" / ")
        for name in (code, vietnamese, english):
            accepted[fold(name)] = code
    choices = ", ".join(label.partition(" / ")[0] for _, label in scale.levels)

    def parse(raw) -> str | None:
        text = text_of(raw)
        if text is None:
            return None
        try:
            return accepted[fold(text)]
        except KeyError:
            raise CellError(f"Giá trị không có trong danh mục ({choices}) / not in the list: {choices}") from None

    return parse


_PARSERS = {
    "gender": _gender,
    "birth_year": _year,
    "education": _scale_value(EDUCATION),
    "political_theory": _scale_value(POLITICAL_THEORY),
    "digital_skill": _scale_value(DIGITAL_SKILL),
    "appointed_on": parse_date,
    "probation_until": parse_date,
    "is_local": _boolean,
    "assessed_on": parse_date,
}


def _level(raw) -> int | None:
    text = text_of(raw)
    if text is None:
        return None
    if text.isdigit() and 1 <= int(text) <= 10:
        return int(text)
    raise CellError("Mức năng lực phải là số nguyên từ 1 / competency level must be a whole number from 1")


def row_values(row: list, header: Header) -> tuple[dict, dict[int, str]]:
    """The registry's values of one data row (fields of the columns present; empty cells are
    None) and the problems found, by cell index."""
    values, problems = {}, {}
    for index, column in header.columns.items():
        raw = row[index] if index < len(row) else None
        try:
            parse = _level if column.field.startswith(COMPETENCY_PREFIX) else _PARSERS.get(column.field, text_of)
            values[column.field] = parse(raw)
        except CellError as exc:
            problems[index] = str(exc)
    return values, problems

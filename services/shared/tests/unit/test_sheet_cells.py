"""Spreadsheet cells as people type them: folded text, dates in three forms, yes/no words; the
messages are the ones users read in an upload's per-row report."""
from datetime import date, datetime

import pytest

from cadre_shared.sheet_cells import CellError, fold, parse_date, parse_yes_no, text_of

BAD_DATE = "Ngày không hợp lệ, cần dạng dd/mm/yyyy / invalid date, expected dd/mm/yyyy"


@pytest.mark.parametrize("text,folded", [
    ("Đặng Thị Lệ", "dang thi le"),
    ("ĐẶNG VĂN ĐỨC", "dang van duc"),
    ("  Mã   cán\tbộ ", "ma can bo"),
    ("Nguye\u0302\u0303n", "nguyen"),  # "Nguyễn" typed with combining marks
    ("Không đạt", "khong dat"),
])
def test_fold_drops_diacritics_case_and_extra_spaces(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("raw,text", [
    (None, None), ("", None), ("   ", None), (" CB001 ", "CB001"),
    (123.0, "123"), (12.5, "12.5"), (7, "7"), (0.0, "0"),
])
def test_text_of_trims_and_reads_whole_floats_as_integers(raw, text):
    assert text_of(raw) == text


@pytest.mark.parametrize("raw,day", [
    ("15/03/2024", date(2024, 3, 15)),
    ("5/3/2024", date(2024, 3, 5)),
    ("15.03.2024", date(2024, 3, 15)),
    ("15-03-2024", date(2024, 3, 15)),
    ("2024-03-15", date(2024, 3, 15)),
    (" 29/02/2024 ", date(2024, 2, 29)),
    (date(2024, 3, 15), date(2024, 3, 15)),
    (datetime(2024, 3, 15, 0, 0), date(2024, 3, 15)),
    (None, None),
    ("", None),
])
def test_dates_as_typed_in_iso_or_as_date_cells(raw, day):
    result = parse_date(raw)
    assert result == day and (result is None or type(result) is date)


@pytest.mark.parametrize("raw", ["31/02/2024", "29/02/2023", "15/13/2024", "2024-02-30", "03/15/24",
                                 "15 tháng 3 2024", "2024/03/15", 45366.0])
def test_impossible_or_unknown_dates_are_refused_in_vietnamese_and_english(raw):
    with pytest.raises(CellError) as refused:
        parse_date(raw)
    assert str(refused.value) == BAD_DATE


PASSED, FAILED = {"co", "dat", "x"}, {"khong", "khong dat"}
MESSAGE = "Chỉ nhận Đạt/Có hoặc Không đạt/Không / expected Đạt/Có or Không đạt/Không"


@pytest.mark.parametrize("raw,answer", [
    ("Có", True), ("CÓ", True), (" đạt ", True), ("x", True), ("Không đạt", False), ("không", False),
    ("KHONG  DAT", False), (True, True), (False, False), (None, None), ("", None),
])
def test_yes_no_words_with_or_without_diacritics_and_boolean_cells(raw, answer):
    assert parse_yes_no(raw, yes=PASSED, no=FAILED, message=MESSAGE) is answer


def test_a_word_outside_the_column_s_lists_is_refused_with_the_column_s_message():
    with pytest.raises(CellError) as refused:
        parse_yes_no("Có lẽ", yes=PASSED, no=FAILED, message=MESSAGE)
    assert str(refused.value) == MESSAGE
    with pytest.raises(CellError):
        parse_yes_no(1, yes=PASSED, no=FAILED, message=MESSAGE)  # "1" is not among these words

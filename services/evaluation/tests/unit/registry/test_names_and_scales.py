"""Search keys of Vietnamese names, and the ordered scales of the standards."""
import pytest

from evaluation.registry.domain.names import clean_name, fold
from evaluation.registry.domain.scales import COURSE_CATEGORIES, DIGITAL_SKILL, DISCIPLINE_MEASURES, EDUCATION

from cadre_shared.contracts.training import CATEGORIES


@pytest.mark.parametrize("name,folded", [
    ("Nguyễn Thị Hồng Nhung", "nguyen thi hong nhung"),
    ("ĐẶNG VĂN ĐỨC", "dang van duc"),
    ("  Lê   Thị\tThu  Hương ", "le thi thu huong"),
    ("Hoàng Ngọc Ánh", "hoang ngoc anh"),
    ("nguyen van an", "nguyen van an"),
])
def test_fold_drops_diacritics_and_case_with_d_bar_as_d(name, folded):
    assert fold(name) == folded


def test_decomposed_input_is_stored_composed():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed with combining marks
    assert clean_name(decomposed) == "Nguyễn" and fold(decomposed) == "nguyen"


@pytest.mark.parametrize("actual,required,met", [
    ("master", "university", True), ("university", "university", True), ("college", "university", False),
    (None, "university", False), ("unknown", "university", False), (None, None, True), ("college", None, True),
])
def test_meets_is_at_or_above_and_never_for_missing_values(actual, required, met):
    assert EDUCATION.meets(actual, required) is met


def test_scales_are_ordered_lowest_first():
    assert DIGITAL_SKILL.rank("none") < DIGITAL_SKILL.rank("basic") < DIGITAL_SKILL.rank("proficient")
    assert DISCIPLINE_MEASURES.codes[0] == "reprimand"  # "khiển trách or heavier" counts from here


def test_labels_split_into_vietnamese_and_english():
    assert (EDUCATION.vi("university"), EDUCATION.en("university")) == ("Đại học", "University")


def test_course_categories_are_those_of_training_events():
    assert list(COURSE_CATEGORIES) == CATEGORIES

"""What each kind of notification says, from its params, in Vietnamese and in English."""
import re

import pytest

from cadre_shared.contracts.notifications import KINDS
from gateway.domain.notification_texts import MISSING, TEXTS, render
from gateway.handlers.translations import translator

VI, EN = translator("vi"), translator("en")


def test_every_kind_of_the_contract_has_its_texts():
    assert set(TEXTS) == set(KINDS)


def test_a_rating_request_reads_the_period_and_the_date_as_people_write_them():
    title, body = render("rating_requested", {"period": "2026-Q4", "due_on": "2026-12-10"}, VI)
    assert title == "Mời đánh giá cán bộ kỳ Quý 4/2026"
    assert body.endswith("trong kỳ Quý 4/2026. Hạn hoàn thành: 10/12/2026.")


def test_the_same_notification_in_english():
    title, body = render("rating_requested", {"period": "2026-11", "due_on": "2026-12-10"}, EN)
    assert title == "Ratings to give for Month 11/2026"
    assert body.endswith("Due by: 10/12/2026.")
    title, body = render("risk_flag_raised", {"cadre_name": "Nguyễn Thị Hoa", "unit_name": "Xã Tân Lập",
                                              "light": "red"}, EN)
    assert title == "Early warning: Nguyễn Thị Hoa"
    assert body == "Nguyễn Thị Hoa (Xã Tân Lập) is at risk of not meeting the standard; warning level: red."


def test_codes_are_shown_as_words_and_numbers_as_numbers():
    _title, body = render("risk_flag_raised", {"cadre_name": "A", "unit_name": "B", "light": "amber"}, VI)
    assert body.endswith("mức cảnh báo: vàng.")
    _title, body = render("confidence_outcome", {"year": 2026, "cadre_name": "A", "outcome": "replace"}, VI)
    assert body == "Kết quả lấy phiếu tín nhiệm năm 2026 của A: đề nghị thay thế."


def test_a_value_the_producer_left_out_leaves_a_visible_gap_not_an_error():
    title, body = render("training_due", {"course": "Kỹ năng số"}, VI)
    assert title == "Sắp đến hạn bồi dưỡng: Kỹ năng số"
    assert body == f"Cán bộ {MISSING} cần hoàn thành Kỹ năng số trước ngày {MISSING}."


def test_values_are_shown_as_they_are_never_read_as_templates():
    title, _body = render("risk_flag_raised", {"cadre_name": "{unit_name} {0} {__class__}"}, VI)
    assert title == "Cảnh báo sớm: {unit_name} {0} {__class__}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_text_reads_fully_in_english(kind):
    title, body = TEXTS[kind]
    for text in (title, body):
        english = EN(text)
        assert english != text, f"no English for {text!r}"
        assert not re.search(r"[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]", english.lower()), english

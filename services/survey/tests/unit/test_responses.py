from datetime import datetime, timedelta, timezone

from survey.domain.forms import DEFAULT_FORM, indicator_errors, next_version
from survey.domain.receipts import receipt_mismatches
from survey.domain.responses import (REDACTED, content_hash, dossier_key, effective_answer_time,
                                     normalize_dossier_code, redact_personal_numbers)

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)


def test_dossier_codes_match_regardless_of_case_and_spacing():
    assert normalize_dossier_code("  000.00.12.h12-261125-0001 ") == "000.00.12.H12-261125-0001"
    assert dossier_key("u-1", "ab  12") == dossier_key("u-1", "AB 12")


def test_dossier_key_is_per_unit_and_does_not_reveal_the_code():
    key = dossier_key("u-1", "HS-0001")
    assert key != dossier_key("u-2", "HS-0001")
    assert "HS-0001" not in key and len(key) == 64
    assert key != dossier_key("u-1", "HS-0001", pepper="secret")


def test_content_hash_ignores_key_order_but_not_content():
    a = {"overall": "satisfied", "indicators": {"time": 4, "attitude": 5}, "comment": None}
    b = {"comment": None, "indicators": {"attitude": 5, "time": 4}, "overall": "satisfied"}
    assert content_hash("u-1", a) == content_hash("u-1", b)
    assert content_hash("u-1", a) != content_hash("u-1", {**a, "overall": "dissatisfied"})
    assert content_hash("u-1", a) != content_hash("u-2", a)


def test_answer_time_of_a_queued_answer_is_kept():
    given = NOW - timedelta(days=2)
    assert effective_answer_time(given, NOW) == given


def test_answer_time_boundaries():
    assert effective_answer_time(NOW - timedelta(days=30), NOW) == NOW - timedelta(days=30)
    assert effective_answer_time(NOW - timedelta(days=30, seconds=1), NOW) == NOW
    assert effective_answer_time(NOW + timedelta(minutes=5), NOW) == NOW + timedelta(minutes=5)
    assert effective_answer_time(NOW + timedelta(minutes=5, seconds=1), NOW) == NOW
    assert effective_answer_time(None, NOW) == NOW


def test_phone_and_id_numbers_in_comments_are_masked():
    assert redact_personal_numbers("Gọi tôi 0912 345 678 nhé") == f"Gọi tôi {REDACTED} nhé"
    assert redact_personal_numbers("CCCD 001088012345") == f"CCCD {REDACTED}"
    assert redact_personal_numbers("+84912345678") == REDACTED


def test_ordinary_comments_are_left_alone():
    text = "Cán bộ nhiệt tình, chờ 15 phút, nộp 2 lần, hồ sơ ngày 25/11/2026"
    assert redact_personal_numbers(text) == text
    assert redact_personal_numbers(None) is None
    assert redact_personal_numbers("12345678") == "12345678"  # 8 digits: not a phone or ID number


def test_only_the_forms_indicators_are_accepted():
    keys = [i["key"] for i in DEFAULT_FORM["indicators"]]
    assert indicator_errors(keys, {"attitude": 5, "fees": 3}) == {}
    assert set(indicator_errors(keys, {"attitude": 5, "parking": 2})) == {"parking"}


def test_form_versions_count_up():
    assert next_version([]) == 1
    assert next_version([1, 3, 2]) == 4


def test_receipt_binds_official_and_dossier():
    claims = {"cadre_id": "c-1", "dossier_code": "hs-01"}
    assert receipt_mismatches(claims, "c-1", " HS-01") == {}
    assert set(receipt_mismatches(claims, "c-2", "HS-01")) == {"cadre_id"}
    assert set(receipt_mismatches(claims, "c-1", "HS-02")) == {"dossier_code"}

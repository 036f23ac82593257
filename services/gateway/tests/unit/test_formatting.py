from datetime import date, datetime, timezone

from gateway.ui.formatting import in_language, parse_vn_date, vn_date, vn_datetime


def test_dates_read_dd_mm_yyyy():
    assert vn_date("2026-03-05") == "05/03/2026"
    assert vn_date(date(2026, 12, 31)) == "31/12/2026"
    assert vn_date(None) == "" and vn_date("not a date") == ""


def test_moments_are_shown_in_vietnam_time_including_the_day_change():
    late_utc = datetime(2026, 3, 5, 17, 30, tzinfo=timezone.utc)
    assert vn_datetime(late_utc) == "06/03/2026 00:30"
    assert vn_date(late_utc) == "06/03/2026"
    assert vn_datetime("2026-03-05T01:00:00Z") == "05/03/2026 08:00"


def test_parsing_typed_dates():
    assert parse_vn_date("05/03/2026") == date(2026, 3, 5)
    assert parse_vn_date("2026-03-05") == date(2026, 3, 5)
    assert parse_vn_date("31/02/2026") is None and parse_vn_date("") is None


def test_bilingual_messages_keep_the_chosen_half():
    message = "Bắt buộc nhập / required"
    assert in_language(message, "vi") == "Bắt buộc nhập"
    assert in_language(message, "en") == "required"
    assert in_language("Chỉ tiếng Việt", "en") == "Chỉ tiếng Việt"


def test_audit_actions_read_as_words():
    from gateway.ui.audit_labels import describe

    assert describe("auth.sign_in") == "Đăng nhập / Sign-in"
    assert describe("POST /api/v1/cadres") == "Tạo cán bộ / Create cadre"
    assert describe("PATCH /api/v1/cadres/{id}") == "Sửa cán bộ / Change cadre"
    assert describe("POST /api/v1/cadres/{id}/moves") == "Luân chuyển, điều động cán bộ / Move cadre"
    assert describe("POST /api/v1/periods/{id}/classification/approve") == \
        "Phê duyệt, công bố xếp loại / Classification approved"
    assert describe("POST /api/v1/periods/{id}/classification/decisions") == "Quyết định suất xuất sắc / Quota decision"
    assert describe("DELETE /api/v1/tasks/{id}/evidence/{id}") == "Gỡ minh chứng / Evidence removed"
    assert describe("POST /api/v1/something/new") == "POST /api/v1/something/new"

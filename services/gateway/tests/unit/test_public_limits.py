"""Which public calls count against which abuse limit, and how a device is recognised."""
from gateway.domain.public_limits import device_of, limit_for
from gateway.ui.audit_labels import describe


def test_reports_and_ballots_are_limited_reads_of_the_queue_are_not():
    assert limit_for("POST", "/api/v1/reports").name == "report"
    assert limit_for("POST", "/api/v1/reports").window_seconds == 3600
    assert limit_for("POST", "/api/v1/confidence-votes/ballot-form").name == "ballot"
    assert limit_for("post", "/api/v1/confidence-votes/3f1c/ballots").name == "ballot"
    assert limit_for("GET", "/api/v1/reports/status/PA-7K2Q9XMD3F").name == "ballot"
    assert limit_for("GET", "/api/v1/reports") is None
    assert limit_for("POST", "/api/v1/reports/PA-1/conclusion") is None
    assert limit_for("POST", "/api/v1/confidence-votes") is None


def test_a_device_is_a_well_formed_id_the_header_before_the_cookie():
    assert device_of("cookie-value-0123456789", None) == "cookie-value-0123456789"
    assert device_of("cookie-value-0123456789", "header-value-0123456789") == "header-value-0123456789"
    assert device_of("short", None) is None
    assert device_of(None, "bad value with spaces!!") is None


def test_the_new_writes_read_in_words():
    assert describe("POST /api/v1/reports") == "Gửi phản ánh của người dân / Citizen's report filed"
    assert describe("POST /api/v1/reports/{id}/conclusion") == \
        "Kết luận phản ánh của người dân / Conclude citizen's report"
    assert describe("POST /api/v1/confidence-votes/{id}/ballots") == \
        "Bỏ phiếu cuộc lấy phiếu tín nhiệm / Ballot in confidence vote"

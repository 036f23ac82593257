"""Notification e-mails: when one is tried again or given up, and how it is written."""
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy

from gateway.domain.mail_policy import RetryPolicy, compose, is_permanent

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)


def test_waits_double_up_to_the_cap_and_the_mail_is_given_up_after_the_bound():
    retry = RetryPolicy(max_attempts=5, first_wait_s=5, max_wait_s=30)
    waits = [retry.next_try(attempts, NOW) - NOW for attempts in range(1, 5)]
    assert waits == [timedelta(seconds=s) for s in (5, 10, 20, 30)]
    assert retry.next_try(5, NOW) is None


def test_a_refusal_for_good_is_not_asked_again_a_busy_server_is():
    assert is_permanent(550) and is_permanent(535)
    assert not is_permanent(421) and not is_permanent(451) and not is_permanent(None)


def test_a_vietnamese_subject_travels_encoded_and_reads_back_with_its_diacritics():
    message = compose(sender="thongbao@tinh.gov.vn", to="hoa@xa.gov.vn", subject="Mời đánh giá cán bộ kỳ Quý 4/2026",
                      body="Hạn hoàn thành: 10/12/2026.", link="https://cadre360.tinh.gov.vn/ratings", footer="Cadre360")
    raw = message.as_bytes()
    assert b"=?utf-8?" in raw.lower()  # RFC 2047: the header itself stays ASCII
    received = message_from_bytes(raw, policy=policy.default)
    assert received["Subject"] == "Mời đánh giá cán bộ kỳ Quý 4/2026"
    text = received.get_content()
    assert "Hạn hoàn thành: 10/12/2026." in text and "https://cadre360.tinh.gov.vn/ratings" in text

from survey.domain.kiosk_rate import minute_key, over_limit, past_windows, retry_after


def test_windows_are_fixed_calendar_minutes():
    assert minute_key(120.0) == minute_key(179.9) == "m120" and minute_key(180.0) == "m180"


def test_retry_after_is_the_rest_of_the_window():
    assert retry_after(150.2) == 30 and retry_after(179.99) == 1 and retry_after(120.0) == 60


def test_the_request_after_the_limit_is_refused():
    assert not over_limit(30, 30) and over_limit(31, 30)


def test_only_windows_before_the_current_one_are_past():
    assert past_windows(["m60", "m120", "m180", "other"], "m120") == ["m60"]
    assert past_windows(["m120"], "m120") == []

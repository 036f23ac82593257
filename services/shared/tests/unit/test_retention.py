import re
from datetime import date, datetime, timezone
from pathlib import Path

from cadre_shared import retention

README = Path(__file__).resolve().parents[4] / "README.md"


def test_the_cutoff_is_the_start_of_the_vietnamese_day_that_many_days_before(monkeypatch):
    monkeypatch.delenv("C360_RETAIN_SURVEY_COMMENTS_DAYS", raising=False)
    assert retention.cutoff("survey_comments", date(2027, 12, 7)) == datetime(2026, 12, 6, 17, tzinfo=timezone.utc)


def test_each_period_can_be_set_per_installation(monkeypatch):
    monkeypatch.setenv("C360_RETAIN_UPLOAD_REPORTS_DAYS", "30")
    assert retention.days("upload_reports") == 30
    assert retention.cutoff("upload_reports", date(2026, 12, 31)) == datetime(2026, 11, 30, 17, tzinfo=timezone.utc)


def test_the_readme_shows_every_kind_with_its_default_period():
    text = README.read_text()
    for kind in retention.TABLE:
        row = re.search(rf"^\| `{kind.kind.upper()}` \| {kind.service} \| (\d+) days", text, re.M)
        assert row and int(row.group(1)) == kind.days, kind.kind

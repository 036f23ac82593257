"""The backup's own checks, without a store: a backup is restorable only whole and unaltered, and
the daily schedule waits for the next HH:MM (UTC)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import bson
import pytest

from cadre_shared.backup import MANIFEST, BackupError, _sha256, check, seconds_until, verify


@pytest.fixture
def backup(tmp_path):
    (tmp_path / "c360_survey").mkdir()
    data = tmp_path / "c360_survey" / "unit_copies.bson"
    data.write_bytes(bson.encode({"_id": "u1", "name": "Xã Yên Lạc"}))
    manifest = {"format": 1, "databases": {"c360_survey": {"unit_copies": {
        "file": "c360_survey/unit_copies.bson", "documents": 1, "sha256": _sha256(data), "indexes": []}}}}
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    return tmp_path


def test_a_whole_backup_verifies(backup):
    assert verify(backup)["databases"]["c360_survey"]["unit_copies"]["documents"] == 1


def test_an_altered_or_missing_file_or_no_manifest_is_refused(backup):
    data = backup / "c360_survey" / "unit_copies.bson"
    data.write_bytes(bson.encode({"_id": "u1", "name": "Xã Khác"}))
    with pytest.raises(BackupError, match="altered"):
        verify(backup)
    data.unlink()
    with pytest.raises(BackupError, match="missing"):
        verify(backup)
    (backup / MANIFEST).unlink()
    with pytest.raises(BackupError, match="interrupted"):
        verify(backup)


def test_the_daily_backup_waits_for_the_next_time_of_day():
    now = datetime(2026, 12, 7, 1, 30, tzinfo=timezone.utc)
    assert seconds_until("02:00", now) == 30 * 60
    assert seconds_until("01:30", now) == 24 * 3600
    assert seconds_until("00:15", now) == 22 * 3600 + 45 * 60


def test_the_health_check_wants_a_writable_root_and_a_backup_of_the_last_day(tmp_path):
    now = datetime(2026, 12, 7, 3, 0, tzinfo=timezone.utc)
    assert check(tmp_path, timedelta(hours=26), now) is None  # none yet: a new installation is healthy
    old = tmp_path / "cadre360-20261205T013000Z"
    old.mkdir()
    (old / MANIFEST).write_text("{}")
    assert "older than" in check(tmp_path, timedelta(hours=26), now)
    (tmp_path / "cadre360-20261207T013000Z").mkdir()  # interrupted: no manifest, does not count
    assert "older than" in check(tmp_path, timedelta(hours=26), now)
    (tmp_path / "cadre360-20261207T013000Z" / MANIFEST).write_text("{}")
    assert check(tmp_path, timedelta(hours=26), now) is None
    assert "not writable" in check(tmp_path / "missing", timedelta(hours=26), now)

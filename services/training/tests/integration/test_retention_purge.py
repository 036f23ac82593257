"""The training service's retention purge, as an operator runs it (``python -m cadre_shared.daily_jobs
training retention-purge <day>``; the worker runs the same job daily): an upload's per-row problems go
when their period ends, its totals stay."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from cadre_shared.clock import today
from cadre_shared.retention import days

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[4]
HEADER = "Mã cán bộ,Họ và tên,Mã khóa học,Khóa/Lớp,Ngày hoàn thành,Kết quả,Số giờ,Chứng chỉ hết hạn"


def _purge(infra, training, day) -> dict:
    env = {**os.environ, "C360_MONGO_URI": infra.mongo_uri(training.service.db.name),
           "PYTHONPATH": os.pathsep.join(str(ROOT / "services" / s) for s in ("shared", "training"))}
    done = subprocess.run([sys.executable, "-m", "cadre_shared.daily_jobs", "training", "retention-purge",
                           day.isoformat()], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_an_uploads_row_problems_are_removed_when_their_period_ends(infra, training):
    school = training.service.caller("training_school")
    row = f"CB-KHONG-CO,Trần Văn Ẩn,CDS-CB,K1,{today().strftime('%d/%m/%Y')},Đạt,24,"
    report = training.upload(school, "ket-qua.csv", f"{HEADER}\n{row}\n".encode()).get_json()
    assert report["rejected"] == 1 and report["problems"]
    last_day_kept = today() + timedelta(days=days("upload_reports"))
    assert _purge(infra, training, last_day_kept) == {"upload_reports_purged": 0}
    assert _purge(infra, training, last_day_kept + timedelta(days=1)) == {"upload_reports_purged": 1}
    kept = school.get(f"/api/v1/training/uploads/{report['id']}").get_json()
    assert kept["problems"] == [] and (kept["rows"], kept["rejected"]) == (1, 1)

"""The retention table (thời hạn lưu trữ): how long each kind of personal data is kept, and why.

Personal Data Protection Law 91/2025/QH15 keeps personal data no longer than its purpose needs.
The table is data: each period can be changed per installation with ``C360_RETAIN_<KIND>_DAYS``
(``C360_RETAIN_SURVEY_COMMENTS_DAYS=730``…); the README shows the same table. Each service's
daily ``retention-purge`` job (``python -m cadre_shared.daily_jobs <service> retention-purge``)
removes what is older than its kinds' periods — what the figures need (counts, totals) stays."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .clock import day_start_utc
from .config import env


@dataclass(frozen=True)
class Retention:
    kind: str
    service: str
    days: int
    why: str


TABLE = (
    Retention("survey_comments", "survey", 365,
              "Góp ý của người dân phục vụ đánh giá năm và khiếu nại về kết quả; sau đó chỉ giữ số liệu / "
              "citizens' comments serve the year's evaluation and complaints about it; the counts stay"),
    Retention("suspect_cases", "survey", 365,
              "Hồ sơ câu trả lời nghi vấn đã xử lý giữ một năm để đối chiếu khi có khiếu nại / decided "
              "suspect cases are kept a year for complaints; pending ones are kept until decided"),
    Retention("audit_ip_addresses", "gateway", 365,
              "Địa chỉ IP trong nhật ký kiểm toán phục vụ điều tra sự cố an ninh; bản ghi kiểm toán vẫn giữ / "
              "IP addresses in the audit trail serve security investigations; the records themselves stay"),
    Retention("consumer_ledger", "every service", 30,
              "Sổ sự kiện đã xử lý chỉ cần trong thời gian Kafka còn có thể gửi lại sự kiện (14 ngày) / "
              "the ledger of processed events is needed only while Kafka may deliver an event again (14 days)"),
    Retention("upload_reports", "training", 180,
              "Chi tiết lỗi từng dòng của tệp tải lên để trường sửa tệp; tổng số của lần tải lên vẫn giữ / "
              "per-row problems of an upload let the school fix its file; the upload's totals stay"),
)


def days(kind: str) -> int:
    default = next(r.days for r in TABLE if r.kind == kind)
    return int(env(f"RETAIN_{kind.upper()}_DAYS", str(default)))


def cutoff(kind: str, day: date) -> datetime:
    """The moment (UTC) before which data of ``kind`` is removed by the purge that runs on ``day``: the
    start of the Vietnamese day that many days earlier."""
    return day_start_utc(day - timedelta(days=days(kind)))

"""Survey forms (phiếu khảo sát): versioned question sets. A response keeps the version it
answered, so changing the questions later never changes the meaning of past answers."""
from __future__ import annotations

DEFAULT_FORM_CODE = "quay-mot-cua"
DEFAULT_FORM = {
    "code": DEFAULT_FORM_CODE,
    "version": 1,
    "title_vi": "Đánh giá mức độ hài lòng về phục vụ tại Bộ phận một cửa",
    "title_en": "Satisfaction with the service at the one-stop counter",
    "question_vi": "Ông/Bà có hài lòng với sự phục vụ hôm nay không?",
    "question_en": "How satisfied are you with the service today?",
    "indicators": [
        {"key": "attitude", "label_vi": "Thái độ của cán bộ", "label_en": "Attitude of the official"},
        {"key": "time", "label_vi": "Thời gian giải quyết", "label_en": "Time taken"},
        {"key": "trips", "label_vi": "Số lần phải đi lại", "label_en": "Number of trips"},
        {"key": "guidance", "label_vi": "Hướng dẫn rõ ràng, dễ hiểu", "label_en": "Clarity of guidance"},
        {"key": "fees", "label_vi": "Phí, lệ phí đúng như niêm yết", "label_en": "Fees as posted"},
    ],
}
INDICATOR_MIN, INDICATOR_MAX = 1, 5


def indicator_errors(allowed_keys: list[str], indicators: dict) -> dict:
    """Field messages for indicator keys the form version does not ask about."""
    return {key: [f"Tiêu chí không có trong phiếu khảo sát / not an indicator of this form: {key}"]
            for key in indicators if key not in allowed_keys}


def next_version(existing_versions: list[int]) -> int:
    return max(existing_versions, default=0) + 1

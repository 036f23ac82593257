"""What a notification says, per kind, in the reader's language. Services send values
(``params``); the texts are here, in Vietnamese (the msgid), with their English in the gettext
catalogue. Adding a kind to the contract means adding its texts here.

``render`` takes the translation function to use (the web page's, the e-mail reader's), so it
works the same in a request, in the API and in the mail relay."""
from __future__ import annotations

import re
from datetime import date
from typing import Callable

Translate = Callable[[str], str]


def N_(text: str) -> str:
    """Marks a text for ``pybabel extract``; it is translated where it is shown."""
    return text


# kind → (title, body); {name} is filled with params[name], shaped by SHAPES when named there.
TEXTS: dict[str, tuple[str, str]] = {
    "rating_requested": (N_("Mời đánh giá cán bộ kỳ {period}"),
                         N_("Bạn được mời tự đánh giá và đánh giá những người được phân công trong kỳ {period}. "
                            "Hạn hoàn thành: {due_on}.")),
    "rating_reminder": (N_("Nhắc hoàn thành đánh giá kỳ {period}"),
                        N_("Bạn còn phiếu đánh giá chưa hoàn thành trong kỳ {period}. Hạn hoàn thành: {due_on}.")),
    "classification_published": (N_("Đã công bố kết quả xếp loại kỳ {period}"),
                                 N_("Kết quả xếp loại chất lượng kỳ {period} của {unit_name} đã được phê duyệt "
                                    "và công bố.")),
    "risk_flag_raised": (N_("Cảnh báo sớm: {cadre_name}"),
                         N_("Cán bộ {cadre_name} ({unit_name}) có nguy cơ không đạt chuẩn; mức cảnh báo: {light}.")),
    "training_due": (N_("Sắp đến hạn bồi dưỡng: {course}"),
                     N_("Cán bộ {cadre_name} cần hoàn thành {course} trước ngày {due_on}.")),
    "report_received": (N_("Phản ánh mới của người dân"),
                        N_("Phản ánh {reference} về cán bộ {cadre_name} đang chờ xác minh.")),
    "confidence_outcome": (N_("Kết quả lấy phiếu tín nhiệm: {cadre_name}"),
                           N_("Kết quả lấy phiếu tín nhiệm năm {year} của {cadre_name}: {outcome}.")),
}
LIGHTS = {"red": N_("đỏ"), "amber": N_("vàng"), "green": N_("xanh")}
OUTCOMES = {"none": N_("không phải xem xét"), "consider": N_("cần xem xét"), "replace": N_("đề nghị thay thế")}
MISSING = "…"
PERIOD = re.compile(r"^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$")


def _period(value, translate: Translate) -> str:
    """2026-Q4 → "Quý 4/2026", 2026-11 → "Tháng 11/2026" (another code is shown as it is)."""
    match = PERIOD.match(str(value))
    if not match:
        return str(value)
    year, quarter, month = match.groups()
    if quarter:
        return translate(N_("Quý {q}/{y}")).format(q=quarter, y=year)
    return translate(N_("Tháng {m}/{y}")).format(m=int(month), y=year)


def _day(value, _translate: Translate) -> str:
    """An ISO date → dd/mm/yyyy."""
    try:
        return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def _label(labels: dict[str, str]):
    return lambda value, translate: translate(labels[value]) if value in labels else str(value)


SHAPES = {"period": _period, "due_on": _day, "light": _label(LIGHTS), "outcome": _label(OUTCOMES)}


class _Values(dict):
    def __missing__(self, _name):
        return MISSING  # a value the producer did not send: the text still reads, with a gap


def render(kind: str, params: dict, translate: Translate) -> tuple[str, str]:
    """(title, body) of a notification in the language of ``translate``."""
    title, body = TEXTS[kind]
    values = _Values({name: SHAPES[name](value, translate) if name in SHAPES else
                      (f"{value:g}" if isinstance(value, float) else str(value)) for name, value in params.items()})
    return translate(title).format_map(values), translate(body).format_map(values)

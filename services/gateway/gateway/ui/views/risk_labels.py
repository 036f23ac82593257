"""Words of the early-warning pages (cảnh báo sớm): lights, statuses, interventions and outcomes,
each in the reader's language; and a flag's reasons as people read them."""
from __future__ import annotations

from ..i18n import N_, in_current_language
from ..i18n import gettext as _

LIGHTS = {"red": N_("Đỏ — nguy cơ cao"), "amber": N_("Vàng — cần theo dõi"), "green": N_("Xanh — ổn định")}
STATUSES = {"open": N_("Mới"), "acknowledged": N_("Đã xem"), "closed": N_("Đã đóng")}
INTERVENTIONS = {"mentoring": N_("Kèm cặp bởi cán bộ có kinh nghiệm"), "training": N_("Đào tạo, bồi dưỡng"),
                 "rotation": N_("Luân chuyển"), "closer_review": N_("Theo dõi, đánh giá sát hơn")}
OUTCOMES = {"improved": N_("Tiến bộ"), "no_change": N_("Không thay đổi"), "worse": N_("Xấu đi")}
REASONS_SHOWN = 3


def translated(table: dict[str, str]) -> dict[str, str]:
    return {code: _(text) for code, text in table.items()}


def labels() -> dict[str, dict[str, str]]:
    """Every table, for the templates."""
    return {"lights": translated(LIGHTS), "statuses": translated(STATUSES),
            "interventions": translated(INTERVENTIONS), "outcomes": translated(OUTCOMES)}


def reasons(flag: dict) -> list[str]:
    """The rules that fired first (each is a reason on its own), then the model's weightiest
    factors: three at most, in the reader's language."""
    texts = [t["message"] for t in flag.get("triggers", [])] + [f["text"] for f in flag.get("factors", [])]
    return [in_current_language(t) for t in texts[:REASONS_SHOWN]]


def percent(probability: float | None) -> str:
    return "—" if probability is None else f"{probability * 100:.0f}%"

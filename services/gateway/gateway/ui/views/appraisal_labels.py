"""What the evaluation pages call the appraisal's codes (levels, rater groups, index groups, states),
in the reader's language; the API sends codes, never labels. The index names are PRODUCT.md §3.2's."""
from __future__ import annotations

from types import SimpleNamespace

from ..i18n import N_
from ..i18n import gettext as _

LEVELS = {"excellent": N_("Hoàn thành xuất sắc nhiệm vụ"), "good": N_("Hoàn thành tốt nhiệm vụ"),
          "completed": N_("Hoàn thành nhiệm vụ"), "not_completed": N_("Không hoàn thành nhiệm vụ")}
GROUPS = {"self": N_("Tự đánh giá"), "leader": N_("Lãnh đạo trực tiếp"), "peer": N_("Đồng nghiệp"),
          "subordinate": N_("Cấp dưới"), "citizens": N_("Người dân")}
INDICES = {"service": N_("Phục vụ Nhân dân, doanh nghiệp"),
           "coordination": N_("Phối hợp, tổ chức thực hiện"),
           "discipline": N_("Kỷ luật, kỷ cương, liêm chính")}
PERIOD_STATUSES = {"open": N_("Đang mở"), "closing": N_("Đang khóa"), "closed": N_("Đã khóa")}
JOB_STATUSES = {"queued": N_("Đang chờ chạy"), "running": N_("Đang chạy"), "done": N_("Đã xong"),
                "failed": N_("Bị lỗi")}
CLASSIFICATION_STATUSES = {"proposed": N_("Đề xuất, chờ phê duyệt"), "undecided": N_("Vượt giới hạn, chưa quyết định"),
                           "approved": N_("Đã phê duyệt, công bố")}
OVERRIDES = {"degradation_conclusion": N_("Có kết luận suy thoái, “tự diễn biến”, “tự chuyển hóa”"),
             "discipline_reprimand_or_heavier": N_("Bị kỷ luật từ khiển trách trở lên trong năm (liên quan công vụ)"),
             "unit_corruption_case": N_("Để xảy ra tham nhũng, lãng phí ở đơn vị thuộc phạm vi phụ trách trực tiếp")}
# The order rater groups are shown in, and the person groups a cadre answers for.
GROUP_ORDER = ("self", "leader", "subordinate", "peer", "citizens")
PERSON_GROUPS = ("self", "leader", "subordinate", "peer")
LEVEL_ORDER = ("excellent", "good", "completed", "not_completed")


def names() -> SimpleNamespace:
    """Every table above in the reader's language: ``names.level["good"]``, ``names.group["peer"]``…"""
    def translated(table: dict) -> dict:
        return {code: _(text) for code, text in table.items()}

    return SimpleNamespace(level=translated(LEVELS), group=translated(GROUPS), index=translated(INDICES),
                           status=translated(PERIOD_STATUSES), job=translated(JOB_STATUSES),
                           classification=translated(CLASSIFICATION_STATUSES), override=translated(OVERRIDES),
                           group_order=GROUP_ORDER, person_groups=PERSON_GROUPS, level_order=LEVEL_ORDER,
                           indices=tuple(INDICES))


def classification_state(row: dict | None) -> str | None:
    """A unit's classification as the period page lists it: proposed, undecided (a quota violation
    waits for the unit's decision) or approved; None before closing."""
    state = (row or {}).get("classification")
    if not state:
        return None
    if state["status"] == "approved":
        return "approved"
    return "undecided" if state.get("undecided") else "proposed"

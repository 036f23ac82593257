"""The main navigation, per role."""
from __future__ import annotations

from flask import g, request, url_for

from ..i18n import N_

HR_READERS = ("province_admin", "unit_hr", "auditor")
# (endpoint, label, roles allowed, endpoint prefix(es) that mark it current)
NAV = [
    ("ui.home", N_("Trang chủ"), None, "ui.home"),
    ("ui.units", N_("Đơn vị"), HR_READERS, "ui.unit"),
    ("ui.cadres", N_("Cán bộ"), HR_READERS, "ui.cadre"),
    ("ui.positions", N_("Vị trí việc làm"), HR_READERS, "ui.position"),
    ("ui.competencies", N_("Khung năng lực"), HR_READERS, "ui.competenc"),
    ("ui.gaps", N_("Khoảng trống năng lực"), ("province_admin", "unit_hr"), "ui.gap"),
    ("ui.evaluation_periods", N_("Kỳ đánh giá"), HR_READERS, "ui.evaluation"),
    ("ui.ratings", N_("Đánh giá 360"), ("cadre",), "ui.rating"),
    ("ui.my_results", N_("Kết quả của tôi"), ("cadre",), "ui.my_results"),
    ("ui.year_results_now", N_("Xếp loại cuối năm"), HR_READERS, "ui.year_result"),
    ("ui.satisfaction", N_("Hài lòng của người dân"), HR_READERS, "ui.satisfaction"),
    ("ui.risk", N_("Cảnh báo sớm"), HR_READERS, "ui.risk"),
    ("ui.scorecard", N_("Chỉ tiêu nghị quyết"), HR_READERS, "ui.scorecard"),
    ("ui.kiosks_list", N_("Ki-ốt đánh giá"), HR_READERS, "ui.kiosk"),
    ("ui.training_compliance", N_("Bồi dưỡng"), HR_READERS,
     ("ui.training_compliance", "ui.training_requirement", "ui.training_course")),
    ("ui.training_uploads", N_("Kết quả bồi dưỡng"), ("province_admin", "training_school"), "ui.training_upload"),
    ("ui.succession", N_("Quy hoạch cán bộ"), HR_READERS, "ui.succession"),
    ("ui.confidence_votes", N_("Lấy phiếu tín nhiệm"), HR_READERS, "ui.confidence_vote"),
    ("ui.reports", N_("Phản ánh của người dân"), ("inspector", "province_admin"), "ui.report"),
    ("ui.audit", N_("Nhật ký kiểm toán"), ("province_admin", "auditor"), "ui.audit"),
    ("ui.users_list", N_("Tài khoản"), ("province_admin",), "ui.user"),
    ("ui.mail_settings_page", N_("Máy chủ thư"), ("province_admin",), "ui.mail_settings"),
]


def nav_items() -> list[dict]:
    user = g.get("web_user")
    if user is None:
        return []
    items = []
    for endpoint, label, roles, current_prefix in NAV:
        if roles is not None and user.role not in roles:
            continue
        items.append({"url": url_for(endpoint), "label": label,
                      "current": (request.endpoint or "").startswith(current_prefix)})
    return items

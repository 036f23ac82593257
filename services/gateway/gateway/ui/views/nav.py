"""The main navigation, per role."""
from __future__ import annotations

from flask import g, request, url_for

# (endpoint, label, roles allowed, endpoint prefix that marks it current)
NAV = [
    ("ui.home", "Trang chủ", None, "ui.home"),
    ("ui.units", "Đơn vị", ("province_admin", "unit_hr", "auditor"), "ui.unit"),
    ("ui.cadres", "Cán bộ", ("province_admin", "unit_hr", "auditor"), "ui.cadre"),
    ("ui.positions", "Vị trí việc làm", ("province_admin", "unit_hr", "auditor"), "ui.position"),
    ("ui.gaps", "Khoảng trống năng lực", ("province_admin", "unit_hr"), "ui.gap"),
    ("ui.satisfaction", "Hài lòng của người dân", ("province_admin", "unit_hr", "auditor"), "ui.satisfaction"),
    ("ui.kiosks_list", "Ki-ốt đánh giá", ("province_admin", "unit_hr", "auditor"), "ui.kiosk"),
    ("ui.training_uploads", "Kết quả bồi dưỡng", ("province_admin", "training_school"), "ui.training_upload"),
    ("ui.audit", "Nhật ký kiểm toán", ("province_admin", "auditor"), "ui.audit"),
    ("ui.users_list", "Tài khoản", ("province_admin",), "ui.user"),
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

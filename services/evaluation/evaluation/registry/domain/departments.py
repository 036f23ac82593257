"""Departments (phòng, ban, trung tâm) of a commune or ward under the two-level local government."""
from __future__ import annotations

OFFICE = ("VP", "Văn phòng HĐND và UBND")
ECONOMY_COMMUNE = ("KT", "Phòng Kinh tế")
ECONOMY_WARD = ("KT", "Phòng Kinh tế, Hạ tầng và Đô thị")
CULTURE_SOCIETY = ("VHXH", "Phòng Văn hóa - Xã hội")
PUBLIC_SERVICE_CENTRE = ("TTHCC", "Trung tâm phục vụ hành chính công")


def default_departments(kind: str) -> list[dict]:
    """The departments a new commune or ward starts with (a ward's economic department also
    covers infrastructure and urban affairs); a province has none of these."""
    if kind == "commune":
        pairs = (OFFICE, ECONOMY_COMMUNE, CULTURE_SOCIETY, PUBLIC_SERVICE_CENTRE)
    elif kind == "ward":
        pairs = (OFFICE, ECONOMY_WARD, CULTURE_SOCIETY, PUBLIC_SERVICE_CENTRE)
    else:
        pairs = ()
    return [{"code": code, "name": name} for code, name in pairs]

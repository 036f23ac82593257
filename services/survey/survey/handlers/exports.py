"""The satisfaction report of a period (báo cáo chỉ số hài lòng, PRODUCT.md §6 exports) as a
province's report lays it out: for the province one row per commune or ward, for a unit one row per
counter official, each with the responses per level and the satisfaction rate, and the total."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.clock import today
from cadre_shared.errors import ApiError
from cadre_shared.exports import Column, Report, Signature
from cadre_shared.read_copy import UnitCopy
from cadre_shared.satisfaction import MIN_RESPONSES, SatisfactionIndex, satisfaction_index

from ..domain.periods import parse_period
from ..models import CadreCopy
from . import figures
from .scope import authorize_scope

NOT_ENOUGH = f"Chưa đủ phiếu (dưới {MIN_RESPONSES})"


def _columns(first: str) -> tuple[Column, ...]:
    return (Column("STT", 5, align="center"), Column(first, 30), Column("Số phiếu", 9, "0", "right"),
            Column("Rất hài lòng", 10, "0", "right"), Column("Hài lòng", 10, "0", "right"),
            Column("Không hài lòng", 10, "0", "right"), Column("Tỷ lệ hài lòng (%)", 11, "0.0", "right"),
            Column("Ghi chú", 22))


def rate_shown(index: SatisfactionIndex) -> float | None:
    """The rate as the pages show it: per cent to one decimal, none under the minimum of responses."""
    return round(100 * index.satisfaction_rate, 1) if index.satisfaction_rate is not None else None


def _row(number: int | str, name: str, index: SatisfactionIndex) -> list[object]:
    return [number, name, index.responses, index.very_satisfied, index.satisfied, index.dissatisfied,
            rate_shown(index), "" if index.enough else NOT_ENOUGH]


def _period_name(period) -> str:
    return f"Quý {period.quarter}/{period.year}" if period.quarter else f"Tháng {period.month:02d}/{period.year}"


def satisfaction_report(principal: Principal, query: dict) -> tuple[Report, str]:
    """The report and a file name without extension."""
    period = parse_period(query["period"])
    unit_id = authorize_scope(principal, None, query.get("unit_id"))
    if unit_id is None:
        units = {u.id: u.name for u in UnitCopy.objects(kind__in=["commune", "ward"]).only("id", "name")}
        by_unit = figures.breakdown(figures.scope_match(period), "unit_id")
        keyed, first, scope = sorted(units.items(), key=lambda item: item[1]), "Xã, phường", "Toàn tỉnh"
        indices = {key: by_unit.get(key) or satisfaction_index({}) for key, _name in keyed}
    else:
        by_cadre = figures.breakdown(figures.scope_match(period, unit_id=unit_id), "cadre_id")
        names = {c.id: c.full_name for c in CadreCopy.objects(id__in=list(by_cadre)).only("id", "full_name")}
        keyed = sorted(((key, names.get(key) or key) for key in by_cadre), key=lambda item: item[1])
        indices, first = by_cadre, "Họ và tên cán bộ tiếp nhận"
        unit = UnitCopy.objects(id=unit_id).only("name").first()
        if unit is None:
            raise ApiError(404, "Không tìm thấy đơn vị / Unit not found", code="not_found")
        scope = unit.name
    rows = [_row(number, name, indices[key]) for number, (key, name) in enumerate(keyed, start=1)]
    total = satisfaction_index({level: sum(getattr(i, level) for i in indices.values())
                                for level in ("very_satisfied", "satisfied", "dissatisfied")})
    rows.append(_row("", "Tổng cộng", total))
    day = today()
    report = Report(issuer=["SỞ NỘI VỤ" if unit_id is None else scope.upper()],
                    title="BÁO CÁO CHỈ SỐ HÀI LÒNG CỦA NGƯỜI DÂN, DOANH NGHIỆP",
                    subtitle=[f"Kỳ: {_period_name(period)} — {scope}"], columns=_columns(first), rows=rows,
                    notes=["Tỷ lệ hài lòng = (rất hài lòng + hài lòng) / tổng số phiếu; chỉ tính khi có từ "
                           f"{MIN_RESPONSES} phiếu. Không tính phiếu đang bị giữ để xem xét (nghi vấn)."],
                    signature=Signature("Người lập biểu", "Thủ trưởng cơ quan",
                                        f"…………, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"),
                    sheet_name="Chỉ số hài lòng")
    return report, f"hai-long-{period.code}-{scope}"

"""A unit's training compliance as a report people open in a spreadsheet or print and sign (PRODUCT.md
§6 exports): one row per cadre and requirement, the unit's totals under it — the figures of the unit's
compliance document, as its page shows them."""
from __future__ import annotations

from datetime import date

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError
from cadre_shared.exports import Column, Report, Signature

from ..domain.compliance import STATUS_LABELS, STATUSES
from ..models import UnitCopy
from . import unit_compliance as unit_documents

COLUMNS = (Column("STT", 6, align="center"), Column("Mã cán bộ", 14), Column("Họ và tên", 26),
           Column("Yêu cầu bồi dưỡng", 44), Column("Tình trạng", 20), Column("Hạn", 12, align="center"))
NO_REQUIREMENT = "Vị trí việc làm không có yêu cầu bồi dưỡng"


def _vi(label: str) -> str:
    return label.partition(" / ")[0]


def _day(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def compliance_report(principal: Principal, unit_id: str) -> tuple[Report, str]:
    """The report and a file name (without extension) for the unit's compliance today."""
    ensure_unit(principal, unit_id)
    unit = UnitCopy.objects(id=unit_id).first()
    if unit is None:
        raise ApiError(404, "Không tìm thấy đơn vị / Unit not found")
    doc = unit_documents.current(unit_id)
    titles = {r.code: r.title for r in unit_documents.requirements()}
    rows, counts = [], {status: 0 for status in STATUSES}
    for _cadre_id, row in sorted((doc.get("rows") or {}).items(), key=lambda pair: (pair[1].get("full_name") or "",
                                                                                     pair[0])):
        for item in row["items"] or [None]:
            if item is None:
                rows.append([len(rows) + 1, row.get("code"), row.get("full_name"), NO_REQUIREMENT, "", ""])
                continue
            counts[item["status"]] += 1
            rows.append([len(rows) + 1, row.get("code"), row.get("full_name"),
                         titles.get(item["requirement"], item["requirement"]), _vi(STATUS_LABELS[item["status"]]),
                         _day(item["due_on"])])
    as_of = date.fromisoformat(doc["as_of"])
    totals = ", ".join(f"{_vi(STATUS_LABELS[s]).lower()} {counts[s]}" for s in ("done", "due_soon", "overdue",
                                                                                "expired", "not_due"))
    report = Report(
        issuer=[(unit.name or "").upper()], title="DANH SÁCH TÌNH TRẠNG BỒI DƯỠNG THEO VỊ TRÍ VIỆC LÀM",
        subtitle=[f"Đơn vị: {unit.name}", f"Tính đến ngày {as_of.strftime('%d/%m/%Y')}"], columns=COLUMNS, rows=rows,
        notes=[f"Tổng cộng {len({r[1] for r in rows})} cán bộ, {sum(counts.values())} yêu cầu: {totals}."],
        signature=Signature("Người lập biểu", "Thủ trưởng đơn vị",
                            f"Ngày {as_of.day:02d} tháng {as_of.month:02d} năm {as_of.year}"),
        sheet_name="Tình trạng bồi dưỡng")
    return report, f"tinh-trang-boi-duong-{unit.code or unit.id}-{as_of.isoformat()}"

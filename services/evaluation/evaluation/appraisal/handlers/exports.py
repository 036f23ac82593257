"""The unit's classification of a period or of the year-end result for the minutes of its meeting
(PRODUCT.md §6 exports), as a spreadsheet or a printable PDF: the same reading rules as the classification itself (a cadre reads
their own unit's once approved), Vietnamese headers, the levels' names, a signature block."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.clock import today
from cadre_shared.exports import Column, Report, Signature
from cadre_shared.periods import parse_period_code

from ..domain.scoring import LEVEL_NAMES_VI, OVERRIDE_NAMES_VI
from ..domain.year_end import is_year_code
from .classification import classification_view, readable
from .scopes import Scope

COLUMNS = (Column("STT", 5, align="center"), Column("Họ và tên", 26), Column("Vị trí việc làm", 12),
           Column("Nhóm nhiệm vụ tương đồng", 20), Column("Tổng điểm", 9, "0.00", "right"),
           Column("Xếp loại theo điểm", 18), Column("Xếp loại cuối cùng", 18), Column("Lý do (nếu có)", 24),
           Column("Phân vị cùng vị trí (%)", 10, "0.0", "right"))
YEAR_COLUMNS = (*COLUMNS[:4], Column("Điểm bình quân năm", 9, "0.00", "right"), *COLUMNS[5:])


def period_name(code: str) -> str:
    if is_year_code(code):
        return f"Cuối năm {code} (bình quân các quý đã công tác)"
    span = parse_period_code(code)
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
    return f"Quý {roman[span.quarter]} năm {span.year}" if span.quarter else f"Tháng {span.month:02d} năm {span.year}"


def _status_line(view: dict) -> str:
    if view["status"] == "approved" and view["approved_at"]:
        return f"Đã phê duyệt ngày {view['approved_at']:%d/%m/%Y} ({view['approved_by']})"
    return "DỰ THẢO: đề xuất, chưa được phê duyệt"


def classification_report(principal: Principal, scope: Scope, unit_id: str | None) -> tuple[Report, str]:
    """The report and a file name without extension."""
    view = classification_view(*readable(principal, scope, unit_id))
    rows = [[number, c["full_name"], c["position_code"] or "", c["task_group"] or "", round(c["total"], 2),
             LEVEL_NAMES_VI[c["score_level"]], LEVEL_NAMES_VI[c["final_level"]],
             OVERRIDE_NAMES_VI.get(c["override"], "") if c["override"] else
             ("Điều chỉnh theo giới hạn tỷ lệ xuất sắc" if c["final_level"] != c["score_level"] else ""),
             c["percentile"]] for number, c in enumerate(view["cadres"], start=1)]
    notes = [f"Nhóm {g['task_group'] or '(chưa xác định)'}: {g['excellent']} xuất sắc, {g['good']} tốt "
             f"(tối đa {g['allowed_excellent']} xuất sắc){'; chưa quyết định' if g['violation'] else ''}"
             for g in view["groups"]]
    notes.append(f"Tỷ lệ xuất sắc tối đa: {view['excellent_ratio'] * 100:g}% số hoàn thành tốt nhiệm vụ "
                 "(Nghị định 335/2025/NĐ-CP). Phân vị: tỷ lệ cán bộ cùng mã vị trí toàn tỉnh có điểm bằng hoặc thấp hơn.")
    day = today()
    unit_name = view["unit_name"] or ""
    report = Report(issuer=[unit_name.upper()], title="DANH SÁCH XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC",
                    subtitle=[f"Kỳ đánh giá: {period_name(scope.code)} — {unit_name}", _status_line(view)],
                    columns=YEAR_COLUMNS if scope.kind == "year" else COLUMNS, rows=rows, notes=notes,
                    signature=Signature("Người lập biểu", "Thủ trưởng đơn vị",
                                        f"…………, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"))
    return report, f"xep-loai-{scope.code}-{unit_name}"

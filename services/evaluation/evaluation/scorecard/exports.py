"""The resolution targets scorecard for the province's meeting (PRODUCT.md §6 exports): every target
of each commune and of the province, the figure beside the target, as XLSX or a printable PDF."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.clock import today
from cadre_shared.exports import Column, Report, Signature

from ..appraisal.queries import period_name
from .handlers import unit_scorecards

COLUMNS = (Column("STT", 5, align="center"), Column("Đơn vị", 22), Column("Chỉ tiêu", 40),
           Column("Kết quả", 10, "0.0", "right"), Column("Đơn vị tính", 8, align="center"),
           Column("Số đạt / tổng", 12, align="center"), Column("Mục tiêu", 26), Column("Đánh giá", 14),
           Column("Ghi chú", 26))
VERDICTS = {True: "Đạt", False: "Chưa đạt", None: "Chưa đủ dữ liệu"}


def vietnamese(text: str | None) -> str:
    """The Vietnamese half of a "Tiếng Việt / English" text."""
    return (text or "").partition(" / ")[0].strip()


def shown_value(figure: dict) -> float | int | None:
    """The figure as the page and the files show it: a share in per cent to one decimal, a count whole."""
    if figure["value"] is None:
        return None
    return figure["value"] if figure["kind"] == "count" else round(100 * figure["value"], 1)


def _rows(name: str, figures: list[dict], start: int) -> list[list[object]]:
    return [[start + i, name, vietnamese(f["name"]), shown_value(f), "người" if f["kind"] == "count" else "%",
             f"{f['numerator']}/{f['denominator']}", vietnamese(f["target_text"]), VERDICTS[f["met"]],
             vietnamese(f["note"])] for i, f in enumerate(figures)]


def scorecard_report(principal: Principal, query: dict) -> tuple[Report, str]:
    """The report and a file name without extension."""
    card = unit_scorecards(principal, query)
    rows: list[list[object]] = []
    if card["province"] is not None:
        rows += _rows("Toàn tỉnh", card["province"], 1)
    for unit in card["units"]:
        rows += _rows(unit["name"], unit["figures"], len(rows) + 1)
    period = period_name(card["period"]) if card["period"] else "chưa có kỳ đã khóa"
    scope = card["units"][0]["name"] if card["province"] is None and card["units"] else "Toàn tỉnh"
    day = today()
    report = Report(issuer=["SỞ NỘI VỤ" if card["province"] is not None else scope.upper()],
                    title="BẢNG THEO DÕI CHỈ TIÊU NGHỊ QUYẾT VỀ NÂNG CAO CHẤT LƯỢNG CÁN BỘ XÃ, PHƯỜNG",
                    subtitle=[f"Kỳ: {period} — {scope}"], columns=COLUMNS, rows=rows,
                    notes=["Chỉ tiêu theo mục I.2.2 của Nghị quyết; cán bộ chủ chốt: người giữ vị trí việc làm "
                           "được đánh dấu là chức danh chủ chốt."],
                    signature=Signature("Người lập biểu", "Thủ trưởng cơ quan",
                                        f"…………, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"),
                    sheet_name="Chỉ tiêu")
    return report, f"chi-tieu-{card['period'] or 'chua-khoa'}-{scope}"

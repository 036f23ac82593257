"""Reports people open in a spreadsheet or print for the minutes of a meeting (PRODUCT.md §6
exports): one ``Report`` — the national heading, a title, a table with Vietnamese headers, notes
and a signature block — written as XLSX (openpyxl) or as a printable PDF (fpdf2) with an embedded
font that has every Vietnamese letter (DejaVu Sans, Debian's ``fonts-dejavu-core``).

Cells are formula-safe: a text beginning with ``= + - @``, a tab or a carriage return is stored as
text (and marked to show as typed), so no spreadsheet runs what someone typed into a name or a
reason. Numbers stay numbers.
"""
from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
logging.getLogger("fontTools").setLevel(logging.WARNING)  # it logs every glyph it keeps when fpdf2 subsets the font
FONT_DIR = Path(os.environ.get("C360_PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


class FontMissing(RuntimeError):
    """The PDF font is not installed (fonts-dejavu-core)."""


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14            # characters in the sheet; the PDF shares the page in proportion
    number_format: str | None = None  # for numbers, e.g. "0.00"
    align: str = "left"          # left, center, right


@dataclass(frozen=True)
class Signature:
    """Who signs, left and right, under a place-and-date line on the right."""
    left: str
    right: str
    place_date: str
    note: str = "(Ký, ghi rõ họ tên)"


@dataclass(frozen=True)
class Report:
    issuer: Sequence[str]                     # the issuing body, top left (e.g. the unit's name)
    title: str
    subtitle: Sequence[str]
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]]
    notes: Sequence[str] = field(default_factory=tuple)
    signature: Signature | None = None
    sheet_name: str = "Danh sách"


def formula_safe(value: object) -> bool:
    """True for a text a spreadsheet would otherwise read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _put(sheet, row: int, column: int, value: object, **style):
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):  # control characters a worksheet cannot hold (openpyxl refuses them)
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text begins with
        if formula_safe(value):
            cell.quotePrefix = True
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = report.sheet_name[:31]
    width = len(report.columns)
    bold, thin = Font(bold=True), Side(style="thin")
    right = width // 2 + 1  # the right half: the national heading, the signer
    for line, text in enumerate(report.issuer, start=1):
        _put(sheet, line, 1, text, font=bold)
    for line, text in enumerate(NATION, start=1):
        _put(sheet, line, right, text, font=bold)
    line = max(len(report.issuer), len(NATION)) + 2
    _put(sheet, line, 1, report.title, font=Font(bold=True, size=13))
    for text in report.subtitle:
        line += 1
        _put(sheet, line, 1, text)
    line += 2
    for index, column in enumerate(report.columns, start=1):
        _put(sheet, line, index, column.header, font=bold, border=Border(thin, thin, thin, thin),
             alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"))
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header_line = line
    for values in report.rows:
        line += 1
        for index, (column, value) in enumerate(zip(report.columns, values), start=1):
            cell = _put(sheet, line, index, value, border=Border(thin, thin, thin, thin),
                        alignment=Alignment(horizontal=column.align, vertical="top", wrap_text=True))
            if column.number_format and isinstance(value, (int, float)):
                cell.number_format = column.number_format
    sheet.freeze_panes = sheet.cell(row=header_line + 1, column=1)
    for text in report.notes:
        line += 2
        _put(sheet, line, 1, text)
    if report.signature:
        line += 2
        _put(sheet, line, right, report.signature.place_date)
        line += 1
        _put(sheet, line, 1, report.signature.left, font=bold)
        _put(sheet, line, right, report.signature.right, font=bold)
        line += 1
        _put(sheet, line, 1, report.signature.note)
        _put(sheet, line, right, report.signature.note)
    sheet.print_options.gridLines = False
    sheet.page_setup.orientation = "landscape"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def font_files() -> dict[str, Path]:
    """The PDF font's files, or ``FontMissing`` saying what to install."""
    files = {style: FONT_DIR / name for style, name in FONT_FILES.items()}
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise FontMissing(f"PDF font missing ({', '.join(missing)}): install Debian's fonts-dejavu-core "
                          f"(deploy/local/install.sh does) or set C360_PDF_FONT_DIR")
    return files


def to_pdf(report: Report) -> bytes:
    from fpdf import FPDF  # only the PDF exports need it
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="landscape", format="A4")
    for style, path in font_files().items():
        pdf.add_font("DejaVu", style, str(path))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.set_font("DejaVu", "B", 10)
    top = pdf.get_y()
    for text in report.issuer:
        pdf.cell(half, 5, text, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_xy(pdf.l_margin + half, top)
    for text in NATION:
        pdf.cell(half, 5, text, new_x="LEFT", new_y="NEXT", align="C")
    pdf.ln(6)
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, report.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for text in report.subtitle:
        pdf.multi_cell(0, 5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 8.5)
    total = sum(c.width for c in report.columns)
    widths = tuple(c.width / total * (pdf.w - pdf.l_margin - pdf.r_margin) for c in report.columns)
    aligns = {"left": "LEFT", "center": "CENTER", "right": "RIGHT"}
    with pdf.table(col_widths=widths, text_align=tuple(aligns[c.align] for c in report.columns),
                   headings_style=FontFace(emphasis="BOLD"), line_height=4.5, repeat_headings=1) as table:
        table.row([c.header for c in report.columns])
        for values in report.rows:
            table.row(["" if v is None else str(v) for v in values])
    pdf.set_font("DejaVu", "", 9)
    for text in report.notes:
        pdf.ln(2)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    if report.signature:
        if pdf.get_y() > pdf.h - 55:
            pdf.add_page()
        pdf.ln(6)
        pdf.set_x(pdf.l_margin + half)
        pdf.set_font("DejaVu", "", 10)
        pdf.cell(half, 5, report.signature.place_date, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(half, 5, report.signature.left, align="C")
        pdf.cell(half, 5, report.signature.right, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(half, 5, report.signature.note, align="C")
        pdf.cell(half, 5, report.signature.note, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())

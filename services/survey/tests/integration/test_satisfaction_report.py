"""The satisfaction report (PRODUCT.md §6 exports) as a province's report lays it out: per commune for
the province (every commune listed, also one without answers), per counter official for a unit, the
total under it; the unit's HR gets only their own unit's."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from survey.domain.periods import periods_of

pytestmark = pytest.mark.integration
QUARTER, _MONTH = periods_of(datetime.now(timezone.utc))


def spaced(minutes_ago: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)).isoformat()


def rows_of(content: bytes) -> dict:
    return {r[1]: r for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
            if isinstance(r[0], int) or r[1] == "Tổng cộng"}


@pytest.fixture(scope="module")
def report_place(survey):
    busy, quiet = survey.add_unit("Xã Yên Bình"), survey.add_unit("Xã Lặng Im")
    official, other = survey.add_cadre(busy, "Hoàng Thị Bích"), survey.add_cadre(busy, "@SUM(A1)")
    kiosk = survey.tokens.kiosk(busy, "k-report")
    for i, level in enumerate(["very_satisfied", "satisfied", "satisfied", "dissatisfied", "satisfied"]):
        assert survey.answer(kiosk, cadre_id=official, overall=level, answered_at=spaced(90 - i * 5))[0].status_code == 201
    assert survey.answer(kiosk, cadre_id=other, answered_at=spaced(20))[0].status_code == 201
    return {"busy": busy, "quiet": quiet}


def test_the_province_report_has_a_row_per_commune_and_the_total(survey, report_place):
    res = survey.client.get("/api/v1/exports/satisfaction.xlsx", query_string={"period": QUARTER},
                            headers=survey.tokens.headers("province_admin"))
    assert res.status_code == 200, res.get_data(as_text=True)
    rows = rows_of(res.data)
    assert rows["Xã Yên Bình"][2:7] == (6, 1, 4, 1, 83.3)
    assert rows["Xã Lặng Im"][2:7] == (0, 0, 0, 0, None) and rows["Xã Lặng Im"][7].startswith("Chưa đủ phiếu")
    assert rows["Tổng cộng"][2] >= 6


def test_a_units_report_has_a_row_per_official_with_names_as_text(survey, report_place):
    headers = survey.tokens.headers("unit_hr", unit_id=report_place["busy"])
    res = survey.client.get("/api/v1/exports/satisfaction.xlsx", headers=headers,
                            query_string={"period": QUARTER, "unit_id": report_place["busy"]})
    rows = rows_of(res.data)
    assert rows["Hoàng Thị Bích"][2:7] == (5, 1, 3, 1, 80.0)
    assert rows["@SUM(A1)"][2] == 1 and rows["Tổng cộng"][2:7] == (6, 1, 4, 1, 83.3)
    sheet = load_workbook(io.BytesIO(res.data)).active
    assert next(c for row in sheet.iter_rows() for c in row if c.value == "@SUM(A1)").data_type == "s"
    pdf = survey.client.get("/api/v1/exports/satisfaction.pdf", headers=headers,
                            query_string={"period": QUARTER, "unit_id": report_place["busy"]})
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "BÁO CÁO CHỈ SỐ HÀI LÒNG" in text and "Hoàng Thị Bích" in text and "XÃ YÊN BÌNH" in text
    other = survey.client.get("/api/v1/exports/satisfaction.xlsx", headers=headers,
                              query_string={"period": QUARTER, "unit_id": report_place["quiet"]})
    assert other.status_code == 404
    assert survey.client.get("/api/v1/exports/satisfaction.xlsx", headers=headers).status_code == 422


@pytest.mark.parametrize("unit_id", ["\x00", "a\nb", "ÿ" * 64, "0", "$where", "a.b", "../x"])
@pytest.mark.parametrize("suffix", ["xlsx", "pdf"])
def test_a_report_of_an_odd_unit_id_is_an_empty_report_or_a_json_error(survey, unit_id, suffix):
    """Found by fuzzing through the gateway: any unit id a province admin may type answers a report or a
    4xx, never a server error."""
    res = survey.client.get(f"/api/v1/exports/satisfaction.{suffix}", headers=survey.tokens.headers("province_admin"),
                            query_string={"period": QUARTER, "unit_id": unit_id})
    assert res.status_code == 404 and res.is_json, res.get_data(as_text=True)[:300]


def test_a_period_of_year_zero_is_named_not_a_server_error(survey):
    """Found by fuzzing: "0000-Q1" passes the period check; its report is named from the parsed period
    (re-reading its normalised code "0-Q1" failed with a 500)."""
    res = survey.client.get("/api/v1/exports/satisfaction.xlsx", headers=survey.tokens.headers("province_admin"),
                            query_string={"period": "0000-Q1"})
    assert res.status_code == 200, res.get_data(as_text=True)[:300]

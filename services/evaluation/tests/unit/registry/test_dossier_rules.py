"""Who sees the sensitive parts of a dossier, who changes it, probation, birth years, history."""
from datetime import date

import pytest

from evaluation.registry.domain.departments import default_departments
from evaluation.registry.domain.dossier import (birth_year_bounds, history_after_move, history_closed, may_manage,
                                                may_see_sensitive, on_probation)


@pytest.mark.parametrize("role,unit,cadre,sees", [
    ("province_admin", None, None, True),
    ("auditor", None, None, True),
    ("unit_hr", "u1", None, True),          # HR of the cadre's unit
    ("unit_hr", "u2", None, False),         # HR of another unit
    ("unit_hr", None, None, False),
    ("cadre", "u1", "c1", True),            # the cadre themself
    ("cadre", "u1", "c2", False),           # a peer in the same unit
    ("cadre", "u1", None, False),
    ("training_school", None, None, False),
    ("kiosk", "u1", None, False),
])
def test_sensitive_fields_only_for_roles_that_need_them(role, unit, cadre, sees):
    assert may_see_sensitive(role, unit, cadre, cadre_unit_id="u1", cadre_id="c1") is sees


@pytest.mark.parametrize("role,unit,manages", [
    ("province_admin", None, True), ("unit_hr", "u1", True), ("unit_hr", "u2", False),
    ("auditor", None, False), ("cadre", "u1", False),
])
def test_dossier_changes_by_province_hr_or_the_units_own_hr(role, unit, manages):
    assert may_manage(role, unit, "u1") is manages


def test_birth_year_bounds_follow_the_calendar():
    assert birth_year_bounds(date(2026, 11, 25)) == (1940, 2010)
    assert birth_year_bounds(date(2027, 1, 1)) == (1940, 2011)


@pytest.mark.parametrize("until,probation", [
    (None, False), (date(2026, 11, 24), False), (date(2026, 11, 25), True), (date(2027, 5, 1), True)])
def test_probation_runs_to_its_last_day_inclusive(until, probation):
    assert on_probation(until, date(2026, 11, 25)) is probation


def test_a_move_closes_the_open_post_and_opens_the_new_one():
    history = [{"unit_name": "Xã A", "from_date": date(2015, 1, 1), "to_date": date(2020, 1, 1)},
               {"unit_name": "Xã B", "from_date": date(2020, 1, 1), "to_date": None}]
    moved = history_after_move(history, {"unit_name": "Phường C"}, date(2026, 7, 1))
    assert [(e["unit_name"], e["from_date"], e["to_date"]) for e in moved] == [
        ("Xã A", date(2015, 1, 1), date(2020, 1, 1)), ("Xã B", date(2020, 1, 1), date(2026, 7, 1)),
        ("Phường C", date(2026, 7, 1), None)]
    assert history[1]["to_date"] is None, "the input is not modified"


def test_leaving_closes_the_open_post_only():
    history = [{"from_date": date(2015, 1, 1), "to_date": date(2020, 1, 1)}, {"from_date": date(2020, 1, 1),
                                                                              "to_date": None}]
    assert [e["to_date"] for e in history_closed(history, date(2026, 12, 31))] == [date(2020, 1, 1),
                                                                                  date(2026, 12, 31)]


def test_a_ward_has_an_economy_infrastructure_and_urban_department_a_commune_an_economy_one():
    ward = {d["code"]: d["name"] for d in default_departments("ward")}
    commune = {d["code"]: d["name"] for d in default_departments("commune")}
    assert ward["KT"] == "Phòng Kinh tế, Hạ tầng và Đô thị" and commune["KT"] == "Phòng Kinh tế"
    assert set(ward) == set(commune) == {"VP", "KT", "VHXH", "TTHCC"}
    assert default_departments("province") == []

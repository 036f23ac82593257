"""The demo province of `make run` (and the large one the benchmarks seed) is made up the same way
every time (demo/roster.py and demo/large.py are pure; demo/behaviour.py and demo/activity.py:
test_demo_behaviour.py)."""
from __future__ import annotations

from collections import Counter
from datetime import date

import support  # noqa: F401  (puts deploy/local on the path)
from demo import load
from demo.large import large_catalogue
from demo.roster import Roster, roster_workbook, vietnamese_names


def roster() -> Roster:
    return Roster(load("catalogue"), load("people"), date(2026, 11, 25))


def test_the_same_day_gives_the_same_province():
    first, again = roster(), roster()
    assert [p.__dict__ for p in first.persons] == [p.__dict__ for p in again.persons]
    assert roster_workbook(first)[:2] == b"PK"
    assert first.former_posts() == again.former_posts()
    assert first.sensitive_records() == again.sensitive_records()


def test_the_province_is_varied():
    persons = roster().persons
    assert len(persons) == 600 and len({p.code for p in persons}) == 600
    assert len({p.full_name for p in persons}) > 300
    assert set(Counter(p.gender for p in persons)) == {"female", "male"}
    assert 0 < sum(p.probation_until is not None for p in persons) < 120
    assert 0 < sum(not p.is_local for p in persons) < 600


def test_names_are_distinct_and_fixed_by_their_seed():
    names = vietnamese_names(load("people"), 20, seed=3)
    assert len(set(names)) == 20 and names == vietnamese_names(load("people"), 20, seed=3)
    assert all(len(name.split()) == 3 for name in names)



def test_the_large_province_has_ten_thousand_cadres_in_a_hundred_units():
    catalogue = large_catalogue(load("catalogue"))
    units = catalogue["units"]
    assert len(units) == 100 and len({u["code"] for u in units}) == 100 and len({u["name"] for u in units}) == 100
    assert {u["area"] for u in units} == {"urban", "rural", "mountain"}
    assert all(len(u["former"]) == 2 for u in units)
    persons = Roster(catalogue, load("people"), date(2026, 11, 25)).persons
    assert 10_000 <= len(persons) <= 11_000 and len({p.code for p in persons}) == len(persons)
    in_one = Counter(p.unit_code for p in persons)
    assert min(in_one.values()) >= 90, "every commune and ward is staffed"
    leaders = Counter(p.position_code for p in persons if p.unit_code == units[50]["code"])
    assert leaders["CT-UBND"] == 1 and leaders["BT-DU"] == 1, "one chairman, one secretary per unit"
    assert large_catalogue(load("catalogue")) == catalogue

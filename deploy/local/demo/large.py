"""The large province (``C360_DEMO=large``): the demo's catalogue, positions and standards with
about a hundred communes and wards and ten thousand cadres, for measuring the platform at the
size of a merged province (Bắc Ninh after the 2025 merger has about that many commune cadres).

Pure: the same catalogue for the same arguments. The demo's twelve units stay (with their
codes), more are named from Vietnamese place-name syllables, and each unit's staffing grows
in proportion so the province holds at least ``cadres`` people."""
from __future__ import annotations

import math
import random

from unidecode import unidecode

FIRST = ("An", "Bình", "Cao", "Đại", "Đông", "Gia", "Hòa", "Hưng", "Hương", "Kim", "Lạc", "Long", "Minh",
         "Mỹ", "Nam", "Ngọc", "Phú", "Phúc", "Quang", "Quế", "Song", "Tân", "Thái", "Thanh", "Thuận", "Tiên",
         "Trung", "Vân", "Việt", "Xuân", "Yên")
SECOND = ("Bình", "Châu", "Dương", "Giang", "Hà", "Hải", "Hiệp", "Hòa", "Khê", "Lâm", "Lập", "Lộc", "Mỹ",
          "Nghĩa", "Ninh", "Phong", "Phương", "Sơn", "Tân", "Thành", "Thịnh", "Thọ", "Tiến", "Trạch",
          "Trung", "Vinh", "Xá", "Yên")
AREAS = (("ward", "urban", 0.3), ("commune", "rural", 0.45), ("commune", "mountain", 0.25))


def _plain(text: str) -> str:
    return unidecode(text).upper().replace(" ", "")


def large_catalogue(catalogue: dict, units: int = 100, cadres: int = 10_000) -> dict:
    """``catalogue`` (the demo's) with ``units`` communes and wards and staffing for ``cadres``."""
    rnd = random.Random(10_000)
    taken = {u["name"].split(" ", 1)[1] for u in catalogue["units"]}
    names = [f"{a} {b}" for a in FIRST for b in SECOND if a != b and f"{a} {b}" not in taken]
    rnd.shuffle(names)
    made = list(catalogue["units"])
    while len(made) < units:
        place = names.pop()
        kind, area, _share = rnd.choices(AREAS, weights=[a[2] for a in AREAS])[0]
        prefix, code_prefix = ("Phường", "P") if kind == "ward" else ("Xã", "X")
        former = [f"{prefix} {names.pop()}", f"{prefix} {names.pop()}"]
        made.append({"code": f"{code_prefix}-{_plain(place)}", "name": f"{prefix} {place}", "kind": kind,
                     "area": area, "former": former})
    # leaders' posts stay as many as the law sets; specialists grow to fill the province
    leaders = {p["code"] for p in catalogue["positions"] if p["is_leader"]}
    typical = {**catalogue["staffing"]["common"], **catalogue["staffing"]["rural"]}
    fixed = sum(count for code, count in typical.items() if code in leaders)
    factor = (cadres / units - fixed) / (sum(typical.values()) - fixed)
    staffing = {group: {code: count if code in leaders else math.ceil(count * factor) for code, count in counts.items()}
                for group, counts in catalogue["staffing"].items()}
    return {**catalogue, "units": made, "staffing": staffing}

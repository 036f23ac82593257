"""The demo province's people, made up from the data files and fixed seeds: always the same
cadres (Vietnamese names, varied dossiers, assessed competencies), the posts some held before the
merger, and the few disciplinary records and conclusions — plain data, no I/O."""
from __future__ import annotations

import io
import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta

from openpyxl import Workbook

MERGER_DAY = date(2025, 7, 1)  # communes and wards of the two-level local government start
ASSESSED_ON = date(2026, 10, 15)
LEVELS = {"education": ("upper_secondary", "vocational", "college", "university", "master", "doctorate"),
          "political_theory": ("none", "elementary", "intermediate", "advanced"),
          "digital_skill": ("none", "basic", "proficient", "advanced")}


def weighted(rnd: random.Random, pairs):
    return rnd.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def vietnamese_names(people: dict, count: int, seed: int = 7) -> list[str]:
    """``count`` different full names (family, middle, given), half of them women's."""
    rnd = random.Random(seed)
    families = [family for family, _weight in people["family"]]
    combos = [f"{family} {middle} {given}" for gender in ("female", "male")
              for family, middle, given in itertools.product(families, people["middle"][gender],
                                                             people["given"][gender])]
    return rnd.sample(combos, count)


def _at_least(scale: str, value: str | None, minimum: str | None) -> str | None:
    order = LEVELS[scale]
    if minimum is None or (value in order and order.index(value) >= order.index(minimum)):
        return value
    return minimum


@dataclass
class Person:
    code: str
    full_name: str
    gender: str
    birth_year: int
    ethnicity: str
    education: str
    political_theory: str | None
    digital_skill: str
    unit_code: str
    department: str | None
    position_code: str
    appointed_on: date
    probation_until: date | None
    is_local: bool


class Roster:
    """The demo province's cadres, always the same for the same data files and day."""

    def __init__(self, catalogue: dict, people: dict, today: date):
        self.catalogue, self.people, self.today = catalogue, people, today
        self.positions = {p["code"]: p for p in catalogue["positions"]}
        self.units = {u["code"]: u for u in catalogue["units"]}
        self.rnd = random.Random(360)
        self.persons: list[Person] = []
        for unit in catalogue["units"]:
            staffing = {**catalogue["staffing"]["common"], **catalogue["staffing"][unit["area"]]}
            for position_code, count in staffing.items():
                for _ in range(count):
                    self.persons.append(self._person(unit, self.positions[position_code], len(self.persons) + 1))

    def _name(self, gender: str, ethnicity: str) -> str:
        rnd, people = self.rnd, self.people
        family = weighted(rnd, people["ethnic_family"] if ethnicity not in ("Kinh", "Hoa") and rnd.random() < 0.7
                          else people["family"])
        return f"{family} {rnd.choice(people['middle'][gender])} {rnd.choice(people['given'][gender])}"

    def _person(self, unit: dict, position: dict, number: int) -> Person:
        rnd = self.rnd
        leader, key = position["is_leader"], position.get("key", False)
        gender = "female" if rnd.random() < (0.22 if leader else 0.48) else "male"
        ethnicity = weighted(rnd, self.people["ethnicity"][unit["area"]])
        standard = position["standard"]
        education = standard["min_education"] if rnd.random() < 0.6 else \
            rnd.choice(["university", "university", "master", "college"])
        if leader and rnd.random() < 0.25:
            education = "master"
        theory_need = standard.get("min_political_theory")
        theory = theory_need if theory_need and rnd.random() < 0.8 else \
            rnd.choice(["none", "elementary", "intermediate", "intermediate", "advanced"])
        digital = rnd.choices(["none", "basic", "proficient", "advanced"], weights=[4, 30, 50, 16])[0]
        recent = rnd.random() < 0.1
        if not recent and rnd.random() > 0.01:
            # in post since the merger: their 12 months to meet the position's standard are over, and
            # nearly all did (an unmet item past its deadline is an early-warning flag); the newly
            # appointed still have time, and often a gap
            education = _at_least("education", education, standard["min_education"])
            theory = _at_least("political_theory", theory, theory_need)
            digital = _at_least("digital_skill", digital, standard.get("min_digital_skill"))
        appointed = MERGER_DAY if not recent else self.today - timedelta(days=rnd.randint(30, 330))
        probation = appointed + timedelta(days=365) if recent and rnd.random() < 0.8 else None
        local = rnd.random() < (0.25 if key else 0.88)
        birth = rnd.randint(1968, 1986) if leader else rnd.randint(1975, 2001)
        return Person(code=f"CB{number:05d}", full_name=self._name(gender, ethnicity), gender=gender,
                      birth_year=birth, ethnicity=ethnicity, education=education, political_theory=theory,
                      digital_skill=digital, unit_code=unit["code"], department=position.get("department"),
                      position_code=position["code"], appointed_on=appointed, probation_until=probation,
                      is_local=local)

    def levels(self, person: Person) -> dict[str, int]:
        """Assessed levels around each required minimum: most at or above, some below, a few
        competencies not assessed yet."""
        rnd = random.Random(person.code)
        position = self.positions[person.position_code]
        area = self.units[person.unit_code]["area"]
        required = {code: level for code, level in position["standard"]["required_competencies"]}
        for item in self.catalogue["appendices"][area]["requirements"]:
            if position["is_leader"] or not item.get("leaders_only"):
                required[item["competency_code"]] = max(required.get(item["competency_code"], 0), item["min_level"])
        return {code: min(5, max(1, minimum + rnd.choices([-2, -1, 0, 1, 2], weights=[3, 17, 45, 30, 5])[0]))
                for code, minimum in sorted(required.items()) if rnd.random() >= 0.05}

    def former_posts(self) -> list[tuple[Person, dict]]:
        """Posts held before the merger of 1 July 2025 (a work-history entry each), some of them
        rotations from a unit of another area type."""
        rnd = random.Random(2025)
        posts = []
        for person in self.persons:
            if person.appointed_on != MERGER_DAY or rnd.random() > 0.06:
                continue
            unit = self.units[person.unit_code]
            if rnd.random() < 0.12:
                origin = rnd.choice([u for u in self.catalogue["units"] if u["area"] != unit["area"]])
                post = {"unit_name": rnd.choice(origin["former"]), "kind": "rotation",
                        "note": f"Luân chuyển về {unit['name']}"}
            else:
                post = {"unit_name": rnd.choice(unit["former"]), "kind": "appointment"}
            start = date(rnd.randint(2010, 2020), rnd.randint(1, 12), 1)
            posts.append((person, {**post, "position_title": self.positions[person.position_code]["title"],
                                   "from_date": start.isoformat(),
                                   "to_date": (MERGER_DAY - timedelta(days=1)).isoformat()}))
        return posts

    def sensitive_records(self) -> tuple[list[tuple[Person, dict]], list[tuple[Person, dict]]]:
        """(disciplinary measures, conclusions on conduct): a dozen of the first over the last
        three years, two of the second, the last cadre's conclusion last."""
        rnd = random.Random(335)
        others = self.persons[:-1]
        discipline = [(person, {"measure": rnd.choice(["reprimand", "reprimand", "warning"]),
                                "decided_on": date(rnd.choice((2024, 2025, 2026)), rnd.randint(1, 10),
                                                   rnd.randint(1, 28)).isoformat(),
                                "duty_related": rnd.random() < 0.7,
                                "reason": rnd.choice(self.people["discipline_reasons"])})
                      for person in rnd.sample(others, 12)]
        conclusion = {"type": "degradation", "concluded_on": "2026-09-15", "duty_related": False,
                      "summary": "Kết luận của Ủy ban Kiểm tra Đảng ủy về biểu hiện suy thoái đạo đức, lối sống"}
        conclusions = [(person, conclusion) for person in (*rnd.sample(others, 1), self.persons[-1])]
        return discipline, conclusions


def roster_workbook(roster: Roster, persons: list[Person] | None = None) -> bytes:
    """The roster (or some of its ``persons``) as HR's spreadsheet: dossier columns, then one
    column of assessed levels per competency (blank where the cadre's standard does not ask for it)."""
    competencies = [c["code"] for c in roster.catalogue["competencies"]]
    book = Workbook()
    sheet = book.active
    sheet.title = "Can bo"
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ — TỈNH BẮC NINH (dữ liệu minh họa)"])
    sheet.append(["Mã cán bộ", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Trình độ chuyên môn",
                  "Lý luận chính trị", "Kỹ năng số", "Mã đơn vị", "Mã phòng ban", "Mã vị trí việc làm",
                  "Ngày bổ nhiệm", "Thử thách đến ngày", "Người địa phương", "Ngày đánh giá", *competencies])
    for p in roster.persons if persons is None else persons:
        levels = roster.levels(p)
        sheet.append([p.code, p.full_name, {"female": "Nữ", "male": "Nam"}[p.gender], p.birth_year, p.ethnicity,
                      p.education, p.political_theory, p.digital_skill, p.unit_code, p.department,
                      p.position_code, p.appointed_on.strftime("%d/%m/%Y"),
                      p.probation_until.strftime("%d/%m/%Y") if p.probation_until else None,
                      "Có" if p.is_local else "Không", ASSESSED_ON.strftime("%d/%m/%Y"),
                      *[levels.get(code) for code in competencies]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

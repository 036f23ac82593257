"""Seed a demo province through the public API (the gateway), once.

    seed_demo.py --base-url http://127.0.0.1:8000 --password <admin password>

A dozen communes and wards across the three area types, the competency framework, the
commune-level position catalogue with standards, area appendices, and some 600 cadres with
Vietnamese names and varied dossiers (gaps, probation, non-locals in key titles, assessed
competencies, posts before the 2025 merger, rotations, a few disciplinary records). Everything goes through the same endpoints people use; cadres
arrive as one spreadsheet import, with their assessed competency levels. Data is generated from a fixed seed, every step is
idempotent, and a province already seeded is left alone. Later issues add their own steps
to STEPS.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import requests
from openpyxl import Workbook

DATA = Path(__file__).resolve().parent / "demo"
MERGER_DAY = date(2025, 7, 1)  # communes and wards of the two-level local government start
ASSESSED_ON = date(2026, 10, 15)
TODAY = date.today()
WORKERS = 4


class SeedError(RuntimeError):
    pass


@dataclass
class Api:
    base: str
    session: requests.Session = field(default_factory=requests.Session)

    def sign_in(self, username: str, password: str, attempts: int = 30) -> None:
        for attempt in range(attempts):
            try:
                res = self.session.post(f"{self.base}/api/v1/auth/token",
                                        json={"username": username, "password": password}, timeout=10)
            except requests.RequestException:
                res = None
            if res is not None and res.status_code == 200:
                self.session.headers["Authorization"] = "Bearer " + res.json()["access_token"]
                return
            if res is not None and res.status_code == 401:
                raise SeedError("Sai mật khẩu quản trị / wrong admin password")
            time.sleep(1)
        raise SeedError("Không đăng nhập được / cannot sign in")

    def call(self, method: str, path: str, ok=(200, 201), **kwargs) -> requests.Response:
        """One request, repeated while the platform answers "busy" (every seeding call is idempotent)."""
        for attempt in range(8):
            try:
                res = self.session.request(method, f"{self.base}/api/v1{path}", timeout=120, **kwargs)
            except requests.RequestException as exc:
                error = exc
            else:
                if res.status_code in ok:
                    return res
                if res.status_code not in (502, 503, 504):
                    raise SeedError(f"{method} {path}: {res.status_code} {res.text[:500]}")
                error = res.status_code
            time.sleep(min(2 ** attempt * 0.5, 10))
        raise SeedError(f"{method} {path}: {error}")

    def get(self, path: str, **params):
        return self.call("GET", path, params=params).json()


def weighted(rnd: random.Random, pairs):
    return rnd.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


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
    """The demo province's cadres, always the same for the same data files."""

    def __init__(self, catalogue: dict, people: dict):
        self.catalogue, self.people = catalogue, people
        self.positions = {p["code"]: p for p in catalogue["positions"]}
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
        appointed = MERGER_DAY if not recent else TODAY - timedelta(days=rnd.randint(30, 330))
        probation = appointed + timedelta(days=365) if recent and rnd.random() < 0.8 else None
        local = rnd.random() < (0.25 if key else 0.88)
        birth = rnd.randint(1968, 1986) if leader else rnd.randint(1975, 2001)
        return Person(code=f"CB{number:05d}", full_name=self._name(gender, ethnicity), gender=gender,
                      birth_year=birth, ethnicity=ethnicity, education=education, political_theory=theory,
                      digital_skill=digital, unit_code=unit["code"], department=position.get("department"),
                      position_code=position["code"], appointed_on=appointed, probation_until=probation,
                      is_local=local)

    def workbook(self) -> bytes:
        """The roster as HR's spreadsheet: dossier columns, then one column of assessed levels
        per competency (blank where the cadre's standard does not ask for it)."""
        competencies = [c["code"] for c in self.catalogue["competencies"]]
        book = Workbook()
        sheet = book.active
        sheet.title = "Can bo"
        sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ — TỈNH BẮC NINH (dữ liệu minh họa)"])
        sheet.append(["Mã cán bộ", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Trình độ chuyên môn",
                      "Lý luận chính trị", "Kỹ năng số", "Mã đơn vị", "Mã phòng ban", "Mã vị trí việc làm",
                      "Ngày bổ nhiệm", "Thử thách đến ngày", "Người địa phương", "Ngày đánh giá", *competencies])
        for p in self.persons:
            levels = self.levels(p)
            sheet.append([p.code, p.full_name, {"female": "Nữ", "male": "Nam"}[p.gender], p.birth_year, p.ethnicity,
                          p.education, p.political_theory, p.digital_skill, p.unit_code, p.department,
                          p.position_code, p.appointed_on.strftime("%d/%m/%Y"),
                          p.probation_until.strftime("%d/%m/%Y") if p.probation_until else None,
                          "Có" if p.is_local else "Không", ASSESSED_ON.strftime("%d/%m/%Y"),
                          *[levels.get(code) for code in competencies]])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def levels(self, person: Person) -> dict[str, int]:
        """Assessed levels around each required minimum: most at or above, some below, a few
        competencies not assessed yet."""
        rnd = random.Random(person.code)
        position = self.positions[person.position_code]
        area = next(u["area"] for u in self.catalogue["units"] if u["code"] == person.unit_code)
        required = {code: level for code, level in position["standard"]["required_competencies"]}
        for item in self.catalogue["appendices"][area]["requirements"]:
            if position["is_leader"] or not item.get("leaders_only"):
                required[item["competency_code"]] = max(required.get(item["competency_code"], 0), item["min_level"])
        return {code: min(5, max(1, minimum + rnd.choices([-2, -1, 0, 1, 2], weights=[3, 17, 45, 30, 5])[0]))
                for code, minimum in sorted(required.items()) if rnd.random() >= 0.05}


class Seeder:
    def __init__(self, api: Api):
        self.api = api
        self.catalogue = json.loads((DATA / "catalogue.json").read_text(encoding="utf-8"))
        self.people = json.loads((DATA / "people.json").read_text(encoding="utf-8"))
        self.roster = Roster(self.catalogue, self.people)
        self.ids: dict[str, str] = {}

    def say(self, text: str) -> None:
        print(f"  {text}", flush=True)

    def already_seeded(self) -> bool:
        """The province exists and the last step reached the last cadre."""
        if not self.api.get("/units", code=self.catalogue["province"]["code"]):
            return False
        marker = self.api.get("/cadres", q=self.roster.persons[-1].code, status="all")
        return bool(marker) and bool(self.api.get(f"/cadres/{marker[0]['id']}")["conclusions"])

    def units(self) -> None:
        province = self.catalogue["province"]
        found = self.api.get("/units", code=province["code"])
        self.ids[province["code"]] = found[0]["id"] if found else \
            self.api.call("POST", "/units", json=province).json()["id"]
        created = 0
        for unit in self.catalogue["units"]:
            found = self.api.get("/units", code=unit["code"])
            if found:
                self.ids[unit["code"]] = found[0]["id"]
                continue
            body = {k: unit[k] for k in ("code", "name", "kind", "area")}
            self.ids[unit["code"]] = self.api.call("POST", "/units", json={**body, "parent_id": self.ids[
                province["code"]]}).json()["id"]
            created += 1
        self.say(f"Đơn vị / units: {len(self.catalogue['units'])} xã, phường ({created} mới / new)")

    def competencies(self) -> None:
        known = {c["code"] for c in self.api.get("/competencies")}
        missing = [c for c in self.catalogue["competencies"] if c["code"] not in known]
        for competency in missing:
            self.api.call("POST", "/competencies", json=competency)
        self.say(f"Khung năng lực / competencies: {len(self.catalogue['competencies'])} ({len(missing)} mới / new)")

    def positions(self) -> None:
        known = {p["code"] for p in self.api.get("/positions")}
        missing = [p for p in self.catalogue["positions"] if p["code"] not in known]
        for p in missing:
            standard = {**p["standard"], "required_competencies": [
                {"competency_code": code, "min_level": level} for code, level in p["standard"]["required_competencies"]]}
            self.api.call("POST", "/positions", json={k: p[k] for k in ("code", "title", "task_group", "is_leader")}
                          | {"standard": standard})
        for area, appendix in self.catalogue["appendices"].items():
            self.api.call("PUT", f"/standards/appendices/{area}", json=appendix)
        self.say(f"Vị trí việc làm và tiêu chuẩn / positions: {len(self.catalogue['positions'])} "
                 f"({len(missing)} mới / new), phụ lục theo địa bàn / appendices: {len(self.catalogue['appendices'])}")

    def cadres(self) -> None:
        content = self.roster.workbook()
        report = self.api.call("POST", "/imports/cadres", files={
            "file": ("danh-sach-can-bo-minh-hoa.xlsx", content,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}).json()
        if report["rejected"]:
            raise SeedError(f"import rejected rows: {report['errors'][:5]}")
        self.say(f"Cán bộ / cadres: {report['rows']} dòng từ tệp XLSX — tạo / created {report['created']}, "
                 f"cập nhật / updated {report['updated']}, giữ nguyên / unchanged {report['unchanged']}")
        self.cadre_ids = {row["code"]: row["id"] for row in report["results"]}

    def _concurrently(self, label: str, jobs: list) -> None:
        done = 0
        with ThreadPoolExecutor(WORKERS) as pool:
            for _ in pool.map(lambda job: job(), jobs):
                done += 1
                if done % 25 == 0 or done == len(jobs):
                    self.say(f"{label}: {done}/{len(jobs)}")

    def histories(self) -> None:
        """Posts held before the merger of 1 July 2025, and rotations between units."""
        rnd = random.Random(2025)
        units = {u["code"]: u for u in self.catalogue["units"]}
        jobs = []
        for person in self.roster.persons:
            if person.appointed_on != MERGER_DAY or rnd.random() > 0.06:
                continue
            unit = units[person.unit_code]
            if rnd.random() < 0.12:
                origin = rnd.choice([u for u in self.catalogue["units"] if u["area"] != unit["area"]])
                post = {"unit_name": rnd.choice(origin["former"]), "kind": "rotation",
                        "note": f"Luân chuyển về {unit['name']}"}
            else:
                post = {"unit_name": rnd.choice(unit["former"]), "kind": "appointment"}
            start = date(rnd.randint(2010, 2020), rnd.randint(1, 12), 1)
            body = {**post, "position_title": self.roster.positions[person.position_code]["title"],
                    "from_date": start.isoformat(), "to_date": (MERGER_DAY - timedelta(days=1)).isoformat()}
            path = f"/cadres/{self.cadre_ids[person.code]}/work-history"
            jobs.append(lambda path=path, body=body: self.api.call("POST", path, json=body))
        self._concurrently("Quá trình công tác / work history", jobs)

    def sensitive_records(self) -> None:
        rnd = random.Random(335)
        persons = self.roster.persons
        disciplined = rnd.sample(persons[:-1], 12)
        jobs = [lambda person=person, body={
            "measure": rnd.choice(["reprimand", "reprimand", "warning"]),
            "decided_on": date(2026, rnd.randint(1, 10), rnd.randint(1, 28)).isoformat(),
            "duty_related": rnd.random() < 0.7, "reason": rnd.choice(self.people["discipline_reasons"])}:
            self.api.call("POST", f"/cadres/{self.cadre_ids[person.code]}/discipline", json=body)
            for person in disciplined]
        self._concurrently(f"Kỷ luật / discipline ({len(disciplined)} cán bộ)", jobs)
        # the last cadre's conclusion comes last: it marks the province as seeded
        for person in (*rnd.sample(persons[:-1], 1), persons[-1]):
            self.api.call("POST", f"/cadres/{self.cadre_ids[person.code]}/conclusions", json={
                "type": "degradation", "concluded_on": "2026-09-15", "duty_related": False,
                "summary": "Kết luận của Ủy ban Kiểm tra Đảng ủy về biểu hiện suy thoái đạo đức, lối sống"})
        self.say("Kết luận / conclusions: 2")

    STEPS = ("units", "competencies", "positions", "cadres", "histories", "sensitive_records")

    def run(self) -> None:
        started = time.monotonic()
        print("Dữ liệu minh họa / demo data:", flush=True)
        if self.already_seeded():
            self.say("đã có, bỏ qua / already there, nothing to do")
            return
        for number, step in enumerate(self.STEPS, start=1):
            print(f" [{number}/{len(self.STEPS)}]", end="", flush=True)
            step_started = time.monotonic()
            getattr(self, step)()
            self.say(f"({time.monotonic() - step_started:.1f} s)")
        self.say(f"xong trong / done in {time.monotonic() - started:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--username", default="admin")
    parser.add_argument("--password", required=True)
    args = parser.parse_args(argv)
    api = Api(args.base_url.rstrip("/"))
    try:
        api.sign_in(args.username, args.password)
        Seeder(api).run()
    except SeedError as exc:
        print(f"Không tạo được dữ liệu minh họa / seeding failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

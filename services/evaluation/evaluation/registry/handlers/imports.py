"""Import of a cadre list (XLSX or CSV, read by ``cadre_shared.tables``): good rows are created
or updated by cadre code, bad rows come back in a per-row report; the same file twice
changes nothing the second time (no write, no event)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from marshmallow import ValidationError
from pymongo.errors import BulkWriteError

from cadre_shared.auth import Principal
from cadre_shared.clock import today
from cadre_shared.outbox import note_staged
from cadre_shared.tables import file_error, read_table

from ...common import settings
from ..domain.cadre_sheet import COMPETENCY_PREFIX, Header, column_letter, find_header, is_blank, row_values
from ..domain.dossier import may_manage
from ..models import Cadre, Competency, Unit
from ..models.cadres import Assessment
from ..schemas.imports import CadreRow
from . import roster_reads, roster_writes
from .cadre_writes import assign, change_cadre, department_problem, new_cadre, set_fields
from .catalogue import Catalogue, current_levels, training_records

PERSONAL = ("full_name", "gender", "birth_year", "ethnicity", "education", "political_theory", "digital_skill",
            "appointed_on", "probation_until", "is_local")


@dataclass
class Report:
    file_name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[dict] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)

    def done(self, number: int, cadre: Cadre, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.results.append({"row": number, "code": cadre.code, "id": cadre.id, "outcome": outcome})

    def reject(self, header: Header, number: int, problems: dict[int, str]) -> None:
        self.rejected += 1
        self.errors.extend({"row": number, "column": header.names[index], "column_letter": column_letter(index),
                            "problem": problem} for index, problem in sorted(problems.items()))


class CadreImport:
    def __init__(self, principal: Principal, file_name: str, rows: list[list]):
        self.principal = principal
        self.scales = {c.code: len(c.levels) for c in Competency.objects.only("code", "levels")}
        header = find_header(rows, self.scales)
        if header is None:
            raise file_error("Không tìm thấy dòng tiêu đề (Mã cán bộ, Họ và tên, …) / no header row found")
        if header.missing:
            raise file_error("Thiếu cột bắt buộc / missing required columns: "
                              + ", ".join(c.header for c in header.missing))
        self.header = header
        self.index_of = {column.field: index for index, column in header.columns.items()}
        self.rows = [(number, row) for number, row in enumerate(rows[header.row_number:], start=header.row_number + 1)
                     if not is_blank(row)]
        most = settings.import_max_rows()
        if len(self.rows) > most:
            raise file_error(f"Tối đa {most} dòng mỗi tệp / at most {most} rows per file")
        self.report = Report(file_name, rows=len(self.rows), ignored_columns=list(header.unknown))

    def run(self) -> Report:
        parsed = [(number, *self._read(row)) for number, row in self.rows]
        codes = {values.get("code") for _, values, _ in parsed if values.get("code")}
        self.existing = existing_cadres(codes)
        self.records = training_records(c.id for c in self.existing.values())
        self.catalogue = Catalogue.load()
        self.units = {u.code: u for u in Unit.objects.exclude("outbox")}
        self.positions = {p.code: p for p in self.catalogue.positions.values()}
        seen: dict[str, int] = {}
        new = []
        for number, values, problems in parsed:
            if not problems:
                problems = self._check_references(values, seen)
            if problems:
                self.report.reject(self.header, number, problems)
                continue
            seen[values["code"]] = number
            if values["code"] in self.existing:
                self._update(number, self.existing[values["code"]], values)
            else:
                new.append((number, self._new(values)))
        self._insert(new)
        self.report.errors.sort(key=lambda e: (e["row"], e["column_letter"]))
        self.report.results.sort(key=lambda r: r["row"])
        return self.report

    def _read(self, row: list) -> tuple[dict, dict[int, str]]:
        values, problems = row_values(row, self.header)
        levels = {name[len(COMPETENCY_PREFIX):]: values.pop(name) for name in list(values)
                  if name.startswith(COMPETENCY_PREFIX)}
        for code, level in levels.items():
            index = self.index_of[COMPETENCY_PREFIX + code]
            if level is not None and level > self.scales[code] and index not in problems:
                problems[index] = f"Thang năng lực này chỉ có {self.scales[code]} mức / the scale has " \
                                  f"{self.scales[code]} levels"
        try:
            values = CadreRow().load({k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()
                                      if self.index_of[k] not in problems})
        except ValidationError as exc:
            for name, messages in exc.messages.items():
                index = self.index_of.get(name)
                if index is not None and index not in problems:
                    problems[index] = messages[0] if isinstance(messages, list) else str(messages)
        values["levels"] = {code: level for code, level in levels.items() if level is not None}
        return values, problems

    def _assessment(self, code: str, level: int, values: dict) -> Assessment:
        return Assessment(competency_code=code, level=level, assessed_by=self.principal.username,
                          assessed_on=values.get("assessed_on") or today(),
                          evidence=f"Bảng đánh giá năng lực, tệp «{self.report.file_name}» / imported assessment sheet")

    def _check_references(self, values: dict, seen: dict[str, int]) -> dict[int, str]:
        problems = {}
        code_at, unit_at = self.index_of["code"], self.index_of["unit_code"]
        if values["code"] in seen:
            problems[code_at] = f"Trùng mã với dòng {seen[values['code']]} / same code as row {seen[values['code']]}"
        unit = self.units.get(values["unit_code"])
        if unit is None:
            problems[unit_at] = "Không có đơn vị với mã này / no unit with this code"
        elif not self.principal.can_see_unit(unit.id):
            problems[unit_at] = "Đơn vị ngoài phạm vi quản lý của bạn / unit outside your scope"
        elif values.get("department_code") and department_problem(unit, values["department_code"]):
            problems[self.index_of["department_code"]] = department_problem(unit, values["department_code"])
        if values.get("position_code") and values["position_code"] not in self.positions:
            problems[self.index_of["position_code"]] = "Không có vị trí việc làm với mã này / no position with this code"
        current = self.existing.get(values["code"])
        if current is not None and not may_manage(self.principal.role, self.principal.unit_id, current.unit_id):
            problems[code_at] = "Mã cán bộ thuộc đơn vị khác / this code belongs to another unit's cadre"
        return problems

    def _new(self, values: dict) -> Cadre:
        personal = {k: values.get(k) for k in PERSONAL}
        if personal["is_local"] is None:
            personal["is_local"] = True
        personal.update(code=values["code"], department_code=values.get("department_code"),
                        assessments=[self._assessment(code, level, values) for code, level in values["levels"].items()])
        cadre, events = new_cadre(personal, self.units[values["unit_code"]],
                                  self.positions.get(values.get("position_code")), self.catalogue)
        for e in events:
            cadre.stage_event(e)
        cadre.validate()
        return cadre

    def _update(self, number: int, cadre: Cadre, values: dict) -> None:
        unit = self.units[values["unit_code"]]
        outcome = []

        def mutate(c: Cadre) -> str | None:
            position_id = (self.positions[values["position_code"]].id if values.get("position_code") else None) \
                if "position_code" in self.index_of else c.position_id
            department = values.get("department_code") if "department_code" in self.index_of else \
                (c.department_code if unit.id == c.unit_id else None)
            personal = {k: values[k] for k in PERSONAL if k in values and not (k == "is_local" and values[k] is None)}
            kind = None
            if (unit.id, position_id, department) != (c.unit_id, c.position_id, c.department_code):
                personal.pop("appointed_on", None)
                assign(c, unit, self.catalogue.positions.get(position_id), department, "transfer",
                       values.get("appointed_on") or today(), f"Cập nhật từ tệp / imported from {self.report.file_name}")
                kind = "cadre.moved"
            held = current_levels(c)
            assessed = [self._assessment(code, level, values) for code, level in values["levels"].items()
                        if held.get(code) != level]
            c.assessments.extend(assessed)
            if (set_fields(c, personal) or assessed) and kind is None:
                kind = "cadre.updated"
            outcome[:] = [kind]
            return kind

        change_cadre(cadre, mutate, self.catalogue, self.records.get(cadre.id, []))
        self.report.done(number, cadre, "updated" if outcome[0] else "unchanged")

    def _insert(self, new: list[tuple[int, Cadre]]) -> None:
        if not new:
            return
        failed: dict[int, str] = {}
        try:
            Cadre._get_collection().insert_many([cadre.to_mongo() for _, cadre in new], ordered=False)
        except BulkWriteError as exc:
            failed = {f["index"]: "Mã đã tồn tại / code already exists" if f.get("code") == 11000 else
                      "Không lưu được dòng này / this row could not be stored" for f in exc.details.get("writeErrors", [])}
        finally:
            note_staged(Cadre, [cadre.id for _, cadre in new])  # each new cadre carries its cadre.registered event
        for index, (number, cadre) in enumerate(new):
            if index in failed:
                self.report.reject(self.header, number, {self.index_of["code"]: failed[index]})
            else:
                self.report.done(number, cadre, "created")
        roster_writes.publish_many(cadre for index, (_number, cadre) in enumerate(new) if index not in failed)


def existing_cadres(codes: set[str]) -> dict[str, Cadre]:
    """The registered cadres holding these codes, found through the rosters and read by ``_id``
    (a cadre whose row is not there yet is caught by the unique code when inserted)."""
    ids = [row["id"] for row in roster_reads.rows() if row["code"] in codes]
    found = (Cadre.objects(id=cadre_id).exclude("outbox").first() for cadre_id in ids)
    return {cadre.code: cadre for cadre in found if cadre is not None}


def import_cadres(principal: Principal, file_name: str, content: bytes) -> Report:
    return CadreImport(principal, file_name, read_table(content).rows).run()

"""An upload of course results by a training school: read the file, check every row against the
registry copy and the catalogue, store good rows, keep the batch and its per-row report."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import asdict

from cadre_shared.auth import Principal
from cadre_shared.clock import today
from cadre_shared.sheet_cells import text_of
from cadre_shared.tables import file_error, read_table

from ..domain.result_rows import CadreRef, CourseRef, check_rows, find_header, is_blank
from ..models import CadreCopy, Course, UploadBatch, UploadProblems
from .records import record_all
from .settings import upload_max_rows


def cadres_by_code(codes: set[str]) -> dict[str, CadreRef]:
    """The registry copies of these codes: one pass over the copies (a filter ``code $in`` of a
    file's thousands of codes is compared with every copy, code by code, on the embedded store)."""
    found = CadreCopy._get_collection().find({}, {"code": 1, "full_name": 1})
    return {c["code"]: CadreRef(c["_id"], c.get("full_name") or "") for c in found if c.get("code") in codes}


def upload_results(principal: Principal, file_name: str, content: bytes) -> UploadBatch:
    table = read_table(content)
    rows = table.rows
    header, missing = find_header(rows)
    if header is None:
        raise file_error("Thiếu cột / missing columns: " + ", ".join(missing))
    data_rows = sum(1 for row in rows[header.row_index + 1:] if not is_blank(row))
    if data_rows == 0:
        raise file_error("Tệp không có dòng dữ liệu / the file has no data rows")
    max_rows = upload_max_rows()
    if data_rows > max_rows:
        raise file_error(f"Tối đa {max_rows} dòng mỗi tệp / at most {max_rows} rows per file")
    at = header.positions["cadre_code"]
    codes = {text_of(row[at]) for row in rows[header.row_index + 1:] if at < len(row)} - {None}
    cadres = cadres_by_code(codes)
    courses = {c.id: CourseRef(c.id, c.category, c.hours, c.certificate_months) for c in Course.objects}
    checked = check_rows(rows, header, cadres, courses, today())
    batch = UploadBatch(id=str(uuid.uuid4()), file_name=file_name[:200], file_format=table.file_format,
                        file_sha256=hashlib.sha256(content).hexdigest(), uploaded_by=principal.user_id,
                        uploaded_by_name=principal.username, rows=data_rows, accepted=len(checked.good),
                        rejected=len(checked.rejected_rows))
    outcomes = record_all(checked.good, batch.id)
    batch.created, batch.updated, batch.unchanged = outcomes["created"], outcomes["updated"], outcomes["unchanged"]
    problems = [asdict(p) for p in checked.problems]
    if problems:  # before the batch: a batch is never listed without its report
        UploadProblems(id=batch.id, problems=problems).save(force_insert=True)
    batch.save(force_insert=True)
    batch.problems = problems  # the report answered now; stored apart (UploadProblems)
    return batch

"""An upload of course results by a training school, taken as a job.

The request checks the file's shape (readable, a header naming every column, not over the row limit),
stores the file (``UploadFile``, pieces by ``_id``), the ``upload.received`` event (``UploadJobEvents``,
published once the batch is stored) and the batch, and answers: a small file (``TRAINING_UPLOAD_SYNC_ROWS`` rows at most) is then processed
inside the request and answered with its report (201); a larger one is answered at once with the
queued batch (202, ``Location`` its status), and the service's own consumer ``upload-jobs`` runs the
job. The job reads the file, checks every row against the registry copy and the catalogue, stores
the good rows chunk by chunk (``records.store_chunk``) and keeps its progress on the batch: rows
validated, stored, of the total. A job stopped by a restart runs again when its event is delivered
again and resumes after the last chunk stored; a job run by the request that stops half way is taken
over by the consumer once its runner has been silent for ``LEASE``."""
from __future__ import annotations

import hashlib
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import datetime, timedelta, timezone

from cadre_shared.auth import Principal
from cadre_shared.clock import today
from cadre_shared.conditional_update import update_if
from cadre_shared.envelope import make_event
from cadre_shared.errors import ApiError
from cadre_shared.jobs import new_job, run_job
from cadre_shared.sheet_cells import text_of
from cadre_shared.tables import file_error, peek_table, read_table, xlsx_row_stream

from ..domain.result_rows import CadreRef, Checked, CourseRef, Header, check_row, find_header, is_blank
from ..models import CadreCopy, Course, UploadBatch, UploadFile, UploadJobEvents, UploadProblems
from .records import CHUNK_ROWS, ChunkCache, learn, prepare_chunk, store_chunk
from .settings import upload_max_rows, upload_sync_rows

log = logging.getLogger(__name__)
PIECE_BYTES = 4 * 1024 * 1024  # of the file, a document each
LEASE = timedelta(seconds=60)  # a running job whose runner wrote nothing for this long is taken over
WAIT_FOR_RUNNER_S = 240  # the consumer waits this long for another runner (below the poll interval)


def cadres_by_code(codes: set[str] | None = None) -> dict[str, CadreRef]:
    """The registry copies of these codes (of every cadre: None): one pass over the copies (a filter
    ``code $in`` of a file's thousands of codes is compared with every copy, code by code, on the
    embedded store)."""
    found = CadreCopy._get_collection().find({}, {"code": 1, "full_name": 1})
    return {c["code"]: CadreRef(c["_id"], c.get("full_name") or "") for c in found
            if c.get("code") and (codes is None or c["code"] in codes)}


def _data_rows(rows: list[list], header) -> int:
    return sum(1 for row in rows[header.row_index + 1:] if not is_blank(row))


def _check_shape(content: bytes) -> tuple[str, int | None]:
    """(file format, data rows as far as known) — a 422 for a file that cannot be used at all."""
    table, counted = peek_table(content)
    header, missing = find_header(table.rows)
    if header is None:
        raise file_error("Thiếu cột / missing columns: " + ", ".join(missing))
    estimate = None if counted is None else counted - header.row_index - 1
    if estimate is not None and len(table.rows) >= counted:  # the whole table was read: count exactly
        estimate = _data_rows(table.rows, header)
    if estimate == 0:
        raise file_error("Tệp không có dòng dữ liệu / the file has no data rows")
    max_rows = upload_max_rows()
    if estimate is not None and estimate > max_rows:
        raise file_error(f"Tối đa {max_rows} dòng mỗi tệp / at most {max_rows} rows per file")
    return table.file_format, estimate


def upload_results(principal: Principal, file_name: str, content: bytes) -> tuple[UploadBatch, bool]:
    """Store the file and its batch with the job's event; (the batch, whether it is done now)."""
    file_format, estimate = _check_shape(content)
    batch_id = str(uuid.uuid4())
    pieces = [{"_id": f"{batch_id}:{n}", "data": content[start:start + PIECE_BYTES]}
              for n, start in enumerate(range(0, len(content), PIECE_BYTES))]
    UploadFile._get_collection().insert_many(pieces)  # before the batch: a batch always finds its file
    inline = estimate is not None and estimate <= upload_sync_rows()
    job = new_job("upload", pieces=len(pieces), stored_chunks=0, validated=0, stored=0,
                  runner=uuid.uuid4().hex if inline else None, heartbeat=datetime.now(timezone.utc))
    announce = UploadJobEvents(id=batch_id, written_at=datetime.now(timezone.utc))
    announce.stage_event(make_event("upload.received", 1, batch_id, {
        "batch_id": batch_id, "job_id": job["id"], "file_bytes": len(content), "uploaded_by": principal.user_id},
        "training"))
    announce.save(force_insert=True)  # published once the batch below is stored
    batch = UploadBatch(id=batch_id, file_name=file_name[:200], file_format=file_format,
                        file_sha256=hashlib.sha256(content).hexdigest(), uploaded_by=principal.user_id,
                        uploaded_by_name=principal.username, rows=estimate, status="queued", job=job)
    batch.save(force_insert=True)
    if not inline:
        return batch, False
    _run(batch_id, job["runner"], content)
    report = upload_report_of(batch_id)
    if report.refused:  # answered as before jobs: the file is not taken, nothing of it kept
        UploadBatch._get_collection().delete_one({"_id": batch_id})
        raise file_error(report.refused)
    return report, True


def upload_report_of(batch_id: str) -> UploadBatch:
    batch = UploadBatch.objects(id=batch_id).first()
    if batch.status in (None, "done") and not batch.problems:
        stored = UploadProblems._get_collection().find_one({"_id": batch.id}) or {}
        batch.problems = stored.get("problems") or []
    return batch


# the job ---------------------------------------------------------------------------------------
def apply_upload_event(envelope: dict) -> None:
    """The consumer's handler of ``upload.received``: run the batch's job (nothing when it is done);
    one that another runner holds is waited for, and taken over once that runner is silent."""
    payload = envelope["payload"]
    batches = UploadBatch._get_collection()
    me = uuid.uuid4().hex
    deadline = time.monotonic() + WAIT_FOR_RUNNER_S
    while True:
        doc = batches.find_one({"_id": payload["batch_id"]}, {"job": 1})
        job = (doc or {}).get("job") or {}
        if doc is None or job.get("id") != payload["job_id"] or job.get("status") == "done":
            return
        runner, beat = job.get("runner"), job.get("heartbeat")
        if beat is not None and beat.tzinfo is None:
            beat = beat.replace(tzinfo=timezone.utc)
        silent = beat is None or datetime.now(timezone.utc) - beat > LEASE
        if runner is None or silent or job.get("status") == "failed":
            if update_if(batches, doc["_id"], {"job.runner": runner},
                         {"$set": {"job.runner": me, "job.heartbeat": datetime.now(timezone.utc)}}):
                _run(doc["_id"], me)
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"upload {doc['_id']}: its runner is still at work; retried later")
        time.sleep(1.0)


def _read_file(batch_id: str, pieces: int) -> bytes:
    files = UploadFile._get_collection()
    parts = [files.find_one({"_id": f"{batch_id}:{n}"}) for n in range(pieces)]
    if any(part is None for part in parts):
        raise RuntimeError(f"upload {batch_id}: its file is missing")
    return b"".join(bytes(part["data"]) for part in parts)


def _drop_file(batch_id: str, pieces: int) -> None:
    UploadFile._get_collection().delete_many({"_id": {"$in": [f"{batch_id}:{n}" for n in range(pieces)]}})


def _save(batch_id: str, runner: str):
    """The job's state, written only while this runner holds the job (the batch collection is small
    documents: the condition reads one by ``_id``)."""
    batches = UploadBatch._get_collection()

    def save(job: dict, events=(), **changes) -> bool:
        job["heartbeat"] = datetime.now(timezone.utc)
        status = {"running": "running", "done": "done", "failed": "failed"}.get(job.get("status"), "queued")
        return update_if(batches, batch_id, {"job.runner": runner},
                         {"$set": {"job": job, "status": status, **changes}})
    return save


def _run(batch_id: str, runner: str, content: bytes | None = None) -> None:
    doc = UploadBatch._get_collection().find_one({"_id": batch_id}, {"job": 1, "uploaded_by": 1})
    job = doc["job"]

    def work(progress) -> dict:
        data = content if content is not None else _read_file(batch_id, job.get("pieces") or 1)
        try:
            outcome = process(batch_id, data, job, progress)
        except ApiError as exc:  # the file as a whole cannot be used (found only once read whole)
            messages = " ".join((exc.fields or {}).get("file") or [exc.message])
            outcome = {"rows": 0, "accepted": 0, "rejected": 0, "created": 0, "updated": 0, "unchanged": 0,
                       "refused": messages}
        _drop_file(batch_id, job.get("pieces") or 1)
        return outcome
    run_job(job, "upload", _save(batch_id, runner), work, report_every=1)


def process(batch_id: str, content: bytes, job: dict, progress) -> dict:
    """Read, check and store the file's rows (resuming after the chunks ``job`` says are stored).
    Three things overlap, on two cores: the store reads the cadre copies while this process starts
    parsing the file; an XLSX is checked row by row as it is parsed (``xlsx_row_stream``, when its
    rows cannot be over the limit), and each chunk of good rows is planned as soon as it is complete;
    a writer thread stores each planned chunk while the next is parsed, checked and planned (one chunk
    in flight at most, in order; the pattern of the evaluation's closing). A chunk is the same
    ``CHUNK_ROWS`` good rows whether the file was streamed or read whole, so a job resumed either way
    skips the chunks stored before."""
    clock = time.perf_counter()
    phases: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name] = round(phases.get(name, 0.0) + now - clock, 3)
        clock = now

    counts = dict(job.get("counts") or {"created": 0, "updated": 0, "unchanged": 0})
    skip, stored = job.get("stored_chunks") or 0, job.get("stored") or 0
    cache = ChunkCache()
    writing = None  # (future, chunk, rows) of the chunk in flight
    rejected = 0  # known once every row is checked

    def all_phases() -> dict:
        return {**phases, **{f"store_{k}": v for k, v in cache.phases.items()}}

    def stored_now() -> None:
        """Wait for the chunk in flight, then record it stored (its carrier's events may go)."""
        nonlocal stored, writing, skip
        future, chunk, size = writing
        writing = None
        for outcome, n in future.result().items():
            counts[outcome] += n
        stored += size
        skip = chunk + 1
        lap("store_wait")
        progress(rejected + stored, total_now, force=True, stored=stored, stored_chunks=chunk + 1, counts=counts,
                 phases=all_phases())
        lap("progress")

    def store(rows_now: list, chunk: int) -> None:
        nonlocal writing
        lap("read_check")
        prepare_chunk(rows_now, batch_id, chunk, cache)
        lap("chunks_planned")
        if writing is not None:
            stored_now()
        writing = (writer.submit(store_chunk, rows_now, batch_id, chunk, cache), chunk, len(rows_now))

    def check_and_store(rows) -> tuple[int, Checked]:
        """Check ``rows`` (an iterable) and hand each complete chunk of good rows to ``store`` (those
        after the chunks stored before); (data rows, the checked rows)."""
        checked, seen, head, header, total, chunk = Checked(), {}, [], None, 0, 0
        cadres, when = None, today()
        for number, row in enumerate(rows, start=1):
            if header is None:
                head.append(row)
                if len(head) < 10:
                    continue
                header = _header_of(head)
                pending = head[header.row_index + 1:]
                head = None
            else:
                pending = [row]
            if cadres is None:
                cadres = copies.result()
            for offset, one in enumerate(pending, start=number - len(pending) + 1):
                total += check_row(one, offset, header, cadres, courses, when, seen, checked)
            while len(checked.good) >= (chunk + 1) * CHUNK_ROWS:
                if chunk >= skip:  # else stored, and counted, before a restart
                    store(checked.good[chunk * CHUNK_ROWS:(chunk + 1) * CHUNK_ROWS], chunk)
                chunk += 1
        if header is None:  # fewer than ten rows
            header = _header_of(head)
            cadres = copies.result()
            for number, one in enumerate(head[header.row_index + 1:], start=header.row_index + 2):
                total += check_row(one, number, header, cadres, courses, when, seen, checked)
        if total == 0:
            raise file_error("Tệp không có dòng dữ liệu / the file has no data rows")
        for start in range(chunk * CHUNK_ROWS, len(checked.good), CHUNK_ROWS):
            if chunk >= skip:
                store(checked.good[start:start + CHUNK_ROWS], chunk)
            chunk += 1
        return total, checked

    max_rows = upload_max_rows()
    with ThreadPoolExecutor(1, thread_name_prefix="upload-copies") as reader, \
            ThreadPoolExecutor(1, thread_name_prefix="upload-writer") as writer:
        copies = reader.submit(cadres_by_code)  # every copy: the file's codes are known once it is read
        courses = {c.id: CourseRef(c.id, c.category, c.hours, c.certificate_months) for c in Course.objects}
        stream = xlsx_row_stream(content)
        checked = None
        if stream is not None and stream[0] - 1 <= max_rows:  # fewer data rows than row elements
            total_now = stream[0]
            progress(stored, total_now, force=True, validated=0)
            try:
                total, checked = check_and_store(_parsed(stream[1]))
            except _Unparsed as exc:  # a layout the fast reader does not know: read whole, the same chunks
                log.info("upload %s: read whole (%s)", batch_id, exc)
                if writing is not None:
                    stored_now()
        if checked is None:
            rows = read_table(content).rows
            lap("read")
            header = _header_of(rows)
            total_now = _data_rows(rows, header)
            if total_now == 0:
                raise file_error("Tệp không có dòng dữ liệu / the file has no data rows")
            if total_now > max_rows:
                raise file_error(f"Tối đa {max_rows} dòng mỗi tệp / at most {max_rows} rows per file")
            progress(stored, total_now, force=True, validated=0)
            total, checked = check_and_store(rows)
        lap("read_check")
        rejected, total_now = len(checked.rejected_rows), total
        problems = [asdict(p) for p in checked.problems]
        if problems:  # before the batch is done: a batch is never shown done without its report
            UploadProblems(id=batch_id, problems=problems).save()
        lap("report")
        progress(rejected + stored, total, force=True, validated=total, accepted=len(checked.good), counts=counts)
        if writing is not None:
            stored_now()
    learn(checked.good, cache)
    lap("class_documents")
    progress(rejected + stored, total, force=True, phases=all_phases())
    return {"rows": total, "accepted": len(checked.good), "rejected": rejected, **counts}


class _Unparsed(Exception):
    """The fast reader met something it does not expect half way through the file."""


def _parsed(rows):
    """``rows`` as they are parsed, a parser's error as ``_Unparsed`` (apart from a store's)."""
    rows = iter(rows)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 — the fast reader raises for whatever it does not expect
            raise _Unparsed(f"{exc.__class__.__name__}: {exc}") from exc
        yield row


def _header_of(rows: list[list]) -> Header:
    header, missing = find_header(rows)
    if header is None:
        raise file_error("Thiếu cột / missing columns: " + ", ".join(missing))
    return header

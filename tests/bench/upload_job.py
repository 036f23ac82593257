"""P5 in-process: the upload job alone, on a FerretDB of its own — for finding where its time goes
without the platform (``make bench PROFILE=upload`` gives the official figure, through the gateway).

    python tests/bench/upload_job.py job [ROWS]     # 10,500 cadre copies, a ROWS-row XLSX (50,000):
                                                    # the job's seconds and phases, then the same file again
    python tests/bench/upload_job.py inserts        # insert_many of 50,000 result documents: batch size,
                                                    # secondary indexes, document size
    python tests/bench/upload_job.py lookups        # the code → cadre read alone, the file's read alone, both
    python tests/bench/upload_job.py carriers       # the chunks' carriers of events
    python tests/bench/upload_job.py ab [ROWS]      # the job with its threads and without, in turn

Starts FerretDB (deploy/local/ferretdb-start.sh) on a free port in a temporary directory and stops it
at the end; needs no Kafka (no relay runs: the chunks' carriers stay). The load average is printed
beside every figure."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import ROOT  # noqa: F401 — puts services/* on the path

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "deploy" / "local"))
from support.platform import free_port, wait_port  # noqa: E402

CADRES = 10_500
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Long",
         "Mai", "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn"]


def load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def cpu_s(pid: int | None = None) -> float:
    """CPU seconds (user + system) of process ``pid`` (this one: None) so far — less moved by the
    other work of a shared machine than the wall time."""
    if pid is None:
        times = os.times()
        return times.user + times.system
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


STORE_PID: list[int] = []


def cpu_now() -> tuple[float, float]:
    return cpu_s(), cpu_s(STORE_PID[0]) if STORE_PID else 0.0


def cpu_since(then: tuple[float, float]) -> str:
    me, store = cpu_now()
    return f"CPU: this process {me - then[0]:.2f} s, FerretDB {store - then[1]:.2f} s"


def cadre(n: int) -> tuple[str, str, str]:
    """(id, code, full name) of the n-th cadre copy."""
    rnd = random.Random(n)
    return (f"cadre-{n:06d}", f"CB{n:06d}",
            f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}")


class Store:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="c360-upload-job-"))
        self.port = free_port()
        self.log = open(self.dir / "ferretdb.log", "ab")
        self.proc = subprocess.Popen([str(ROOT / "deploy/local/ferretdb-start.sh"), str(self.dir / "data"),
                                      str(self.port)], stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        wait_port(self.port)
        STORE_PID.append(self.proc.pid)

    def uri(self, database: str) -> str:
        return f"mongodb://127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def seed(courses_too: bool = True) -> None:
    from training.domain.catalogue import DEFAULT_COURSES
    from training.models import CadreCopy, Course

    docs = []
    for n in range(CADRES):
        cid, code, name = cadre(n)
        docs.append({"_id": cid, "code": code, "full_name": name, "unit_id": f"unit-{n % 100:03d}",
                     "department_code": None, "position_id": f"pos-{n % 40}", "position_version": 1,
                     "is_leader": n % 12 == 0, "appointed_on": "2021-06-01", "status": "active", "version": 3})
    copies = CadreCopy._get_collection()
    for start in range(0, len(docs), 1000):
        copies.insert_many(docs[start:start + 1000])
    from training.models import ClassResults, CourseResult, ResultEvents, UploadBatch, UploadFile

    for model in (CourseResult, ResultEvents, ClassResults, UploadBatch, UploadFile):  # there, as in a province
        model._get_collection().insert_one({"_id": "warm"})
        model._get_collection().delete_one({"_id": "warm"})
    if courses_too:
        for course in DEFAULT_COURSES:
            Course(id=course["code"], **{k: v for k, v in course.items() if k != "code"}).save(force_insert=True)


def results_file(rows: int) -> bytes:
    """As tests/bench/upload.py makes it: the cadres in order, course after course, one class each."""
    cached = Path(tempfile.gettempdir()) / f"c360-upload-job-{rows}.xlsx"
    if cached.exists():
        return cached.read_bytes()
    from demo.activity import results_workbook
    from training.domain.catalogue import DEFAULT_COURSES

    rnd, lines = random.Random(5), []
    for number in range(rows):
        _cid, code, name = cadre(number % CADRES)
        course = DEFAULT_COURSES[(number // CADRES) % len(DEFAULT_COURSES)]
        completed = date.today() - timedelta(days=rnd.randint(5, 300))
        lines.append([code, name, course["code"], f"BENCH-{number // (CADRES * len(DEFAULT_COURSES))}",
                      completed.strftime("%d/%m/%Y"), "Đạt" if rnd.random() < 0.95 else "Không đạt",
                      course["hours"], None])
    content = results_workbook(lines)
    cached.write_bytes(content)
    return content


class Inline:
    """An executor that runs each task at once, in the caller's thread: the job without its threads."""

    def __init__(self, *_args, **_kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        return False

    def submit(self, fn, *args, **kwargs):
        from concurrent.futures import Future

        future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 — given back by result(), as a thread's would be
            future.set_exception(exc)
        return future


def run_ab(store: "Store", rows: int, rounds: int = 2) -> None:
    """The first upload with the job's threads and without (``Inline``), in turn, each on a database
    of its own seeded alike: what the overlap gives on this machine now."""
    from unittest import mock

    from cadre_shared.db import connect
    from training.handlers import uploads

    for number in range(rounds):
        for threads in (True, False):
            connect(store.uri(f"training_ab_{number}_{int(threads)}"), process="bench")
            from mongoengine import Document

            for sub in Document.__subclasses__():  # fetch each collection again, from this database
                _forget(sub)
            seed()
            time.sleep(2.5)
            print(f"-- {'with' if threads else 'without'} the job's threads", flush=True)
            if threads:
                run_job(rows, attempts=("first",))
            else:
                with mock.patch.object(uploads, "ThreadPoolExecutor", Inline):
                    run_job(rows, attempts=("first",))


def _forget(cls) -> None:
    if not cls._meta.get("abstract"):
        cls._collection = None
    for sub in cls.__subclasses__():
        _forget(sub)


def run_job(rows: int, attempts=("first", "again")) -> None:
    from cadre_shared.auth import Principal
    from training.handlers.uploads import apply_upload_event, upload_results
    from training.models import UploadBatch

    from training.models import CourseResult

    content = results_file(rows)
    print(f"course_results indexes: {sorted(CourseResult._get_collection().index_information())}", flush=True)
    school = Principal("user-school", "truong", "training_school")
    for attempt in attempts:
        before, cpu = load(), cpu_now()
        started = time.perf_counter()
        batch, _done = upload_results(school, "ket-qua.xlsx", content)
        answered = time.perf_counter() - started
        apply_upload_event({"payload": {"batch_id": batch.id, "job_id": batch.job["id"]}})
        seconds = time.perf_counter() - started
        doc = UploadBatch._get_collection().find_one({"_id": batch.id})
        job = doc["job"]
        ran = (job["finished_at"] - job["started_at"]).total_seconds()
        print(f"{attempt}: {rows:,} rows, request {answered:.2f} s, job {ran:.2f} s, total {seconds:.2f} s "
              f"({before} → {load()}); status {doc['status']}, created {doc.get('created')}, "
              f"updated {doc.get('updated')}, unchanged {doc.get('unchanged')}, rejected {doc.get('rejected')}",
              flush=True)
        print(f"  {cpu_since(cpu)}", flush=True)
        print(f"  phases {job.get('phases')}", flush=True)


def run_inserts(total: int = 50_000) -> None:
    """insert_many of result-shaped documents into fresh collections."""
    import uuid
    from datetime import datetime, timezone

    from mongoengine import get_db

    db = get_db()
    now = datetime.now(timezone.utc)

    def full(n: int) -> dict:
        return {"_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"r{n}")), "cadre_id": f"cadre-{n % CADRES:06d}",
                "cadre_code": f"CB{n % CADRES:06d}", "course_code": "QPAN-D4", "session": "BENCH-0",
                "category": "defence_security", "completed_on": "2026-05-01", "passed": True, "hours": 40.0,
                "certificate_expires_on": None, "batch_id": "5f0c6d1e-8a1b-4c55-9d6b-0a1b2c3d4e5f",
                "recorded_at": now}

    def short(n: int) -> dict:
        doc = full(n)
        for key in ("certificate_expires_on", "recorded_at", "batch_id", "cadre_code", "category"):
            doc.pop(key)
        return doc

    def without_none(n: int) -> dict:
        doc = full(n)
        doc.pop("certificate_expires_on")
        return doc

    variants = [("2 secondary indexes, batch 2500", full, True, 2500),
                ("no secondary index, batch 2500", full, False, 2500),
                ("no secondary index, batch 100", full, False, 100),
                ("no secondary index, batch 10000", full, False, 10000),
                ("no secondary index, shorter docs (5 fields fewer), batch 2500", short, False, 2500),
                ("no secondary index, no None field, batch 2500", without_none, False, 2500)]
    if os.environ.get("VARIANTS"):  # e.g. VARIANTS=0,1
        variants = [variants[int(n)] for n in os.environ["VARIANTS"].split(",")]
    rounds = int(os.environ.get("ROUNDS", "2"))  # each variant in turn, ROUNDS times: the load moves
    for number, (name, make, indexed, batch) in enumerate(variants * rounds):
        collection = db[f"results_{number}"]
        collection.insert_one({"_id": "warm"})
        if indexed:
            collection.create_index("cadre_id")
            collection.create_index("outbox_pending")
        time.sleep(2.5)  # the launcher's _id index (swept every second)
        docs = [make(n) for n in range(total)]
        before, cpu = load(), cpu_now()
        started = time.perf_counter()
        for start in range(0, total, batch):
            collection.insert_many(docs[start:start + batch], ordered=False)
        seconds = time.perf_counter() - started
        print(f"{name}: {total:,} in {seconds:.2f} s = {total / seconds:,.0f} docs/s ({before}; "
              f"{cpu_since(cpu)})", flush=True)
        collection.drop()


def run_carriers(chunks: int = 20, events: int = 2500) -> None:
    """The chunks' carriers: their events as a list of JSON texts (as stored) or as one text."""
    import json
    import uuid

    from mongoengine import get_db

    db = get_db()
    event = {"id": str(uuid.uuid4()), "type": "result.recorded", "version": 1, "key": "cadre-000001",
             "occurred_at": "2026-12-07T22:00:00+00:00", "producer": "training", "request_id": None,
             "payload": {"result_id": str(uuid.uuid4()), "cadre_id": "cadre-000001", "course_code": "QPAN-D4",
                         "session": "BENCH-0", "category": "defence_security", "completed_on": "2026-05-01",
                         "passed": True, "hours": 40.0, "certificate_expires_on": None}}
    texts = [json.dumps(event, ensure_ascii=False) for _ in range(events)]
    for rounds in range(2):
        for name, outbox in (("a list of texts", texts), ("one text", json.dumps(texts))):
            collection = db[f"carriers_{rounds}_{len(name)}"]
            collection.insert_one({"_id": "warm"})
            time.sleep(2.5)
            before, cpu = load(), cpu_now()
            started = time.perf_counter()
            for chunk in range(chunks):
                collection.insert_one({"_id": f"b|{chunk}", "plan": {"created": [e[:36] for e in texts]},
                                       "outbox": outbox, "outbox_pending": events})
            print(f"carriers, events as {name}: {chunks} in {time.perf_counter() - started:.2f} s ({before}; "
                  f"{cpu_since(cpu)})", flush=True)


def run_lookups() -> None:
    """The copies' one pass alone, the file's read alone, and both at once (the pass in a thread)."""
    from concurrent.futures import ThreadPoolExecutor

    from cadre_shared.tables import read_table
    from training.handlers import uploads

    content = results_file(50_000)
    for attempt in range(3):
        before, cpu, started = load(), cpu_now(), time.perf_counter()
        found = uploads.cadres_by_code()
        print(f"lookups {attempt}: {len(found):,} cadres in {time.perf_counter() - started:.3f} s ({before}; "
              f"{cpu_since(cpu)})", flush=True)
        before, cpu, started = load(), cpu_now(), time.perf_counter()
        read_table(content)
        print(f"  the read alone {time.perf_counter() - started:.3f} s ({before}; {cpu_since(cpu)})", flush=True)
        before, cpu, started = load(), cpu_now(), time.perf_counter()
        with ThreadPoolExecutor(1) as pool:
            copies = pool.submit(uploads.cadres_by_code)
            read_table(content)
            read_s = time.perf_counter() - started
            copies.result()
        print(f"  both at once {time.perf_counter() - started:.3f} s (the read {read_s:.3f} s; {before}; "
              f"{cpu_since(cpu)})", flush=True)


def main(argv: list[str]) -> None:
    mode = argv[0] if argv else "job"
    rows = int(argv[1]) if len(argv) > 1 else 50_000
    if mode in ("job", "ab"):
        results_file(rows)  # made before the store starts (openpyxl writing it is slow)
    store = Store()
    try:
        from cadre_shared.db import connect

        connect(store.uri("training_upload_job"), process="bench")
        print(f"FerretDB on port {store.port}, {load()}", flush=True)
        if mode in ("job", "lookups"):
            seed(courses_too=mode == "job")
            time.sleep(2.5)
        if mode == "job":
            run_job(rows)
        elif mode == "inserts":
            run_inserts()
        elif mode == "lookups":
            run_lookups()
        elif mode == "carriers":
            run_carriers()
        elif mode == "ab":
            run_ab(store, rows)
    finally:
        store.stop()


if __name__ == "__main__":
    main(sys.argv[1:])

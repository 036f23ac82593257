"""P5 — a training school uploads a year of results: a 50,000-row XLSX file of the province's
cadres (their codes and names as the registry holds them, the default course catalogue, classes
new to this run) sent through the gateway, validated, stored and reported; goal ≤ 10 s from
the request to the report. A file this size is taken as a job (202 with the batch, its status at
``Location``): the time runs from the request to the job's completed report, polled every 0.2 s; the
request's own answer is timed beside it. Baseline, in the same run: reading the same file with
openpyxl alone (read-only mode), which is the least any upload of that file costs. Also sent again
(every row unchanged), for diagnosis. QUICK=1 sends 5,000 rows."""
from __future__ import annotations

import io
import random
import time
import uuid
from datetime import date, timedelta

from openpyxl import load_workbook

from common import QUICK, ROOT, figure, figure_lines, machine, save, timed
from province import PASSWORD, SharedPlatform, account

PROFILE = "upload"
GOAL_S = 10.0


def results_file(stack, rows: int) -> bytes:
    """``rows`` results of the province's cadres in classes no earlier run used."""
    import sys

    sys.path.insert(0, str(ROOT / "deploy" / "local"))
    from demo.activity import results_workbook

    admin = stack.session(password=PASSWORD)
    base = stack.url() + "/api/v1"
    courses = admin.get(f"{base}/courses", timeout=60).json()
    cadres, page = [], 1
    while len(cadres) < rows // len(courses) + 1:
        listed = admin.get(f"{base}/cadres", params={"per_page": 500, "page": page}, timeout=60).json()
        if not listed:
            break
        cadres += [(c["code"], c["full_name"]) for c in listed]
        page += 1
    rnd, run = random.Random(5), uuid.uuid4().hex[:6].upper()
    lines = []
    for number in range(rows):
        code, name = cadres[number % len(cadres)]
        course = courses[(number // len(cadres)) % len(courses)]
        completed = date.today() - timedelta(days=rnd.randint(5, 300))
        lines.append([code, name, course["code"], f"BENCH-{run}-{number // (len(cadres) * len(courses))}",
                      completed.strftime("%d/%m/%Y"), "Đạt" if rnd.random() < 0.95 else "Không đạt", course["hours"],
                      None])
    return results_workbook(lines)


def read_with_openpyxl(content: bytes) -> int:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        return sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def run(shared: SharedPlatform) -> dict:
    rows = 5_000 if QUICK else 50_000
    stack, _province = shared.ready()
    content = results_file(stack, rows)
    print(f"P5 upload: {rows:,} rows ({len(content) / 1e6:.1f} MB)…", flush=True)
    baseline = timed(lambda: read_with_openpyxl(content), repeat=2)
    school = account(stack.session(password=PASSWORD), stack.url(), "training_school").api()
    sent = {}
    for attempt in ("first", "again"):
        started = time.perf_counter()
        reply = school.post(stack.url() + "/api/v1/training/uploads", timeout=600, files={"file": (
            "ket-qua-ca-nam.xlsx", content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
        answered = time.perf_counter() - started
        report = reply.json() if reply.status_code in (201, 202) else {}
        polls = 0
        while reply.status_code == 202 and report.get("status") not in ("done", None) and \
                time.perf_counter() - started < 600:
            time.sleep(0.2)
            polls += 1
            status = school.get(f"{stack.url()}/api/v1/training/uploads/{report['id']}", timeout=60)
            report = status.json() if status.status_code == 200 else report
        seconds = time.perf_counter() - started
        if not report:
            report = {"body": reply.text[:300]}
        sent[attempt] = {"seconds": round(seconds, 2), "status": reply.status_code, "answered_s": round(answered, 2),
                         "job": report.get("status"), "polls": polls,
                         **{k: report.get(k) for k in ("rows", "accepted", "created", "updated", "unchanged",
                                                       "rejected")}}
        job = report.get("job") or {}
        sent[attempt]["phases"] = job.get("phases")  # seconds in each step of the job
        if job.get("started_at") and job.get("finished_at"):
            from datetime import datetime
            sent[attempt]["job_run_s"] = round((datetime.fromisoformat(job["finished_at"])
                                                - datetime.fromisoformat(job["started_at"])).total_seconds(), 2)
        print(f"  {attempt}: {sent[attempt]}", flush=True)
    ok = sent["first"]["job"] == "done" and sent["first"]["created"] == rows
    figures = [figure(f"{rows:,}-row upload validated, stored and reported", sent["first"]["seconds"] if ok else None,
                      GOAL_S, "s", baseline=round(baseline, 2)),
               figure("openpyxl alone reading the same file (baseline)", round(baseline, 2), None, "s"),
               figure("the request's answer (202, the file stored)", sent["first"]["answered_s"], None, "s"),
               figure("the same file again (every row unchanged)", sent["again"]["seconds"], None, "s")]
    return {"profile": PROFILE, "machine": machine(), "rows": rows, "file_bytes": len(content), "sent": sent,
            "figures": figures}


def main(_args, shared: SharedPlatform) -> dict:
    result = run(shared)
    save(PROFILE, result)
    print("\n".join(figure_lines(result["figures"])))
    return result

"""What the large province did that the platform already records, made up from fixed seeds (no
I/O): course results of the province's training school, uploaded as the school's spreadsheet,
and citizens' answers at each unit's one-stop counter.

Extension point: a year of evaluation (periods, output tasks, 360 ratings, closing and
classification) joins here once its API is complete — a generator of its request bodies beside
these two, and a step in the seeder that sends them, marker last."""
from __future__ import annotations

import io
import random
import uuid
from datetime import date, timedelta

from openpyxl import Workbook

HEADER = ["Mã cán bộ", "Họ và tên", "Mã khóa học", "Khóa/Lớp", "Ngày hoàn thành",
          "Kết quả (Đạt/Không đạt)", "Số giờ", "Chứng chỉ hết hạn"]
ANSWER_NAMESPACE = uuid.UUID("0d7f1c52-58a4-4c63-9a65-2f3a1b7f0c11")
LEVELS = (("very_satisfied", 35), ("satisfied", 55), ("dissatisfied", 10))


def course_results(persons: list, courses: list[dict], today: date, seed: int = 2026) -> list[list]:
    """One to three results per cadre over the last year (most passed), as the upload sheet's rows."""
    rnd = random.Random(seed)
    rows = []
    for person in persons:
        for course in rnd.sample(courses, rnd.choice((1, 1, 2, 3))):
            completed = today - timedelta(days=rnd.randint(20, 360))
            rows.append([person.code, person.full_name, course["code"], f"{completed.year}-K{rnd.randint(1, 4)}",
                         completed.strftime("%d/%m/%Y"), "Đạt" if rnd.random() < 0.92 else "Không đạt",
                         course["hours"], None])
    return rows


def results_workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Ket qua"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counter_answers(staff_by_unit: dict[str, list[str]], per_unit: int, seed: int = 335) -> list[tuple[str, dict]]:
    """(unit code, answer body) — ``per_unit`` citizens' answers about the unit's counter staff; the
    response ids are fixed, so sending them again records nothing new."""
    rnd = random.Random(seed)
    answers = []
    for unit_code, staff in sorted(staff_by_unit.items()):
        for number in range(per_unit if staff else 0):
            key = f"{unit_code}|{number}"
            answers.append((unit_code, {
                "response_id": str(uuid.uuid5(ANSWER_NAMESPACE, key)),
                "dossier_code": f"HS-{unit_code}-{number:05d}", "cadre_id": rnd.choice(staff),
                "overall": rnd.choices([lv for lv, _ in LEVELS], weights=[w for _, w in LEVELS])[0],
                "indicators": {"attitude": rnd.randint(2, 5), "time": rnd.randint(1, 5)}, "comment": None}))
    return answers

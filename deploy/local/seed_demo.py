"""Seed a demo province through the public API (the gateway), once.

    seed_demo.py --base-url http://127.0.0.1:8000 --password <admin password>

A dozen communes and wards across the three area types, the competency framework, the
commune-level position catalogue with standards, area appendices, and some 600 cadres with
Vietnamese names and varied dossiers (gaps, probation, non-locals in key titles, assessed
competencies, posts before the 2025 merger, rotations, a few disciplinary records). Everything
goes through the same endpoints people use; cadres arrive as one spreadsheet import, with their
assessed competency levels. The people are made up from a fixed seed (demo/roster.py), every
step is skipped once its data is there (demo/seeder.py, where steps are added).

``C360_DEMO=large`` seeds the large province instead (demo/large.py): about a hundred communes
and wards, ten thousand cadres, a year of course results and citizens' answers at the counters —
what the benchmarks (``make bench``) measure the platform with.
"""
from __future__ import annotations

import argparse
import os
import sys

from c360_client import Client, ClientError
from demo.seeder import seed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--username", default="admin")
    parser.add_argument("--password", required=True)
    parser.add_argument("--survey-url", default=os.environ.get("C360_SURVEY_URL", "http://127.0.0.1:8002"),
                        help="the survey service's own address: its seeding door for past answers (demo/counters.py)")
    args = parser.parse_args(argv)
    try:
        seed(Client(args.base_url, busy_retries=7).sign_in(args.username, args.password, attempts=30),
             size=os.environ.get("C360_DEMO", "demo"), admin_password=args.password,
             quarters=int(os.environ.get("C360_DEMO_QUARTERS", "8")), survey_url=args.survey_url)
    except ClientError as exc:
        print(f"Không tạo được dữ liệu minh họa / seeding failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

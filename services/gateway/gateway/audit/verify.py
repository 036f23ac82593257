"""Verify the audit trail's hash chain: ``python -m gateway.audit.verify``.

Reads the gateway's store (C360_MONGO_URI) with the gateway's key material and reports every
record that was edited, deleted or inserted by hand, and — against the tip's seal and the signed
anchor kept outside the store (C360_AUDIT_ANCHOR_FILE or --anchor-file) — the newest records cut
off or the tip rewritten. Exit status 0 when the chain is intact,
1 when a problem was found, 2 when the check could not run."""
from __future__ import annotations

import argparse
import json
import sys

from pymongo.errors import PyMongoError

from cadre_shared import db
from cadre_shared.config import service_config

from ..handlers.audit_trail import verify
from ..auth.keys import audit_key
from ..handlers import audit_anchor, settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra toàn vẹn nhật ký kiểm toán / verify the audit trail")
    parser.add_argument("--mongo-uri", help="default: C360_MONGO_URI of the gateway")
    parser.add_argument("--anchor-file", help="default: C360_AUDIT_ANCHOR_FILE of the gateway")
    parser.add_argument("--json", action="store_true", help="machine-readable report")
    args = parser.parse_args(argv)
    config = service_config("gateway")
    settings.load(config)
    if args.mongo_uri:
        config["MONGO_URI"] = args.mongo_uri
    try:
        db.connect(config["MONGO_URI"])
        anchor = audit_anchor.read(args.anchor_file or config["AUDIT_ANCHOR_FILE"])
        checked, problems, last_seq, _hash = verify(audit_key(config), anchor)
    except (PyMongoError, OSError, RuntimeError) as exc:
        print(f"Không kiểm tra được / could not verify: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"intact": not problems, "checked": checked, "last_seq": last_seq,
                          "problems": [p.__dict__ for p in problems]}, ensure_ascii=False))
    elif problems:
        print(f"PHÁT HIỆN {len(problems)} VẤN ĐỀ / {len(problems)} PROBLEMS FOUND "
              f"(đã kiểm tra / checked {checked} bản ghi, số thứ tự cuối / last seq {last_seq}):")
        for problem in problems:
            print(f"  - {problem.message}")
    else:
        print(f"Nhật ký toàn vẹn / audit trail intact: {checked} bản ghi / records, "
              f"số thứ tự cuối / last seq {last_seq}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

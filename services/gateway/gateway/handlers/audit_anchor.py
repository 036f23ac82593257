"""The audit trail's anchor outside the store (mốc neo): a small file the gateway signs with the chain
key after each intact verification, naming the newest record verified and its hash. It only ever
moves forward: a store whose trail ends before it keeps the file as the evidence."""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from ..domain.audit_chain import iso_millis
from ..domain.audit_seal import signed_anchor


def read(path: str | None) -> dict | None:
    """The anchor as stored (its signature is checked by the verification), None when there is none yet."""
    if not path or not Path(path).is_file():
        return None
    try:
        anchor = json.loads(Path(path).read_text())
    except ValueError:
        return {"mac": ""}  # unreadable: reported as not genuine
    return anchor if isinstance(anchor, dict) else {"mac": ""}


def advance(path: str | None, key: bytes, seq: int, hash_: str) -> bool:
    """Move the anchor to ``seq`` (never back); written whole to a new file, then renamed over the old."""
    if not path or not seq:
        return False
    current = read(path)
    if current is not None and int(current.get("seq") or 0) >= seq:
        return False
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    temporary.write_text(json.dumps(signed_anchor(key, seq, hash_, iso_millis(datetime.now(timezone.utc)))))
    os.replace(temporary, target)
    return True

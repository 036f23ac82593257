"""Kept reads: used again only while the version document has not moved."""
import threading
import time

from cadre_shared.kept_reads import KeptReads


class FakeCollection:
    def __init__(self):
        self.doc = None

    def find_one(self, _filter):
        return dict(self.doc) if self.doc else None

    def update_one(self, _filter, update, upsert=False):
        if self.doc is None:
            self.doc = {"_id": "v", **update.get("$setOnInsert", {}), "n": 0}
        for field, step in update["$inc"].items():
            if field.startswith("parts."):
                parts = self.doc.setdefault("parts", {})
                parts[field[6:]] = parts.get(field[6:], 0) + step
            else:
                self.doc[field] = self.doc.get(field, 0) + step


class FakeDb(dict):
    name = "c360_test"

    def __missing__(self, key):
        self[key] = FakeCollection()
        return self[key]


def test_a_read_after_a_write_reads_again_and_before_it_is_kept():
    kept, db, calls = KeptReads("version", "v"), FakeDb(), []

    def compute():
        calls.append(1)
        return {"counted": len(calls)}

    assert kept.read(db, "k", compute) == {"counted": 1}
    assert kept.read(db, "k", compute) == {"counted": 1} and len(calls) == 1
    kept.moved(db)
    assert kept.read(db, "k", compute) == {"counted": 2}
    assert kept.read(db, "other", compute) == {"counted": 3}  # each key its own


def test_a_version_made_again_never_matches_what_was_kept():
    kept, db, calls = KeptReads("version", "v"), FakeDb(), []
    kept.moved(db)
    assert kept.read(db, "k", lambda: calls.append(1) or len(calls)) == 1
    db["version"].doc = None  # the store emptied: the next writer makes a new epoch at the same count
    kept.moved(db)
    assert kept.read(db, "k", lambda: calls.append(1) or len(calls)) == 2


def test_what_is_handed_out_is_a_copy():
    kept, db = KeptReads("version", "v"), FakeDb()
    first = kept.read(db, "k", lambda: {"a": [1]})
    first["a"].append(2)
    assert kept.read(db, "k", lambda: {"a": [9]}) == {"a": [1]}


def test_a_hot_writer_moves_the_version_at_most_once_a_second_and_its_own_reads_follow_at_once(monkeypatch):
    monkeypatch.setenv("C360_KEPT_READS_MOVE_EVERY_S", "0.3")
    kept, db, calls = KeptReads("version", "v"), FakeDb(), []

    def compute():
        calls.append(1)
        return len(calls)

    assert kept.read(db, "k", compute) == 1
    kept.moved_soon(db)  # the first: at once
    assert db["version"].doc["n"] == 1
    assert kept.read(db, "k", compute) == 2
    moved = threading.Event()
    original = kept.moved
    named = []
    monkeypatch.setattr(kept, "moved", lambda d, parts=(): (named.append(set(parts)), original(d, parts), moved.set()))
    for quarter in ("2026-Q1", "2026-Q2", "2026-Q1", "2026-Q2", "2026-Q1"):  # a burst: one move at its end
        kept.moved_soon(db, [quarter])
        assert kept.read(db, "k", compute) == len(calls)  # this process reads again after each write
    assert db["version"].doc["n"] == 1 and len(calls) == 7
    assert moved.wait(2) and db["version"].doc["n"] == 2
    assert named == [{"2026-Q1", "2026-Q2"}]  # every part the burst's writes named, in the one move
    time.sleep(0.05)
    assert kept.read(db, "k", compute) == 8 and kept.read(db, "k", compute) == 8  # kept again after the move


def test_a_part_moves_with_the_writes_that_name_it_or_name_none():
    kept, db = KeptReads("version", "v"), FakeDb()
    kept.moved(db, ["2026-Q1", "2026-02"])
    first, fourth = kept.version(db, "2026-Q1"), kept.version(db, "2026-Q4")
    kept.moved(db, ["2026-Q4", None])
    assert kept.version(db, "2026-Q1") == first and kept.version(db, "2026-Q4") != fourth
    kept.moved(db, ["2026-Q1"])
    assert kept.version(db, "2026-Q1") != first
    second = kept.version(db, "2026-Q1")
    fourth, whole = kept.version(db, "2026-Q4"), kept.version(db)
    kept.moved(db)  # a write that names no part moves every part, and the whole version
    assert kept.version(db, "2026-Q1") != second and kept.version(db, "2026-Q4") != fourth
    assert kept.version(db) != whole

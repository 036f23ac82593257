from datetime import datetime, timedelta, timezone

from gateway.domain.audit_chain import GENESIS, derive_key, iso_millis, record_hash, verify_chain

KEY = derive_key(b"test-secret")
T0 = datetime(2026, 3, 1, 1, 2, 3, 456000, tzinfo=timezone.utc)


def build_chain(n: int, key: bytes = KEY) -> list[dict]:
    chain, prev = [], GENESIS
    for seq in range(1, n + 1):
        record = {"seq": seq, "at": T0 + timedelta(seconds=seq), "actor_id": "u1", "actor": "admin",
                  "role": "province_admin", "unit_id": None, "action": "POST /api/v1/cadres",
                  "target": f"cadres/c{seq}", "outcome": "success", "status": 201, "request_id": f"r{seq}",
                  "ip": "127.0.0.1", "detail": {}, "prev_hash": prev}
        record["hash"] = record_hash(key, record)
        prev = record["hash"]
        chain.append(record)
    return chain


def kinds(problems):
    return [(p.seq, p.kind) for p in problems]


def test_intact_chain_has_no_problem():
    checked, problems = verify_chain(build_chain(5), KEY, tip_seq=5)
    assert checked == 5 and problems == []


def test_edited_field_is_reported_on_that_record():
    chain = build_chain(5)
    chain[2]["outcome"] = "rejected"
    assert kinds(verify_chain(chain, KEY, 5)[1]) == [(3, "altered")]


def test_edit_resealed_without_the_key_breaks_the_next_link_too():
    chain = build_chain(5)
    chain[2]["actor"] = "someone-else"
    chain[2]["hash"] = record_hash(derive_key(b"guessed"), chain[2])
    assert kinds(verify_chain(chain, KEY, 5)[1]) == [(3, "altered"), (4, "broken_link")]


def test_deleted_middle_record_is_reported_missing():
    chain = build_chain(5)
    del chain[1]
    _, problems = verify_chain(chain, KEY, 5)
    assert kinds(problems) == [(2, "missing")]
    assert "#2" in problems[0].message


def test_deleted_newest_records_are_caught_by_the_tip():
    chain = build_chain(5)[:3]
    _, problems = verify_chain(chain, KEY, tip_seq=5)
    assert kinds(problems) == [(4, "missing")]
    assert "#4–#5" in problems[0].message


def test_swapped_records_break_links():
    chain = build_chain(4)
    chain[1]["seq"], chain[2]["seq"] = 3, 2
    chain[1], chain[2] = chain[2], chain[1]
    assert kinds(verify_chain(chain, KEY, 4)[1]) == [(2, "broken_link"), (2, "altered"), (3, "broken_link"),
                                                     (3, "altered"), (4, "broken_link")]


def test_wrong_key_fails_every_record():
    assert len(verify_chain(build_chain(3), derive_key(b"other"), 3)[1]) == 3


def test_hash_is_stable_across_the_stores_millisecond_precision():
    record = build_chain(1)[0]
    naive_ms = record["at"].replace(tzinfo=None, microsecond=456000)
    assert record_hash(KEY, {**record, "at": naive_ms}) == record["hash"]
    assert iso_millis(T0) == "2026-03-01T01:02:03.456Z"

from gateway.domain.audit_seal import anchor_problems, signed_anchor, tip_problems, tip_seal

KEY, OTHER_KEY = b"k" * 32, b"o" * 32


def test_a_sealed_tip_matching_its_record_is_fine():
    tip = {"seq": 7, "hash": "h7", "seal": tip_seal(KEY, 7, "h7")}
    assert tip_problems(KEY, tip, "h7") == []


def test_a_tip_moved_without_the_key_is_reported():
    moved = {"seq": 5, "hash": "h5", "seal": tip_seal(KEY, 7, "h7")}  # seal of where it was
    forged = {"seq": 5, "hash": "h5", "seal": tip_seal(OTHER_KEY, 5, "h5")}
    unsealed = {"seq": 5, "hash": "h5"}
    for tip in (moved, forged, unsealed):
        assert [p.kind for p in tip_problems(KEY, tip, "h5")] == ["tip_altered"]


def test_a_tip_naming_another_hash_than_its_record_is_reported():
    tip = {"seq": 7, "hash": "h7", "seal": tip_seal(KEY, 7, "h7")}
    assert [p.kind for p in tip_problems(KEY, tip, "other")] == ["tip_altered"]


def test_a_trail_ending_before_its_anchor_was_cut_short():
    anchor = signed_anchor(KEY, 12, "h12", "2026-12-07T03:00:00.000Z")
    problems = anchor_problems(KEY, anchor, tip_seq=9, hash_at_anchor=None)
    assert [(p.seq, p.kind) for p in problems] == [(10, "truncated")]
    assert "#12" in problems[0].message


def test_the_anchor_behind_the_tip_checks_its_record():
    anchor = signed_anchor(KEY, 12, "h12", "2026-12-07T03:00:00.000Z")
    assert anchor_problems(KEY, anchor, tip_seq=20, hash_at_anchor="h12") == []
    assert [p.kind for p in anchor_problems(KEY, anchor, tip_seq=20, hash_at_anchor="x")] == ["altered"]


def test_an_edited_or_foreign_anchor_is_not_genuine():
    edited = {**signed_anchor(KEY, 12, "h12", "2026-12-07T03:00:00.000Z"), "seq": 3}
    foreign = signed_anchor(OTHER_KEY, 3, "h3", "2026-12-07T03:00:00.000Z")
    for anchor in (edited, foreign, {"mac": ""}):
        assert [p.kind for p in anchor_problems(KEY, anchor, 9, "h3")] == ["anchor_invalid"]


def test_no_anchor_yet_is_no_problem():
    assert anchor_problems(KEY, None, 9, None) == []

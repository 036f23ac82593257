"""Confidence votes: one-time codes made and recognised with the key only, and the outcome rule
(§3.8) at its boundaries — 7 of 10 low replace, 6 of 10 consider, exactly half does not."""
import pytest

from survey.domain.ballots import (Thresholds, answers_problems, ballot_code, ballot_codes, is_ballot_code, normalise,
                                   outcome, result, used_code_id)
from survey.domain.reports import new_reference, normalise_reference

KEY, OTHER_KEY = b"k" * 32, b"x" * 32
RULE = Thresholds()


def test_codes_are_the_votes_reference_and_a_keyed_mac():
    codes = ballot_codes(KEY, "vote-1", "K7QF", 50)
    assert len(set(codes)) == 50
    assert all(c.startswith("K7QF-") and len(c) == 19 for c in codes)
    assert codes == ballot_codes(KEY, "vote-1", "K7QF", 50)  # printed again, the same codes
    assert ballot_code(OTHER_KEY, "vote-1", "K7QF", 0) != codes[0]
    assert ballot_code(KEY, "vote-2", "K7QF", 0) != codes[0]


def test_a_code_is_recognised_however_it_is_typed_and_only_for_its_vote():
    code = ballot_code(KEY, "vote-1", "K7QF", 3)
    typed = code.lower().replace("-", " ").replace("0", "o")
    assert is_ballot_code(KEY, "vote-1", "K7QF", 10, normalise(typed))
    assert not is_ballot_code(KEY, "vote-1", "K7QF", 3, normalise(code))  # beyond the ballots issued
    assert not is_ballot_code(KEY, "vote-2", "K7QF", 10, normalise(code))
    assert not is_ballot_code(OTHER_KEY, "vote-1", "K7QF", 10, normalise(code))
    assert normalise("too-short") == "" and normalise("") == ""


def test_a_used_code_is_remembered_by_a_keyed_hash_only():
    code = normalise(ballot_code(KEY, "vote-1", "K7QF", 0))
    remembered = used_code_id(KEY, "vote-1", code)
    assert code not in remembered and len(remembered) == 64
    assert remembered != used_code_id(OTHER_KEY, "vote-1", code)


@pytest.mark.parametrize("low, ballots, expected", [
    (7, 10, "replace"), (6, 10, "consider"), (5, 10, "none"), (2, 3, "replace"), (0, 0, "none"),
    (67, 100, "replace"), (66, 100, "consider"), (51, 100, "consider"), (50, 100, "none"),
])
def test_the_outcome_follows_the_share_of_low(low, ballots, expected):
    assert outcome(low, ballots, RULE) == expected


def test_thresholds_are_data():
    stricter = Thresholds(consider_above=0.4, replace_at=0.6)
    assert outcome(5, 10, stricter) == "consider" and outcome(6, 10, stricter) == "replace"
    with pytest.raises(ValueError):
        Thresholds(consider_above=0.7, replace_at=0.6)


def test_a_result_counts_and_shares():
    assert result("c1", {"high": 2, "medium": 1, "low": 7}, 10, RULE) == {
        "cadre_id": "c1", "ballots": 10, "high": 2, "medium": 1, "low": 7, "low_share": 0.7, "outcome": "replace"}
    assert result("c1", {}, 0, RULE)["low_share"] is None


def test_a_ballot_rates_exactly_the_votes_officials():
    assert answers_problems({"a": "high", "b": "low"}, ["a", "b"]) == {}
    problems = answers_problems({"a": "high", "z": "low"}, ["a", "b"])
    assert set(problems) == {"answers.b", "answers.z"}


def test_report_references_cannot_be_guessed_and_are_read_as_typed():
    references = {new_reference() for _ in range(200)}
    assert len(references) == 200 and all(r.startswith("PA-") and len(r) == 13 for r in references)
    one = next(iter(references))
    assert normalise_reference(one.lower()) == one
    assert normalise_reference(one[3:]) == one
    assert normalise_reference("PA-123") is None

"""Who is whose direct leader in a commune (registry.domain.organisation)."""
from evaluation.registry.domain.organisation import OrgMember, direct_leaders, managed_by


def commune(**overrides):
    """A commune with two departments (KT, VHXH), a head each, a deputy in KT, a chairman and a
    vice-chairman; ``overrides`` replace members by id."""
    members = {
        "chair": OrgMember("chair", None, "unit_chief", True),
        "vice": OrgMember("vice", None, "unit_deputy", True),
        "kt-head": OrgMember("kt-head", "KT", "department_head", True),
        "kt-deputy": OrgMember("kt-deputy", "KT", "department_deputy", True),
        "kt-1": OrgMember("kt-1", "KT"),
        "kt-2": OrgMember("kt-2", "KT"),
        "vh-head": OrgMember("vh-head", "VHXH", "department_head", True),
        "vh-1": OrgMember("vh-1", "VHXH"),
    }
    members.update(overrides)
    return list(members.values())


def test_staff_answer_to_their_department_head_and_heads_to_the_chairman():
    leaders = direct_leaders(commune())
    assert leaders["kt-1"] == ("kt-head",) and leaders["vh-1"] == ("vh-head",)
    assert leaders["kt-deputy"] == ("kt-head",)
    assert leaders["kt-head"] == ("chair",) and leaders["vh-head"] == ("chair",) and leaders["vice"] == ("chair",)
    assert leaders["chair"] == ()


def test_a_leader_hr_names_replaces_the_derived_one():
    leaders = direct_leaders(commune(**{"vh-head": OrgMember("vh-head", "VHXH", "department_head", True, "vice")}))
    assert leaders["vh-head"] == ("vice",)
    assert managed_by(leaders)["vice"] == frozenset({"vh-head"})


def test_a_named_leader_outside_the_unit_is_ignored():
    leaders = direct_leaders(commune(**{"kt-1": OrgMember("kt-1", "KT", reports_to="moved-away")}))
    assert leaders["kt-1"] == ("kt-head",)


def test_a_department_without_a_head_answers_to_the_chairman():
    members = [m for m in commune() if m.cadre_id != "vh-head"]
    assert direct_leaders(members)["vh-1"] == ("chair",)


def test_the_management_relation_is_the_inverse():
    managed = managed_by(direct_leaders(commune()))
    assert managed["kt-head"] == frozenset({"kt-deputy", "kt-1", "kt-2"})
    assert managed["chair"] == frozenset({"vice", "kt-head", "vh-head"})
    assert "kt-1" not in managed


def test_a_unit_where_nobody_heads_anything_keeps_the_plain_rule():
    members = [OrgMember("boss", None, is_leader=True), OrgMember("a", "KT"), OrgMember("b", "VHXH")]
    leaders = direct_leaders(members)
    assert leaders == {"boss": (), "a": ("boss",), "b": ("boss",)}

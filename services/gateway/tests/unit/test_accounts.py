from gateway.domain.accounts import normalise_username, scope_problems, username_problem


def test_unit_hr_needs_a_unit_and_no_cadre():
    assert set(scope_problems("unit_hr", None, None)) == {"unit_id"}
    assert set(scope_problems("unit_hr", "u1", "c1")) == {"cadre_id"}
    assert scope_problems("unit_hr", "u1", None) == {}


def test_cadre_account_needs_its_dossier():
    assert set(scope_problems("cadre", None, None)) == {"cadre_id"}
    assert scope_problems("cadre", None, "c1") == {}


def test_province_wide_roles_carry_no_scope():
    for role in ("province_admin", "auditor", "training_school"):
        assert scope_problems(role, None, None) == {}
        assert set(scope_problems(role, "u1", "c1")) == {"unit_id", "cadre_id"}


def test_usernames():
    assert normalise_username("  HR.XaAn ") == "hr.xaan"
    assert username_problem("hr.xaan") is None
    assert username_problem("ab") is not None
    assert username_problem("nguyễn") is not None
    assert username_problem("a" * 65) is not None
    assert username_problem('x{"$gt":""}') is not None

"""Who a notification request reaches: the index entries of an account, the entries a request
reads, and the check of each candidate account as it is now."""
from gateway.domain.notification_recipients import index_keys, is_recipient, item_id, item_key, request_keys


def test_each_account_is_listed_by_what_a_request_can_name():
    assert index_keys("cadre", "u-1", "c-7") == ["cadre|c-7", "unit|u-1|cadre"]
    assert index_keys("unit_hr", "u-1", None) == ["unit|u-1|unit_hr"]
    assert index_keys("province_admin", None, None) == ["role|province_admin"]
    assert index_keys("auditor", None, None) == ["role|auditor"]


def test_a_request_reads_one_entry_per_name_each_once():
    recipients = {"cadre_ids": ["c-7", "c-8", "c-7"], "unit_roles": [{"unit_id": "u-1", "role": "unit_hr"}],
                  "roles": ["province_admin"]}
    assert request_keys(recipients) == ["cadre|c-7", "cadre|c-8", "unit|u-1|unit_hr", "role|province_admin"]


def _reaches(recipients, **account):
    return is_recipient(recipients, **{"active": True, "unit_id": None, "cadre_id": None, **account})


def test_the_account_of_a_named_cadre_is_reached_others_are_not():
    recipients = {"cadre_ids": ["c-7"]}
    assert _reaches(recipients, role="cadre", unit_id="u-1", cadre_id="c-7")
    assert not _reaches(recipients, role="cadre", unit_id="u-1", cadre_id="c-8")
    assert not _reaches(recipients, role="cadre", unit_id="u-1", cadre_id="c-7", active=False)


def test_unit_roles_reach_that_role_in_that_unit_only():
    recipients = {"unit_roles": [{"unit_id": "u-1", "role": "unit_hr"}]}
    assert _reaches(recipients, role="unit_hr", unit_id="u-1")
    assert not _reaches(recipients, role="unit_hr", unit_id="u-2")  # moved away since it was indexed
    assert not _reaches(recipients, role="cadre", unit_id="u-1", cadre_id="c-1")


def test_province_roles_reach_every_account_of_that_role_and_no_unit_account():
    recipients = {"roles": ["province_admin"], "unit_roles": [{"unit_id": "u-1", "role": "cadre"}]}
    assert _reaches(recipients, role="province_admin")
    assert not _reaches(recipients, role="auditor")
    assert _reaches(recipients, role="cadre", unit_id="u-1", cadre_id="c-1")
    assert not _reaches({"roles": ["unit_hr"]}, role="unit_hr", unit_id="u-1")  # unit-scoped: by unit only


def test_an_item_is_named_by_its_user_and_a_digest_of_the_dedupe_key():
    key = item_key("rating_requested|p-1|c-7")
    assert key == item_key("rating_requested|p-1|c-7") and len(key) == 24 and key.isalnum()
    assert key != item_key("rating_reminder|p-1|u-1|2")
    assert item_id("user-1", key) == f"user-1|{key}" != item_id("user-2", key)

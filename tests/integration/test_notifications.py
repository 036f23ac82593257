"""Notifications across the platform (issue 12, item 8): a service's notification request, published on
its own topic of the real broker, reaches the inboxes of exactly the accounts it names — once, even when
the event is replayed — and is mailed to a real SMTP server with its Vietnamese subject intact."""
from __future__ import annotations

import uuid

import pytest

from cadre_shared.notify import notification
from support.mail import MailServer, publish
from support.platform import eventually, free_port
from support.world import USER_PASSWORD, World

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def mail_server(stack):
    """The province's mail server, set through the API as a province administrator would."""
    server = MailServer(free_port()).start()
    admin = stack.session()
    reply = admin.put(stack.url() + "/api/v1/settings/mail", json={
        "host": "127.0.0.1", "port": server.port, "security": "none", "from_address": "thongbao@tinh.gov.vn"},
        timeout=30)
    assert reply.status_code == 200, reply.text
    yield server
    admin.put(stack.url() + "/api/v1/settings/mail", json={"host": None}, timeout=30)
    server.stop()


def _account(registry: World, role: str, unit_id=None, cadre_id=None, email=None) -> str:
    username = f"tb{uuid.uuid4().hex[:8]}"
    body = {"username": username, "password": USER_PASSWORD, "role": role, "unit_id": unit_id, "cadre_id": cadre_id,
            "email": email}
    reply = registry.admin.post(registry.base + "/users", json={k: v for k, v in body.items() if v}, timeout=30)
    assert reply.status_code == 201, reply.text
    return username


def _inbox(registry: World, username: str) -> dict:
    reply = registry.session_of(username).get(registry.base + "/notifications", timeout=30)
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_a_request_reaches_the_named_accounts_once_and_is_mailed(stack, mail_server):
    registry = World(stack)
    tan_lap, dong_hoa = registry.unit("Xã Tân Lập"), registry.unit("Xã Đông Hòa")
    hoa = registry.cadre(tan_lap["id"], "Nguyễn Thị Hoa")
    binh = registry.cadre(tan_lap["id"], "Trần Văn Bình")
    chi = registry.cadre(dong_hoa["id"], "Lê Thị Chi")
    hoa_mail = f"hoa.{uuid.uuid4().hex[:6]}@tanlap.gov.vn"
    accounts = {"hoa": _account(registry, "cadre", cadre_id=hoa["id"], email=hoa_mail),
                "binh": _account(registry, "cadre", cadre_id=binh["id"]),
                "chi": _account(registry, "cadre", cadre_id=chi["id"]),
                "hr": _account(registry, "unit_hr", unit_id=tan_lap["id"])}

    def ask(kind, about, **kwargs):
        return notification("evaluation", kind, about=about, link="/?period=2026-Q4", **kwargs)

    rating = ask("rating_requested", hoa["id"], cadre_ids=[hoa["id"]], dedupe_key=f"rr|{hoa['id']}",
                 params={"period": "2026-Q4", "due_on": "2026-12-10"})
    published = ask("classification_published", tan_lap["id"], unit_roles=[(tan_lap["id"], "cadre")],
                    dedupe_key=f"cp|{tan_lap['id']}", params={"period": "2026-Q4", "unit_name": "Xã Tân Lập"})
    publish(stack.infra.bootstrap, [rating, published])

    eventually(lambda: _inbox(registry, accounts["hoa"])["unread"] == 2 and _inbox(registry, accounts["binh"])[
        "unread"] == 1, timeout=60, message="both notifications in the unit's inboxes")
    subject = "Mời đánh giá cán bộ kỳ Quý 4/2026"
    eventually(lambda: mail_server.to(hoa_mail), timeout=60, message="the rating request's e-mail")

    # the same event again (a replay) and the same request sent anew: nothing changes; a later
    # request on the same key (same partition) shows both were handled before it
    again = ask("rating_requested", hoa["id"], cadre_ids=[hoa["id"]], dedupe_key=f"rr|{hoa['id']}",
                params={"period": "2026-Q4", "due_on": "2026-12-10"})
    marker = ask("rating_reminder", hoa["id"], cadre_ids=[hoa["id"]], dedupe_key=f"rm|{hoa['id']}|1",
                 params={"period": "2026-Q4", "due_on": "2026-12-10"})
    publish(stack.infra.bootstrap, [rating, again, marker])
    eventually(lambda: _inbox(registry, accounts["hoa"])["unread"] == 3, timeout=60, message="the reminder")
    eventually(lambda: len(mail_server.to(hoa_mail)) == 3, timeout=60, message="the reminder's e-mail")

    hoa_inbox = _inbox(registry, accounts["hoa"])
    assert [i["kind"] for i in hoa_inbox["items"]] == ["rating_reminder", "classification_published",
                                                       "rating_requested"]
    assert hoa_inbox["items"][2]["title"] == subject
    assert [i["kind"] for i in _inbox(registry, accounts["binh"])["items"]] == ["classification_published"]
    assert _inbox(registry, accounts["chi"]) == {"items": [], "unread": 0}  # another unit
    assert _inbox(registry, accounts["hr"]) == {"items": [], "unread": 0}  # unit HR was not named

    subjects = [m["Subject"] for m in mail_server.to(hoa_mail)]
    assert subjects.count(subject) == 1, subjects
    mail = next(m for m in mail_server.to(hoa_mail) if m["Subject"] == subject)
    assert mail["From"].addresses[0].addr_spec == "thongbao@tinh.gov.vn"
    assert "Hạn hoàn thành: 10/12/2026." in mail.get_content() and "/?period=2026-Q4" in mail.get_content()
    assert b"\nSubject: =?utf-8?" in mail_server.raw_of(mail)  # RFC 2047: UTF-8, the header itself ASCII
    assert {m["To"] for m in mail_server.messages} == {hoa_mail}  # Bình has no address: inbox only

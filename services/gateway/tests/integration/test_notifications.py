"""Notifications in the gateway, on the real store: recipients found through the index kept by the
account handlers, one inbox item per user and dedupe key, the inbox API, and the e-mails the mail
relay sends to a real SMTP server (aiosmtpd) — with the server down, back, or refusing for good."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from cadre_shared.notify import notification
from gateway.handlers import notification_delivery, recipient_index
from gateway.handlers.mail_relay import MailRelay
from gateway.models import NotificationItem, RecipientIndex
from support.mail import MailServer
from support.platform import free_port

from .conftest import bearer

pytestmark = pytest.mark.integration
PASSWORD = "Thông-báo-2026!"


@pytest.fixture(scope="module")
def admin(client_of_module):
    return bearer(client_of_module)


@pytest.fixture(scope="module")
def client_of_module(gateway_app):
    return gateway_app.test_client()


def _account(client, admin, role="auditor", email=None) -> dict:
    name = f"tb{uuid.uuid4().hex[:8]}"
    body = {"username": name, "password": PASSWORD, "role": role, **({"email": email} if email else {})}
    reply = client.post("/api/v1/users", headers=admin, json=body)
    assert reply.status_code == 201, reply.get_json()
    return {**reply.get_json(), "headers": bearer(client, name, PASSWORD, ip=f"10.77.{uuid.uuid4().int % 250}.1")}


def _flag_raised(dedupe_key: str, roles=("auditor",)) -> dict:
    return notification("evaluation", "risk_flag_raised", about="c-1", roles=list(roles),
                        params={"cadre_name": "Nguyễn Thị Hoa", "unit_name": "Xã Tân Lập", "light": "red"},
                        link="/risk?unit_id=u-1", dedupe_key=dedupe_key)


def _inbox(client, who, **headers) -> dict:
    reply = client.get("/api/v1/notifications", headers={**who["headers"], **headers})
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


def _set_mail_server(client, admin, port: int, **extra):
    reply = client.put("/api/v1/settings/mail", headers=admin, json={
        "host": "127.0.0.1", "port": port, "security": "none", "from_address": "thongbao@tinh.gov.vn", **extra})
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


def test_a_request_reaches_each_named_account_once_and_no_other(gateway_app, client_of_module, admin):
    client = client_of_module
    first, second = _account(client, admin), _account(client, admin)
    school = _account(client, admin, role="training_school")
    key = f"risk_flag_raised|{uuid.uuid4()}"
    event = _flag_raised(key)
    assert notification_delivery.deliver_request(event, gateway_app.config) >= 2
    assert notification_delivery.deliver_request(event, gateway_app.config) == 0  # the same event again
    assert notification_delivery.deliver_request(_flag_raised(key), gateway_app.config) == 0  # re-sent, same key

    page = _inbox(client, first)
    assert page["unread"] == 1 and len(page["items"]) == 1
    item = page["items"][0]
    assert (item["kind"], item["title"], item["read"], item["link"]) == (
        "risk_flag_raised", "Cảnh báo sớm: Nguyễn Thị Hoa", False, "/risk?unit_id=u-1")
    assert "mức cảnh báo: đỏ" in item["body"]
    assert _inbox(client, first, **{"Accept-Language": "en"})["items"][0]["title"] == "Early warning: Nguyễn Thị Hoa"
    assert _inbox(client, school) == {"items": [], "unread": 0}

    # the id names an item of the caller's own inbox: one who did not get it has nothing by that id
    assert client.post(f"/api/v1/notifications/{item['id']}/read", headers=school["headers"]).status_code == 404
    read = client.post(f"/api/v1/notifications/{item['id']}/read", headers=first["headers"])
    assert read.status_code == 200 and read.get_json()["read"] is True
    assert _inbox(client, first)["unread"] == 0 and _inbox(client, second)["unread"] == 1
    assert client.post("/api/v1/notifications/read-all", headers=second["headers"]).get_json() == {"unread": 0}
    assert _inbox(client, second)["items"][0]["read"] is True


def test_a_disabled_account_is_no_longer_reached_a_reenabled_one_is(gateway_app, client_of_module, admin):
    client = client_of_module
    person = _account(client, admin)
    assert client.patch(f"/api/v1/users/{person['id']}", headers=admin, json={"active": False}).status_code == 200
    notification_delivery.deliver_request(_flag_raised(f"k|{uuid.uuid4()}"), gateway_app.config)
    assert client.patch(f"/api/v1/users/{person['id']}", headers=admin, json={"active": True}).status_code == 200
    person["headers"] = bearer(client, person["username"], PASSWORD, ip="10.78.0.1")
    assert _inbox(client, person)["unread"] == 0
    notification_delivery.deliver_request(_flag_raised(f"k|{uuid.uuid4()}"), gateway_app.config)
    assert _inbox(client, person)["unread"] == 1


def test_an_installation_without_the_index_builds_it_from_the_accounts(gateway_app, client_of_module, admin):
    client = client_of_module
    person = _account(client, admin)
    RecipientIndex.drop_collection()  # as before notifications existed
    recipient_index._built_in.clear()  # as a consumer process starting on it
    notification_delivery.deliver_request(_flag_raised(f"k|{uuid.uuid4()}"), gateway_app.config)
    assert _inbox(client, person)["unread"] == 1
    assert RecipientIndex.objects(id="built").first() is not None


class Clock:
    def __init__(self):
        self.now = datetime.now(timezone.utc)

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _retire(client, admin, account: dict) -> None:
    """Disables an account, so the next test's requests (to every auditor) do not mail it."""
    assert client.patch(f"/api/v1/users/{account['id']}", headers=admin, json={"active": False}).status_code == 200


def _mail_of(account: dict) -> dict:
    item = NotificationItem.objects(user_id=account["id"]).order_by("-created_at").first()
    return item.mail


def test_a_mail_server_outage_delays_the_mail_never_the_inbox(gateway_app, client_of_module, admin):
    client, clock, port = client_of_module, Clock(), free_port()
    person = _account(client, admin, email=f"hoa.{uuid.uuid4().hex[:6]}@xa.gov.vn")
    view = _set_mail_server(client, admin, port, username=None)
    assert view["enabled"] is True and view["source"] == "stored"
    relay = MailRelay(gateway_app.config, clock=clock)
    notification_delivery.deliver_request(_flag_raised(f"k|{uuid.uuid4()}"), gateway_app.config)
    assert _inbox(client, person)["unread"] == 1

    relay.deliver_due()  # nothing listens on the port yet
    mail = _mail_of(person)
    assert (mail["state"], mail["attempts"]) == ("pending", 1) and "ConnectionRefused" in mail["last_error"]
    server = MailServer(port).start()
    try:
        relay.deliver_due()
        assert server.to(person["email"]) == [] and _mail_of(person)["attempts"] == 1  # waits its turn
        clock.advance(float(gateway_app.config["MAIL_FIRST_RETRY_SECONDS"]))
        relay.deliver_due()
        [received] = server.to(person["email"])
    finally:
        server.stop()
    assert received["Subject"] == "Cảnh báo sớm: Nguyễn Thị Hoa"
    assert "http://127.0.0.1:8000/risk?unit_id=u-1" in received.get_content()
    assert _mail_of(person)["state"] == "sent"
    assert _inbox(client, person)["items"][0]["read"] is False
    _retire(client, admin, person)


def test_a_mail_is_given_up_after_the_bound_and_shown_to_the_administrator(gateway_app, client_of_module, admin):
    client, clock = client_of_module, Clock()
    person = _account(client, admin, email=f"lan.{uuid.uuid4().hex[:6]}@xa.gov.vn")
    _set_mail_server(client, admin, free_port())  # never answers
    relay = MailRelay({**gateway_app.config, "MAIL_MAX_ATTEMPTS": "3"}, clock=clock)
    before = client.get("/api/v1/settings/mail", headers=admin).get_json()["failed"]
    notification_delivery.deliver_request(_flag_raised(f"k|{uuid.uuid4()}"), gateway_app.config)
    for _ in range(3):
        relay.deliver_due()
        clock.advance(3600)
    mail = _mail_of(person)
    assert (mail["state"], mail["attempts"]) == ("failed", 3)
    view = client.get("/api/v1/settings/mail", headers=admin).get_json()
    assert view["failed"] == before + 1 and view["pending"] == 0
    assert view["recent_failures"][0]["email"] == person["email"]
    assert "ConnectionRefused" in view["recent_failures"][0]["error"]
    assert _inbox(client, person)["unread"] == 1
    _retire(client, admin, person)


def test_a_refusal_for_good_is_given_up_at_once(gateway_app, client_of_module, admin):
    client, port = client_of_module, free_port()
    person = _account(client, admin, email=f"nobody.{uuid.uuid4().hex[:6]}@xa.gov.vn")
    _set_mail_server(client, admin, port)
    server = MailServer(port, refuse={person["email"]}).start()
    try:
        notification_delivery.deliver_request(_flag_raised(f"k|{uuid.uuid4()}"), gateway_app.config)
        MailRelay(gateway_app.config).deliver_due()
    finally:
        server.stop()
    mail = _mail_of(person)
    assert (mail["state"], mail["attempts"]) == ("failed", 1) and "550" in mail["last_error"]
    _retire(client, admin, person)


def test_the_mail_password_is_kept_but_never_returned(client_of_module, admin):
    client = client_of_module
    reply = client.put("/api/v1/settings/mail", headers=admin, json={
        "host": "smtp.tinh.gov.vn", "port": 587, "security": "starttls", "from_address": "thongbao@tinh.gov.vn",
        "username": "thongbao", "password": "Mật-khẩu-thư-2026"})
    assert reply.status_code == 200 and reply.get_json()["password_set"] is True
    kept = client.put("/api/v1/settings/mail", headers=admin, json={
        "host": "smtp.tinh.gov.vn", "port": 465, "security": "ssl", "from_address": "thongbao@tinh.gov.vn",
        "username": "thongbao"})
    assert kept.get_json()["password_set"] is True and kept.get_json()["port"] == 465
    for reply in (reply, kept, client.get("/api/v1/settings/mail", headers=admin)):
        assert "Mật-khẩu-thư-2026" not in reply.get_data(as_text=True) and "password" not in reply.get_json()
    in_clear = client.put("/api/v1/settings/mail", headers=admin, json={
        "host": "smtp.tinh.gov.vn", "port": 25, "security": "none", "from_address": "thongbao@tinh.gov.vn",
        "username": "thongbao"})
    assert in_clear.status_code == 422 and "security" in in_clear.get_json()["error"]["fields"]
    no_sender = client.put("/api/v1/settings/mail", headers=admin, json={"host": "smtp.tinh.gov.vn"})
    assert no_sender.status_code == 422 and "from_address" in no_sender.get_json()["error"]["fields"]
    audit = client.get("/api/v1/audit", headers=admin, query_string={"action": "settings.mail"}).get_json()
    assert audit and "Mật-khẩu-thư-2026" not in str(audit)
    client.put("/api/v1/settings/mail", headers=admin, json={"host": None})  # no e-mail for the next tests


def _raised_about(number: int, roles=("auditor",)) -> dict:
    return notification("evaluation", "risk_flag_raised", about=f"c-{number}", roles=list(roles),
                        params={"cadre_name": f"Cán bộ số {number}", "unit_name": "Xã Tân Lập", "light": "amber"},
                        link="/risk", dedupe_key=f"paged|{uuid.uuid4()}")


def _titles(client, who, page: int, per_page: int) -> tuple[list[str], int]:
    reply = client.get(f"/api/v1/notifications?page={page}&per_page={per_page}", headers=who["headers"])
    assert reply.status_code == 200, reply.get_json()
    return [i["title"].rpartition(" ")[2] for i in reply.get_json()["items"]], int(reply.headers["X-Total-Count"])


def test_an_inbox_grows_by_pages_and_reads_newest_first_across_them(gateway_app, client_of_module, admin, monkeypatch):
    from gateway.handlers import inbox
    from gateway.models import Inbox, InboxPage
    monkeypatch.setattr(inbox, "PAGE_SIZE", 3)
    client, person = client_of_module, None
    person = _account(client, admin, role="training_school")
    events = [_raised_about(n, roles=("training_school",)) for n in range(1, 8)]
    for event in events:
        assert notification_delivery.deliver_request(event, gateway_app.config) >= 1
    assert notification_delivery.deliver_request(events[3], gateway_app.config) == 0  # redelivered: once
    assert _titles(client, person, 1, 2) == (["7", "6"], 7)
    assert _titles(client, person, 2, 2) == (["5", "4"], 7)
    assert _titles(client, person, 4, 2) == (["1"], 7)
    stored = Inbox._get_collection().find_one({"_id": person["id"]})
    assert (stored["count"], stored["unread_count"], stored["last_page"]) == (7, 7, 2)
    pages = [InboxPage._get_collection().find_one({"_id": f"{person['id']}|{n}"}) for n in range(3)]
    assert [len(p["items"]) for p in pages] == [3, 3, 1], "each delivery rewrote one small page"

    oldest = client.get("/api/v1/notifications?page=4&per_page=2", headers=person["headers"]).get_json()["items"][0]
    for _ in range(2):  # reading it twice counts once
        assert client.post(f"/api/v1/notifications/{oldest['id']}/read", headers=person["headers"]).status_code == 200
    assert _inbox(client, person)["unread"] == 6
    assert client.post("/api/v1/notifications/read-all", headers=person["headers"]).get_json() == {"unread": 0}
    assert not any(i["read"] is False for i in _inbox(client, person)["items"])
    notification_delivery.deliver_request(_raised_about(8, roles=("training_school",)), gateway_app.config)
    assert _inbox(client, person)["unread"] == 1 and _titles(client, person, 1, 1) == (["8"], 8)


def test_an_inbox_of_the_former_single_list_shape_is_moved_into_pages(gateway_app, client_of_module, admin,
                                                                      monkeypatch):
    from gateway.handlers import inbox
    from gateway.models import Inbox, InboxPage
    monkeypatch.setattr(inbox, "PAGE_SIZE", 2)
    client = client_of_module
    person = _account(client, admin, role="training_school")
    for n in range(1, 4):
        notification_delivery.deliver_request(_raised_about(n, roles=("training_school",)), gateway_app.config)
    pages = InboxPage._get_collection()
    ids = [i for n in range(2) for i in (pages.find_one({"_id": f"{person['id']}|{n}"}) or {}).get("items", [])]
    pages.delete_many({"_id": {"$in": [f"{person['id']}|{n}" for n in range(2)]}})
    Inbox._get_collection().replace_one({"_id": person["id"]}, {"_id": person["id"], "items": ids, "unread": ids[1:]})
    assert _inbox(client, person)["unread"] == 2  # read before the move: the former lists answer
    assert _titles(client, person, 1, 5) == (["3", "2", "1"], 3)
    first = client.get("/api/v1/notifications?page=2&per_page=2", headers=person["headers"]).get_json()["items"][0]
    assert first["read"] is True and first["title"].endswith("1")
    newest = client.get("/api/v1/notifications?page=1&per_page=2", headers=person["headers"]).get_json()["items"][0]
    assert newest["title"].endswith("3")  # on the second page of the move: found there when read
    assert client.post(f"/api/v1/notifications/{newest['id']}/read", headers=person["headers"]).status_code == 200
    assert _inbox(client, person)["unread"] == 1
    assert "items" not in Inbox._get_collection().find_one({"_id": person["id"]})

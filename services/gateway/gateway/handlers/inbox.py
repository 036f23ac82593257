"""Each user's inbox: delivering a notification into it once, reading it, marking items read."""
from __future__ import annotations

from datetime import datetime

from cadre_shared.consumer import insert_once
from cadre_shared.errors import ApiError

from ..domain.notification_recipients import item_id, item_key
from ..domain.notification_texts import render
from ..models.identity import User
from ..models.notifications import Inbox, MailQueue, NotificationItem
from . import id_lists
from .translations import translator

PENDING_MAILS = "pending"


def _items():
    return NotificationItem._get_collection()


def _inboxes():
    return Inbox._get_collection()


def deliver(user: User, event: dict, mail: bool) -> bool:
    """Puts the notification of ``event`` into ``user``'s inbox (and the mail queue when ``mail``)
    unless it is there already; True when this call delivered it. Each step repeats safely, so a
    redelivered event finishes what a crash interrupted."""
    payload = event["payload"]
    doc_id = item_id(user.id, item_key(payload["dedupe_key"]))
    doc = {"_id": doc_id, "user_id": user.id, "kind": payload["kind"], "params": payload["params"],
           "link": payload["link"], "created_at": datetime.fromisoformat(event["occurred_at"]),
           "producer": event["producer"], "event_id": event["event_id"], "delivered": False,
           "mail": {"state": "pending" if mail else "none", "attempts": 0}}
    if not insert_once(_items(), doc):
        doc = _items().find_one({"_id": doc_id}, {"delivered": 1, "mail": 1})
        if doc["delivered"]:
            return False
    id_lists.add(_inboxes(), user.id, doc_id, "items", "unread")
    if doc["mail"]["state"] == "pending":
        id_lists.add(MailQueue._get_collection(), PENDING_MAILS, doc_id, "ids")
    _items().update_one({"_id": doc_id}, {"$set": {"delivered": True}})
    return True


def unread_count(user_id: str) -> int:
    """The header's counter: one read by ``_id`` on every page."""
    return len(id_lists.ids_in(_inboxes(), user_id, "unread"))


def shown(item: dict, unread: bool, lang: str) -> dict:
    """An item as its reader sees it: texts rendered in ``lang`` from the stored values."""
    title, body = render(item["kind"], item.get("params") or {}, translator(lang))
    return {"id": item["_id"].partition("|")[2], "kind": item["kind"], "title": title, "body": body,
            "link": item["link"], "created_at": item["created_at"], "read": not unread,
            "mail": (item.get("mail") or {}).get("state", "none")}


def page_of(user_id: str, page: int, per_page: int, lang: str) -> tuple[list[dict], int, int]:
    """(items newest first, total, unread) of one page of the user's inbox."""
    inbox = _inboxes().find_one({"_id": user_id}) or {}
    ids = list(reversed(inbox.get("items") or []))
    unread = set(inbox.get("unread") or [])
    rows = []
    for doc_id in ids[(page - 1) * per_page: page * per_page]:
        item = _items().find_one({"_id": doc_id})
        if item is not None:
            rows.append(shown(item, doc_id in unread, lang))
    return rows, len(ids), len(unread)


def _own_item(user_id: str, key: str) -> dict:
    item = _items().find_one({"_id": item_id(user_id, key)})  # by _id alone: the store's fast path
    if item is None or not item.get("delivered"):
        raise ApiError(404)
    return item


def mark_read(user_id: str, key: str, lang: str) -> dict:
    """Marks one of the user's own items read (the id names an item of the caller's inbox only)."""
    item = _own_item(user_id, key)
    id_lists.remove(_inboxes(), user_id, item["_id"], "unread")
    return shown(item, False, lang)


def open_link(user_id: str, key: str) -> str:
    """Marks the item read and gives the address it opens."""
    item = _own_item(user_id, key)
    id_lists.remove(_inboxes(), user_id, item["_id"], "unread")
    return item["link"]


def mark_all_read(user_id: str) -> int:
    _inboxes().update_one({"_id": user_id}, {"$set": {"unread": []}})
    return 0

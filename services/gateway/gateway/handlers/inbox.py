"""Each user's inbox: delivering a notification into it once, reading it, marking items read."""
from __future__ import annotations

from datetime import datetime

from pymongo.errors import DuplicateKeyError

from cadre_shared.consumer import insert_once
from cadre_shared.errors import ApiError

from ..domain.notification_recipients import item_id, item_key
from ..domain.notification_texts import render
from ..models.identity import User
from ..models.notifications import Inbox, InboxPage, MailQueue, NotificationItem
from . import id_lists
from .translations import translator

PENDING_MAILS = "pending"


PAGE_SIZE = 100  # item ids a page of an inbox holds before items go to the next page


def _items():
    return NotificationItem._get_collection()


def _inboxes():
    return Inbox._get_collection()


def _pages():
    return InboxPage._get_collection()


def _page_id(user_id: str, number: int) -> str:
    return f"{user_id}|{number}"


def deliver(user: User, event: dict, mail: bool) -> bool:
    """Puts the notification of ``event`` into ``user``'s inbox (and the mail queue when ``mail``)
    unless it is there already; True when this call delivered it. Each step repeats safely, so a
    redelivered event finishes what a crash interrupted: the item keeps the page it was given."""
    payload = event["payload"]
    doc_id = item_id(user.id, item_key(payload["dedupe_key"]))
    doc = {"_id": doc_id, "user_id": user.id, "kind": payload["kind"], "params": payload["params"],
           "link": payload["link"], "created_at": datetime.fromisoformat(event["occurred_at"]),
           "producer": event["producer"], "event_id": event["event_id"], "delivered": False,
           "mail": {"state": "pending" if mail else "none", "attempts": 0}}
    if not insert_once(_items(), doc):
        doc = _items().find_one({"_id": doc_id}, {"delivered": 1, "mail": 1, "page": 1})
        if doc["delivered"]:
            return False
    inbox = _inbox(user.id)
    number = doc.get("page")
    if number is None:
        number = inbox.get("last_page", 0)
        _items().update_one({"_id": doc_id}, {"$set": {"page": number}})
    _file(user.id, number, doc_id)
    if doc["mail"]["state"] == "pending":
        id_lists.add(MailQueue._get_collection(), PENDING_MAILS, doc_id, "ids")
    _items().update_one({"_id": doc_id}, {"$set": {"delivered": True}})
    return True


def _file(user_id: str, number: int, doc_id: str) -> None:
    """The item in its page, unread; the inbox counts it once (a repeat finds it there already)."""
    page, change = {"_id": _page_id(user_id, number)}, {"$addToSet": {"items": doc_id, "unread": doc_id}}
    try:
        before = _pages().find_one_and_update(page, change, upsert=True)
    except DuplicateKeyError:  # another delivery created the page at the same moment: it exists now
        before = _pages().find_one_and_update(page, change)
    if before is not None and doc_id in (before.get("items") or ()):
        return
    update = {"$inc": {"count": 1, "unread_count": 1}, "$addToSet": {"unread_pages": number}}
    if len((before or {}).get("items") or ()) + 1 >= PAGE_SIZE:
        update["$max"] = {"last_page": number + 1}  # this page is full: the next items go on
    _inboxes().update_one({"_id": user_id}, update, upsert=True)


def _inbox(user_id: str) -> dict:
    """The user's inbox document; an inbox of the former shape (one list of every item) is moved into
    pages first."""
    inbox = _inboxes().find_one({"_id": user_id}) or {"_id": user_id}
    if "items" in inbox:
        inbox = _move_into_pages(inbox)
    return inbox


def _move_into_pages(old: dict) -> dict:
    """A page document per ``PAGE_SIZE`` items, then the counts: one write per page, the items keep no
    page of their own (``_read_item`` finds it) — writing each item too would be 8,718 more writes in
    the first request of the large province's administrator."""
    items, unread = list(old.get("items") or ()), set(old.get("unread") or ())
    pages = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
    unread_pages = []
    for number, ids in enumerate(pages):
        waiting = [i for i in ids if i in unread]
        _pages().update_one({"_id": _page_id(old["_id"], number)},
                            {"$addToSet": {"items": {"$each": ids}, "unread": {"$each": waiting}}}, upsert=True)
        if waiting:
            unread_pages.append(number)
    moved = {"count": len(items), "unread_count": sum(i in unread for i in items),
             "last_page": len(pages) - 1 + (len(pages[-1]) >= PAGE_SIZE), "unread_pages": unread_pages}
    _inboxes().update_one({"_id": old["_id"]}, {"$set": moved, "$unset": {"items": "", "unread": ""}})
    return {"_id": old["_id"], **moved}


def unread_count(user_id: str) -> int:
    """The header's counter: one read by ``_id`` of a small document on every page."""
    return max(_inbox(user_id).get("unread_count", 0), 0)


def shown(item: dict, unread: bool, lang: str) -> dict:
    """An item as its reader sees it: texts rendered in ``lang`` from the stored values."""
    title, body = render(item["kind"], item.get("params") or {}, translator(lang))
    return {"id": item["_id"].partition("|")[2], "kind": item["kind"], "title": title, "body": body,
            "link": item["link"], "created_at": item["created_at"], "read": not unread,
            "mail": (item.get("mail") or {}).get("state", "none")}


def page_of(user_id: str, page: int, per_page: int, lang: str) -> tuple[list[dict], int, int]:
    """(items newest first, total, unread) of one page of the user's inbox: its pages are read newest
    first, each by ``_id``, until the page asked for is covered."""
    inbox = _inbox(user_id)
    wanted, ids, unread = page * per_page, {}, set()
    for number in range(inbox.get("last_page", 0), -1, -1):
        stored = _pages().find_one({"_id": _page_id(user_id, number)}) or {}
        ids.update(dict.fromkeys(reversed(stored.get("items") or ())))
        unread.update(stored.get("unread") or ())
        if len(ids) >= wanted:
            break
    rows = []
    for doc_id in list(ids)[(page - 1) * per_page: wanted]:
        item = _items().find_one({"_id": doc_id})
        if item is not None:
            rows.append(shown(item, doc_id in unread, lang))
    return rows, inbox.get("count", 0), max(inbox.get("unread_count", 0), 0)


def _own_item(user_id: str, key: str) -> dict:
    item = _items().find_one({"_id": item_id(user_id, key)})  # by _id alone: the store's fast path
    if item is None or not item.get("delivered"):
        raise ApiError(404)
    return item


def _read_item(user_id: str, key: str) -> dict:
    """One of the user's own items, now read; the inbox counts it once (only the call that took it
    off its page's unread list)."""
    inbox = _inbox(user_id)  # an inbox of the former shape is moved into pages first
    item = _own_item(user_id, key)
    number = item.get("page")
    if number is None:  # moved from the former shape: its page is found by reading them, newest first
        number = next((n for n in range(inbox.get("last_page", 0), -1, -1)
                       if item["_id"] in (_pages().find_one({"_id": _page_id(user_id, n)}, {"items": 1}) or {})
                       .get("items", ())), 0)
    taken = _pages().update_one({"_id": _page_id(user_id, number)}, {"$pull": {"unread": item["_id"]}})
    if taken.modified_count == 1:
        _inboxes().update_one({"_id": user_id}, {"$inc": {"unread_count": -1}})
    return item


def mark_read(user_id: str, key: str, lang: str) -> dict:
    """Marks one of the user's own items read (the id names an item of the caller's inbox only)."""
    return shown(_read_item(user_id, key), False, lang)


def open_link(user_id: str, key: str) -> str:
    """Marks the item read and gives the address it opens."""
    return _read_item(user_id, key)["link"]


def mark_all_read(user_id: str) -> int:
    """Every page with unread items emptied of them, then the counter set to nought."""
    for number in _inbox(user_id).get("unread_pages") or ():
        _pages().update_one({"_id": _page_id(user_id, number)}, {"$set": {"unread": []}})
    _inboxes().update_one({"_id": user_id}, {"$set": {"unread_count": 0, "unread_pages": []}})
    return 0

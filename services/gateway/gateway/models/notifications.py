"""Notifications: each user's inbox, its items, the index that finds recipients, the mail queue.

Shaped for a store that filters fast only by ``_id`` (FerretDB over SQLite, INFRA.md): every read
on a hot path is one document by ``_id`` — the header's counter reads the user's ``Inbox``, a
notification request reads a few ``RecipientIndex`` entries and then each user — and lists are
kept inside documents (``InboxPage.items``, ``MailQueue.ids``) with ``$addToSet``/``$pull``."""
from __future__ import annotations

from mongoengine import BooleanField, DateTimeField, DictField, Document, IntField, ListField, StringField


class NotificationItem(Document):
    """One notification in one user's inbox; ``_id`` is ``<user id>|<digest of the dedupe key>``, so the
    same request delivered twice is one item. ``delivered`` turns true once the item is in the inbox
    (and queued for mail), so a redelivery finishes what a crash interrupted and repeats nothing.
    ``mail`` follows its e-mail: ``state`` none | pending | sent | failed, ``attempts``, ``next_try_at``,
    ``last_error``, ``sent_at``. ``page`` is given before the item is filed, so a redelivery files it
    in the same page."""

    meta = {"collection": "notification_items", "indexes": [("user_id", "-created_at")]}
    id = StringField(primary_key=True)
    user_id = StringField(required=True)
    kind = StringField(required=True)
    params = DictField()
    link = StringField(required=True)
    created_at = DateTimeField(required=True)
    producer = StringField(required=True)
    event_id = StringField(required=True)
    delivered = BooleanField(default=False)
    mail = DictField()
    page = IntField(null=True)  # the page of the inbox it is filed in (``InboxPage``)


class Inbox(Document):
    """A user's inbox (``_id`` = user id): how many items it holds, how many are unread, the page
    items now go to and the pages holding unread items. The header reads only this small document.
    (Inboxes written before pages hold ``items`` and ``unread`` lists instead: moved into pages on
    first use, ``handlers/inbox.py``.)"""

    meta = {"collection": "notification_inboxes"}
    id = StringField(primary_key=True)
    count = IntField(default=0)
    unread_count = IntField(default=0)
    last_page = IntField(default=0)
    unread_pages = ListField(IntField())


class InboxPage(Document):
    """Up to about ``PAGE_SIZE`` item ids of one inbox in arrival order (``_id`` = ``<user id>|<n>``),
    and the unread ones among them. An inbox grows by pages, so a delivery or a read rewrites one
    small document: a single list per user made both grow with every notification ever received."""

    meta = {"collection": "notification_inbox_pages"}
    id = StringField(primary_key=True)
    items = ListField(StringField())
    unread = ListField(StringField())


class RecipientIndex(Document):
    """Active users per way a notification names them (``_id``): ``cadre|<cadre id>``,
    ``unit|<unit id>|<role>``, ``role|<province-wide role>``; ``built`` marks a complete index.
    Kept by the account handlers; a candidate is checked against the user itself before delivery."""

    meta = {"collection": "notification_recipients"}
    id = StringField(primary_key=True)
    user_ids = ListField(StringField())


class MailQueue(Document):
    """Item ids whose e-mail is still to send (``_id`` "pending") or was given up (``_id`` "failed")."""

    meta = {"collection": "notification_mail_queue"}
    id = StringField(primary_key=True)
    ids = ListField(StringField())

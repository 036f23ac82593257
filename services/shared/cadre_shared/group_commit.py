"""Group commit within one worker process: the items that arrive together are written together by
the first request thread to reach the store while the others wait for it, and each request gets its
own item's result (or the batch's error) — the round trips per write drop to those of one batch.
Used by the audit trail (records chained in order) and by the kiosk answers (carriers, then answers)."""
from __future__ import annotations

import threading
from typing import Callable, Generic, TypeVar

Item = TypeVar("Item")


class GroupCommit(Generic[Item]):
    def __init__(self, commit: Callable[[list[Item]], list]):
        """``commit`` writes a batch and returns one result per item, in order; what it raises reaches
        every request of the batch."""
        self._commit = commit
        self._queue_lock = threading.Lock()  # guards _queued
        self._commit_lock = threading.Lock()  # one batch at a time per worker
        self._queued: list[_Ticket] = []

    def submit(self, item: Item):
        """Write ``item`` with whatever else is waiting; its result once it is written."""
        ticket = _Ticket(item)
        with self._queue_lock:
            self._queued.append(ticket)
        with self._commit_lock:
            if not ticket.done:  # nobody wrote it while this thread waited: write everything queued
                with self._queue_lock:
                    batch, self._queued = self._queued, []
                try:
                    results = self._commit([t.item for t in batch])
                except Exception as exc:  # noqa: BLE001 — every waiting request learns of the failure
                    for t in batch:
                        t.error, t.done = exc, True
                else:
                    for t, result in zip(batch, results):
                        t.result, t.done = result, True
        if ticket.error is not None:
            raise ticket.error
        return ticket.result


class _Ticket:
    __slots__ = ("item", "result", "error", "done")

    def __init__(self, item):
        self.item, self.result, self.error, self.done = item, None, None, False

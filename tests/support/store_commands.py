"""What a client sends the store, for tests that check how a read or write names its documents:
on FerretDB any filter other than an ``_id`` equality reads and decodes the whole collection."""
from __future__ import annotations

from pymongo import monitoring

FILTERS = {"find": lambda body: [body.get("filter")], "findAndModify": lambda body: [body.get("query")],
           "update": lambda body: [u["q"] for u in body.get("updates", [])],
           "delete": lambda body: [d["q"] for d in body.get("deletes", [])], "insert": lambda body: []}


class StoreCommands(monitoring.CommandListener):
    """Records ``(command name, [its filters])`` of the commands named in ``names`` (default: reads,
    writes and deletes); pass it to ``MongoClient(..., event_listeners=[...])``."""

    def __init__(self, names=tuple(FILTERS)):
        self.names, self.seen = tuple(names), []

    def started(self, event):
        if event.command_name in self.names:
            self.seen.append((event.command_name, FILTERS[event.command_name](event.command)))

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass

    def filters(self) -> list:
        """Every filter sent since the last ``clear``, in order (an insert has none)."""
        return [f for _name, found in self.seen for f in found]

    def clear(self) -> None:
        self.seen.clear()

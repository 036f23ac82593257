"""The registry's read model, kept by the registry itself from its own writes and events
(``domain/roster.py`` has the rows' form): one roster per unit, and the index telling readers
which rosters changed. Read by ``_id`` only; no query ever filters them by anything else."""
from __future__ import annotations

from mongoengine import DictField, Document, StringField


class Roster(Document):
    """Danh sách cán bộ của một đơn vị: ``_id`` is the unit's id, ``rows`` maps each cadre id
    to the stored row (``"<stamp>|<json>"``), written with ``$max`` (an older row never wins)."""
    meta = {"collection": "rosters"}
    id = StringField(primary_key=True)
    rows = DictField()


class RosterIndex(Document):
    """The one document ``_id: "province"``: per unit id a counter moved after every change of that
    unit's roster, so each reader re-reads only the rosters that changed; ``epoch`` changes when
    the rosters are rebuilt (readers then forget everything they hold)."""
    meta = {"collection": "roster_index"}
    id = StringField(primary_key=True)
    epoch = StringField()
    units = DictField()


INDEX_ID = "province"
ROW_SEALED_AS = "roster.row"  # a row's body is sealed (cadre_shared.sealing), authenticated as this

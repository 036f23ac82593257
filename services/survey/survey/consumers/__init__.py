"""Named consumers of the survey service: name → topic(s), handler (dead letters go to <topic>.dlt)."""
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.read_copy import UNIT_FIELDS, UnitCopy, snapshot_handler

from ..models.read_copies import CADRE_FIELDS, CadreCopy

CONSUMERS: dict[str, ConsumerSpec] = {
    "cadre-copies": ConsumerSpec("cadre-copies", ["evaluation.cadres.v1"],
                                 snapshot_handler(CadreCopy, "cadre_id", CADRE_FIELDS)),
    "unit-copies": ConsumerSpec("unit-copies", ["evaluation.units.v1"],
                                snapshot_handler(UnitCopy, "unit_id", UNIT_FIELDS)),
}

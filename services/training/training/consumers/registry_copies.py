"""Consumers keeping the training service's copies of positions and of cadres' gap analyses."""
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.read_copy import snapshot_handler, upsert_if_newer

from ..models.read_copies import POSITION_FIELDS, CadreGapsCopy, PositionCopy


def keep_gaps(event: dict) -> None:
    """Store a cadre's gap list unless a newer one (higher gaps version) is already there."""
    p = event["payload"]
    upsert_if_newer(CadreGapsCopy._get_collection(), p["cadre_id"], p["gaps_version"],
                    {"unit_id": p["unit_id"], "position_id": p["position_id"],
                     "position_version": p["position_version"], "gaps": p["gaps"]})


POSITION_COPIES = ConsumerSpec("position-copies", ["evaluation.positions.v1"],
                               snapshot_handler(PositionCopy, "position_id", POSITION_FIELDS),
                               event_types={"position.versioned"})
GAP_COPIES = ConsumerSpec("cadre-gaps", ["evaluation.gaps.v1"], keep_gaps, event_types={"cadre.gaps.changed"})

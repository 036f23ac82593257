"""Province settings of the appraisal (data, not code): the excellent ratio of the quota
(Decree 335: at most 20 % of those rated good), the service's configured default until the
province sets one."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from cadre_shared.auth import Principal

from ...common import settings as service_settings
from ...common.ids import utcnow
from ..models.settings import AppraisalSetting

CLASSIFICATION = "classification"


def excellent_ratio() -> Fraction:
    doc = AppraisalSetting._get_collection().find_one({"_id": CLASSIFICATION})
    return Fraction(doc["excellent_ratio"]) if doc else service_settings.excellent_ratio()


def classification_view() -> dict:
    doc = AppraisalSetting._get_collection().find_one({"_id": CLASSIFICATION}) or {}
    ratio = excellent_ratio()
    return {"excellent_ratio": float(ratio), "stored": bool(doc), "updated_by": doc.get("updated_by"),
            "updated_at": doc.get("updated_at")}


def put_classification(principal: Principal, data: dict) -> dict:
    """Applies to periods closed from now on (a closed period keeps the ratio it was classified with)."""
    ratio = format(Decimal(str(data["excellent_ratio"])), "f")
    AppraisalSetting._get_collection().update_one(
        {"_id": CLASSIFICATION}, {"$set": {"excellent_ratio": ratio, "updated_by": principal.username,
                                           "updated_at": utcnow()}}, upsert=True)
    return classification_view()

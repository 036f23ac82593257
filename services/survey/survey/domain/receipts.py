"""The signed link printed as a QR code on a citizen's receipt names one official and one
dossier; an answer sent with it may not name anyone or anything else."""
from __future__ import annotations

from .responses import normalize_dossier_code

MISMATCH = "Không khớp với phiếu hẹn trả kết quả / does not match the receipt"


def receipt_mismatches(claims: dict, cadre_id: str, dossier_code: str) -> dict:
    """Field messages where the answer differs from what the receipt link was signed for."""
    errors = {}
    if claims.get("cadre_id") != cadre_id:
        errors["cadre_id"] = [MISMATCH]
    if normalize_dossier_code(claims.get("dossier_code", "")) != normalize_dossier_code(dossier_code):
        errors["dossier_code"] = [MISMATCH]
    return errors

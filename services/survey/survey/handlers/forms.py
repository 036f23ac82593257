"""Survey form versions: which one an answer used, and creating a new version."""
from __future__ import annotations

import time

from flask import current_app
from mongoengine.errors import NotUniqueError

from cadre_shared.errors import ApiError

from ..domain.forms import DEFAULT_FORM_CODE, next_version
from ..models.forms import SurveyForm, form_id

CURRENT_TTL_SECONDS = 5.0  # a new version becomes every worker's current one within this time


def _cache() -> dict:
    """Per app (so per store): stored versions never change, so they are kept; the current
    version of each form code is kept for a few seconds."""
    return current_app.extensions.setdefault("survey_forms", {"by_id": {}, "current": {}})


def form_version(code: str, version: int) -> SurveyForm | None:
    key = form_id(code, version)
    by_id = _cache()["by_id"]
    if key not in by_id:
        form = SurveyForm.objects(id=key).first()
        if form is None:
            return None
        by_id[key] = form
    return by_id[key]


def current_form(code: str = DEFAULT_FORM_CODE) -> SurveyForm:
    """The newest version of a form (read again at most every few seconds per worker: every
    kiosk answer that does not name its version asks for it)."""
    current = _cache()["current"]
    cached = current.get(code)
    if cached is not None and time.monotonic() - cached[0] < CURRENT_TTL_SECONDS:
        return cached[1]
    form = SurveyForm.latest(code)
    if form is None:
        SurveyForm.ensure_default()
        form = SurveyForm.latest(code)
    current[code] = (time.monotonic(), form)
    return form


def answered_form(version: int | None, code: str = DEFAULT_FORM_CODE) -> SurveyForm:
    """The form version an answer was given on (the current one when the device did not say)."""
    if version is None:
        return current_form(code)
    form = form_version(code, version)
    if form is None:
        raise ApiError(422, fields={"form_version": ["Không có phiên bản phiếu này / unknown form version"]})
    return form


def form_versions() -> list[SurveyForm]:
    """Every version of every form, newest first within a code (the default form exists from the first call)."""
    current_form()
    return list(SurveyForm.objects.order_by("code", "-version"))


def new_version(data: dict, created_by: str) -> SurveyForm:
    """The next version of a form; answers already given keep the version they were given on."""
    keys = [item["key"] for item in data["indicators"]]
    if len(set(keys)) != len(keys):
        raise ApiError(422, fields={"indicators": ["Khoá tiêu chí bị trùng / duplicate indicator key"]})
    code = data.get("code") or DEFAULT_FORM_CODE
    versions = [f.version for f in SurveyForm.objects(code=code).only("version")]
    version = next_version(versions)
    form = SurveyForm(id=form_id(code, version), code=code, version=version, created_by=created_by,
                      **{k: v for k, v in data.items() if k != "code"})
    try:
        form.save(force_insert=True)
    except NotUniqueError:
        raise ApiError(409, "Phiên bản vừa được tạo đồng thời, hãy thử lại / created concurrently, retry",
                       code="conflict") from None
    _cache()["current"].pop(code, None)
    return form

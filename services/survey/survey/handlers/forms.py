"""Survey form versions: which one an answer used, and creating a new version."""
from __future__ import annotations

from cadre_shared.errors import ApiError

from ..domain.forms import DEFAULT_FORM_CODE, next_version
from ..models.forms import SurveyForm, form_id

_by_id: dict[str, SurveyForm] = {}  # versions never change once stored, so they may be cached


def form_version(code: str, version: int) -> SurveyForm | None:
    key = form_id(code, version)
    if key not in _by_id:
        form = SurveyForm.objects(id=key).first()
        if form is None:
            return None
        _by_id[key] = form
    return _by_id[key]


def current_form(code: str = DEFAULT_FORM_CODE) -> SurveyForm:
    form = SurveyForm.latest(code)
    if form is None:
        SurveyForm.ensure_default()
        form = SurveyForm.latest(code)
    return form


def answered_form(version: int | None, code: str = DEFAULT_FORM_CODE) -> SurveyForm:
    """The form version an answer was given on (the current one when the device did not say)."""
    if version is None:
        return current_form(code)
    form = form_version(code, version)
    if form is None:
        raise ApiError(422, fields={"form_version": ["Không có phiên bản phiếu này / unknown form version"]})
    return form


def new_version(data: dict, created_by: str) -> SurveyForm:
    code = data.get("code") or DEFAULT_FORM_CODE
    versions = [f.version for f in SurveyForm.objects(code=code).only("version")]
    version = next_version(versions)
    form = SurveyForm(id=form_id(code, version), code=code, version=version, created_by=created_by,
                      **{k: v for k, v in data.items() if k != "code"})
    form.save(force_insert=True)
    return form

"""/vote: a delegate rates each official of a confidence vote with a one-time code from their paper
ballot (typed, or opened from its QR code), on a phone or the counter tablet, without signing in."""
from __future__ import annotations

from flask import request

from ..i18n import N_
from ..i18n import gettext as _
from ..pages import blueprint as bp
from .public import page, public_call

ANSWERS = (("high", N_("Tín nhiệm cao")), ("medium", N_("Tín nhiệm")), ("low", N_("Tín nhiệm thấp")))


def _code_page(code: str = "", error: str = "", status: int = 200):
    return page("civic/vote_code.html", status, code=code, error=error)


@bp.get("/vote")
def vote():
    return _code_page(request.args.get("code", "").strip()[:40])


@bp.post("/vote")
def vote_ballot():
    code = request.form.get("code", "").strip()[:40]
    reply = public_call("POST", "/api/v1/confidence-votes/ballot-form", json={"code": code})
    if reply.status == 200:
        return page("civic/vote_ballot.html", ballot=reply.body, code=code, answers=ANSWERS, chosen={}, error="")
    return _code_page(code, reply.error_message() or _("Không mở được phiếu, vui lòng thử lại"),
                      reply.status if reply.status < 500 else 502)


@bp.post("/vote/submit")
def vote_submit():
    code, vote_id = request.form.get("code", "").strip()[:40], request.form.get("vote_id", "")[:64]
    officials = request.form.getlist("official")
    chosen = {cadre_id: request.form.get(f"answer-{cadre_id}", "") for cadre_id in officials}
    if not vote_id or any(value not in dict(ANSWERS) for value in chosen.values()):
        form = public_call("POST", "/api/v1/confidence-votes/ballot-form", json={"code": code})
        if form.status != 200:
            return _code_page(code, form.error_message(), form.status if form.status < 500 else 502)
        return page("civic/vote_ballot.html", 422, ballot=form.body, code=code, answers=ANSWERS, chosen=chosen,
                    error=_("Hãy chọn mức tín nhiệm cho từng người."))
    reply = public_call("POST", f"/api/v1/confidence-votes/{vote_id}/ballots",
                        json={"code": code, "answers": chosen})
    if reply.status == 201:
        return page("civic/vote_done.html")
    return _code_page(code, reply.error_message() or _("Không ghi nhận được phiếu, vui lòng thử lại"),
                      reply.status if reply.status < 500 else 502)

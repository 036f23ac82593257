"""The survey's daily retention purge (cadre_shared.retention): citizens' comments and decided suspect
cases go when their period ends; the answers and their counts stay. Each purge is run for the day its
data comes of age (the job judges by dates, so no stored time is forged)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from cadre_shared.clock import today
from cadre_shared.retention import days
from survey.consumers import JOBS
from survey.models import Response, SuspectCase

pytestmark = pytest.mark.integration
PURGE = JOBS["retention-purge"]


@pytest.fixture(scope="module")
def unit(survey):
    return survey.add_unit("Xã Yên Hòa")


def test_a_comment_is_removed_when_its_period_ends_and_the_answer_still_counts(survey, unit):
    cadre = survey.add_cadre(unit, "Hà Thị Lan")
    kiosk = survey.tokens.kiosk(unit, "k-retention")
    created, body = survey.answer(kiosk, cadre_id=cadre, overall="dissatisfied", comment="Phải chờ 2 tiếng")
    assert created.status_code == 201
    last_day_kept = today() + timedelta(days=days("survey_comments"))
    PURGE.run(last_day_kept)
    assert Response.objects(id=body["response_id"]).first().comment == "Phải chờ 2 tiếng"
    summary = PURGE.run(last_day_kept + timedelta(days=1))
    assert summary["comments_removed"] >= 1
    stored = Response.objects(id=body["response_id"]).first()
    assert stored.comment is None and stored.overall == "dissatisfied"
    figures = survey.client.get("/api/v1/satisfaction", query_string={"cadre_id": cadre, "period": stored.quarter},
                                headers=survey.tokens.headers("province_admin")).get_json()
    assert figures["responses"] == 1 and figures["dissatisfied"] == 1


def test_decided_suspect_cases_are_removed_after_their_period_pending_ones_are_kept(survey, unit):
    cadre = survey.add_cadre(unit, "Vi Văn Tú")
    kiosk = survey.tokens.kiosk(unit, "k-burst-retention")
    answers = [survey.answer(kiosk, cadre_id=cadre, comment="Tốt")[0].get_json() for _ in range(5)]
    held = [a["response_id"] for a in answers if a["status"] == "suspect"]
    assert len(held) == 2  # the 4th and 5th within a minute
    hr = survey.tokens.headers("unit_hr", unit_id=unit)
    assert survey.client.post(f"/api/v1/responses/{held[0]}/review", json={"decision": "reject"},
                              headers=hr).status_code == 200
    last_day_kept = today() + timedelta(days=days("suspect_cases"))
    assert PURGE.run(last_day_kept)["suspect_cases_removed"] == 0
    assert PURGE.run(last_day_kept + timedelta(days=1))["suspect_cases_removed"] == 0, "its event is not out yet"
    SuspectCase._get_collection().update_one({"_id": held[0]}, {"$set": {"outbox": [], "outbox_pending": 0}})  # as the relay leaves it
    assert PURGE.run(last_day_kept + timedelta(days=1))["suspect_cases_removed"] == 1
    assert SuspectCase.objects(id=held[0]).first() is None
    pending = SuspectCase.objects(id=held[1]).first()
    assert pending is not None and pending.status == "pending" and pending.comment is None

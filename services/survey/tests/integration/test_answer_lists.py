"""HR's listing of citizens' answers (``GET /api/v1/responses``) on the real store, read from the lists kept
by ``_id`` (handlers.answer_lists, filed by the ``answer-lists`` consumer from the answers' events): by cadre, by unit and province-wide, after single answers, answers that
arrived together (the group commit), a suspect one reviewed and the retention purge — and every read of the
listing names one document by ``_id`` (FerretDB reads a whole collection for any other filter)."""
from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from cadre_shared import db as db_module
from cadre_shared.clock import today
from cadre_shared.retention import days
from support.store_commands import StoreCommands
from survey.consumers import JOBS
from survey.domain.periods import periods_of
from survey.handlers import answer_lists
from survey.models import AnswerList, AnswerListPart

pytestmark = pytest.mark.integration
QUARTER, MONTH = periods_of(datetime.now(timezone.utc))


@pytest.fixture(scope="module")
def place(survey):
    unit, other = survey.add_unit("Phường Đông Ngàn"), survey.add_unit("Xã Tam Sơn")
    return {"unit": unit, "other": other, "lan": survey.add_cadre(unit, "Nguyễn Thị Lan"),
            "minh": survey.add_cadre(unit, "Trần Văn Minh"), "hoa": survey.add_cadre(other, "Phạm Thị Hòa")}


def minutes_ago(n: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(minutes=n)).isoformat()


def listing(survey, role="province_admin", claims=None, **params) -> dict:
    res = survey.client.get("/api/v1/responses", query_string=params,
                            headers=survey.tokens.headers(role, **(claims or {})))
    assert res.status_code == 200, res.get_json()
    return res.get_json()


class Reads:
    """The store commands this thread sends while inside: every command's name and collection, and the filters
    of those ``StoreCommands`` knows (the app's client is made by ``cadre_shared.db``, whose command counter
    is the listener tapped here; pymongo calls listeners in the sending thread)."""

    def __init__(self, monkeypatch):
        self.store, self.sent, self._on = StoreCommands(), [], False
        started, thread = db_module._CommandCounter.started, threading.get_ident()

        def recording(counter, event):
            if self._on and threading.get_ident() == thread:
                self.sent.append((event.command_name, event.command.get(event.command_name)))
                self.store.started(event)
            return started(counter, event)

        monkeypatch.setattr(db_module._CommandCounter, "started", recording)

    def __enter__(self):
        self.sent.clear()
        self.store.clear()
        self._on = True
        return self

    def __exit__(self, *exc):
        self._on = False


@pytest.fixture(scope="module")
def answered(survey, place):
    """Single answers, four arriving together from threads (the group commit), a burst held as suspect
    with one of it reviewed (each with its status as the listing must give it)."""
    kiosk, other_kiosk = survey.tokens.kiosk(place["unit"], "k-lists"), survey.tokens.kiosk(place["other"], "k-lists-2")
    given = []

    def keep(res, body):
        assert res.status_code == 201, res.get_json()
        given.append({**body, "status": res.get_json()["status"]})

    for n, (cadre, level, comment) in enumerate([("lan", "satisfied", "Nhanh gọn"), ("minh", "dissatisfied", None),
                                                  ("lan", "very_satisfied", None), ("minh", "satisfied", "Tận tình")]):
        keep(*survey.answer(kiosk, cadre_id=place[cadre], overall=level, comment=comment,
                            answered_at=minutes_ago(200 - 10 * n)))
    keep(*survey.answer(other_kiosk, cadre_id=place["hoa"], overall="dissatisfied", comment="Chờ lâu",
                        answered_at=minutes_ago(150)))
    together = [{"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{uuid.uuid4().hex[:10]}",
                 "cadre_id": place["minh"], "overall": "satisfied", "comment": f"Lần {n}",
                 "answered_at": minutes_ago(120 - n)} for n in range(4)]

    def post(body):
        with survey.service.app.test_client() as client:
            return client.post("/api/v1/kiosk/responses", json=body, headers=kiosk), body

    with ThreadPoolExecutor(len(together)) as pool:
        for res, body in list(pool.map(post, together)):
            keep(res, body)
    for _ in range(5):  # within a minute: the 4th and 5th are held as suspect
        keep(*survey.answer(kiosk, cadre_id=place["lan"], overall="very_satisfied", comment="Rất tốt"))
    held = [g["response_id"] for g in given if g["status"] == "suspect"]
    assert len(held) == 2
    hr = survey.tokens.headers("unit_hr", unit_id=place["unit"])
    assert survey.client.post(f"/api/v1/responses/{held[0]}/review", json={"decision": "reject"},
                              headers=hr).status_code == 200
    survey.deliver_answers()  # the answer-lists consumer files them from their events
    statuses = {held[0]: "rejected", held[1]: "suspect"}
    for g in given:
        g["status"] = statuses.get(g["response_id"], "counted")
        g["cadre"] = next(name for name in ("lan", "minh", "hoa") if place[name] == g["cadre_id"])
    return given


def ids(page: dict) -> list[str]:
    return [item["response_id"] for item in page["items"]]


def test_listed_by_cadre_unit_and_province_newest_first_with_statuses(survey, place, answered):
    by_time = {item["response_id"]: item for item in listing(survey, per_page=200)["items"]}
    assert set(by_time) == {g["response_id"] for g in answered}
    newest_first = sorted(answered, key=lambda g: (by_time[g["response_id"]]["answered_at"], g["response_id"]),
                          reverse=True)  # (answers given in the same millisecond: by id)

    def expected(keep):
        return [g["response_id"] for g in newest_first if keep(g)]

    everything = listing(survey, per_page=200)
    assert everything["total"] == len(answered) and ids(everything) == expected(lambda g: True)
    assert {item["response_id"]: item["status"] for item in everything["items"]} == {
        g["response_id"]: g["status"] for g in answered}
    lan = listing(survey, cadre_id=place["lan"], period=QUARTER)
    assert ids(lan) == expected(lambda g: g["cadre"] == "lan") and lan["total"] == 7
    assert {item["cadre_name"] for item in lan["items"]} == {"Nguyễn Thị Lan"}
    hr = {"role": "unit_hr", "claims": {"unit_id": place["unit"]}}
    in_unit = listing(survey, **hr, period=QUARTER, with_comment="true", per_page=3, page=2)
    commented = expected(lambda g: g["cadre"] != "hoa" and g.get("comment"))
    assert in_unit["total"] == len(commented) and ids(in_unit) == commented[3:6]
    assert ids(listing(survey, unit_id=place["other"], period=MONTH)) == expected(lambda g: g["cadre"] == "hoa")
    unhappy = listing(survey, period=QUARTER, overall="dissatisfied")
    assert ids(unhappy) == expected(lambda g: g["overall"] == "dissatisfied") and unhappy["total"] == 2
    assert listing(survey, cadre_id=place["lan"], unit_id=place["unit"])["total"] == 7
    assert listing(survey, period="2020-Q1")["total"] == 0


def test_every_read_of_the_listing_names_one_document_by_id(survey, place, answered, monkeypatch):
    reads = Reads(monkeypatch)
    asked = [{"cadre_id": place["minh"], "period": QUARTER, "with_comment": "true"},
             {"unit_id": place["unit"], "period": MONTH, "overall": "satisfied", "page": 2, "per_page": 2},
             {"period": QUARTER, "with_comment": "true"}, {}, {"cadre_id": place["lan"], "unit_id": place["unit"]}]
    for params in asked:
        with reads:
            page = listing(survey, **params)
        assert page["items"], params
        assert {name for name, _collection in reads.sent} == {"find"}, (params, reads.sent)
        assert all(set(flt) == {"_id"} and isinstance(flt["_id"], str) for flt in reads.store.filters()), (
            params, reads.store.filters())
        read_collections = {collection for _name, collection in reads.sent}
        assert {"responses", "answer_lists"} <= read_collections


def test_a_removed_comment_leaves_the_comments_listing_and_a_rebuild_files_the_same(survey, place, answered):
    hoa = listing(survey, cadre_id=place["hoa"], with_comment="true")
    assert hoa["total"] == 1 and hoa["items"][0]["comment"] == "Chờ lâu"
    lists = (list(AnswerList._get_collection().find()), list(AnswerListPart._get_collection().find()))
    AnswerList._get_collection().delete_many({})
    AnswerListPart._get_collection().delete_many({})
    assert listing(survey)["total"] == 0
    assert answer_lists.rebuild(lambda line: None) == len(answered)
    rebuilt = (list(AnswerList._get_collection().find()), list(AnswerListPart._get_collection().find()))
    assert [sorted(docs, key=lambda d: d["_id"]) for docs in rebuilt] == [sorted(docs, key=lambda d: d["_id"])
                                                                          for docs in lists]

    JOBS["retention-purge"].run(today() + timedelta(days=days("survey_comments") + 1))
    assert listing(survey, cadre_id=place["hoa"], with_comment="true")["total"] == 0
    assert listing(survey, with_comment="true")["total"] == 0
    everything = listing(survey, per_page=200)
    assert everything["total"] == len(answered) and all(item["comment"] is None for item in everything["items"])

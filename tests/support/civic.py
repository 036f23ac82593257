"""Succession plans, confidence votes and citizens' reports on the running platform, as the tests
drive them through the public API: a plan for a term, key-title positions, waiting until the survey
service knows a unit's officials (it learns them from events), casting ballots, filing reports."""
from __future__ import annotations

import requests

from support.platform import eventually
from support.world import World, unique


def plan_for(world: World, term: str) -> str:
    """The id of the plan of ``term`` (opened now, or by an earlier test of the session)."""
    res = world.admin.post(world.base + "/succession/plans", json={"term": term}, timeout=30)
    if res.status_code == 201:
        return res.json()["id"]
    assert res.status_code == 409, res.text
    listed = world.admin.get(world.base + "/succession/plans", timeout=30).json()
    return next(p["id"] for p in listed if p["term"] == term)


def key_title(world: World, key: str, title: str, **standard) -> str:
    """A position HR marks as a key title (``key``: pc_chairman, party_secretary…)."""
    return world.created("/positions", {"code": unique("KT"), "title": title, "task_group": "Lãnh đạo chủ chốt",
                                        "is_leader": True, "key_title": key, "standard": standard})["id"]


def officials_known(base: str, unit_id: str, cadre_ids: list[str], timeout: float = 60) -> None:
    """Until the survey service lists these cadres among the unit's officials (public endpoint)."""
    def listed():
        res = requests.get(f"{base}/api/v1/reports/officials", params={"unit_id": unit_id}, timeout=30)
        return res.status_code == 200 and set(cadre_ids) <= {o["cadre_id"] for o in res.json()}
    eventually(listed, timeout=timeout, message="the survey service knows the unit's officials")


def cast(base: str, vote: dict, code: str, answers: dict, **kwargs) -> requests.Response:
    """One ballot, without signing in."""
    return requests.post(f"{base}/api/v1/confidence-votes/{vote['id']}/ballots",
                         json={"code": code, "answers": answers}, timeout=30, **kwargs)


def file_report(base: str, cadre_id: str, headers: dict | None = None, **fields) -> requests.Response:
    """A citizen's report about ``cadre_id``, without signing in."""
    body = {"cadre_id": cadre_id, "what": "Cán bộ quát nạt, yêu cầu nộp thêm tiền ngoài phí niêm yết.", **fields}
    return requests.post(f"{base}/api/v1/reports", json=body, headers=headers, timeout=30)

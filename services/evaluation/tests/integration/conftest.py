"""The evaluation app on the session's real FerretDB (one database per test module), called
through Flask's test client with access tokens signed like the gateway's."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from evaluation import create_app
from support.in_process import InProcess, in_process


@dataclass
class Registry:
    service: InProcess

    @property
    def client(self):
        return self.service.client

    @property
    def db(self):
        return self.service.db

    def headers(self, role: str = "province_admin", **claims) -> dict:
        return self.service.headers(role, **claims)

    def call(self, method: str, path: str, role: str = "province_admin", claims: dict | None = None, **kwargs):
        return getattr(self.client, method)(path, headers=self.headers(role, **(claims or {})), **kwargs)

    def get(self, path, role="province_admin", **kw):
        return self.call("get", path, role, **kw)

    def post(self, path, role="province_admin", **kw):
        return self.call("post", path, role, **kw)

    def patch(self, path, role="province_admin", **kw):
        return self.call("patch", path, role, **kw)

    def put(self, path, role="province_admin", **kw):
        return self.call("put", path, role, **kw)

    def created(self, path, body, role="province_admin", **kw) -> dict:
        res = self.post(path, role, json=body, **kw)
        assert res.status_code == 201, res.get_data(as_text=True)
        return res.get_json()

    def events(self, collection: str, key: str | None = None) -> list[dict]:
        """Events staged in the outbox of ``collection`` (no relay runs in these tests)."""
        return self.service.outbox(collection, key)


@pytest.fixture(scope="module")
def registry(infra, tmp_path_factory):
    with in_process(create_app, infra, tmp_path_factory.mktemp("keys"), "eval") as service:
        yield Registry(service)


@pytest.fixture(scope="module")
def catalogue(registry) -> dict:
    """A small province: one province, one ward, one rural and one mountain commune; three
    competencies; a leader and a professional position with standards; a mountain appendix."""
    ids = {"province": registry.created("/api/v1/units", {"code": "TINH", "name": "Tỉnh Thử Nghiệm",
                                                         "kind": "province"})["id"]}
    for code, name, kind, area in (("P-KB", "Phường Kinh Bắc", "ward", "urban"),
                                   ("X-TD", "Xã Tiên Du", "commune", "rural"),
                                   ("X-SD", "Xã Sơn Động", "commune", "mountain")):
        ids[code] = registry.created("/api/v1/units", {"code": code, "name": name, "kind": kind, "area": area,
                                                       "parent_id": ids["province"]})["id"]
    for code, name, group in (("NL-PT-02", "Chuyển đổi số", "development"),
                              ("NL-TTCV-01", "Nắm vững pháp luật lĩnh vực phụ trách", "public_duty"),
                              ("NL-DB-01", "Dân vận vùng đồng bào dân tộc thiểu số", "political_ethics")):
        registry.created("/api/v1/competencies", {"code": code, "name": name, "group": group})
    ids["CT-UBND"] = registry.created("/api/v1/positions", {
        "code": "CT-UBND", "title": "Chủ tịch UBND", "task_group": "Lãnh đạo chủ chốt", "is_leader": True,
        "standard": {"min_education": "university", "min_political_theory": "advanced",
                     "min_digital_skill": "proficient", "required_course_categories": ["state_management"],
                     "required_competencies": [{"competency_code": "NL-PT-02", "min_level": 3}]}})["id"]
    ids["CV-TP"] = registry.created("/api/v1/positions", {
        "code": "CV-TP", "title": "Chuyên viên Tư pháp - Hộ tịch", "task_group": "Chuyên môn tổng hợp",
        "is_leader": False,
        "standard": {"min_education": "university", "min_digital_skill": "basic",
                     "required_course_categories": ["position_skills"],
                     "required_competencies": [{"competency_code": "NL-TTCV-01", "min_level": 3}]}})["id"]
    res = registry.put("/api/v1/standards/appendices/mountain", json={
        "title": "Phụ lục miền núi", "requirements": [{"competency_code": "NL-DB-01", "min_level": 3}]})
    assert res.status_code == 200, res.get_data(as_text=True)
    return ids


def _cadre_body(unit_id: str, code: str | None = None, **fields) -> dict:
    return {"code": code or f"CB{uuid.uuid4().hex[:8]}", "full_name": "Nguyễn Thị Hồng Nhung", "gender": "female",
            "birth_year": 1988, "unit_id": unit_id, "is_local": True, **fields}


@pytest.fixture
def cadre_body():
    """A valid cadre body for a unit, with any field overridden."""
    return _cadre_body

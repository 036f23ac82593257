"""The registry API on the real store: units, positions (versioned), cadres (the e-dossier),
scoping, sensitive fields, search and filters."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_create_and_read_back_unit_position_cadre(registry, catalogue, cadre_body):
    unit = registry.get(f"/api/v1/units/{catalogue['X-SD']}").get_json()
    assert (unit["code"], unit["kind"], unit["area"]) == ("X-SD", "commune", "mountain")
    position = registry.get(f"/api/v1/positions/{catalogue['CV-TP']}").get_json()
    assert position["standard"]["required_course_categories"] == ["position_skills"] and position["version"] == 1
    created = registry.created("/api/v1/cadres", cadre_body(catalogue["X-SD"], "CB-READ-1",
                                                            position_id=catalogue["CV-TP"], ethnicity="Tày"))
    read = registry.get(f"/api/v1/cadres/{created['id']}").get_json()
    assert {k: read[k] for k in ("code", "full_name", "gender", "birth_year", "unit_id", "position_id",
                                 "position_version", "is_local", "ethnicity", "status")} == {
        "code": "CB-READ-1", "full_name": "Nguyễn Thị Hồng Nhung", "gender": "female", "birth_year": 1988,
        "unit_id": catalogue["X-SD"], "position_id": catalogue["CV-TP"], "position_version": 1, "is_local": True,
        "ethnicity": "Tày", "status": "active"}
    assert read["work_history"][0]["unit_name"] == "Xã Sơn Động"
    assert [e["type"] for e in registry.events("cadres", created["id"])][0] == "cadre.registered"


def test_duplicate_cadre_code_is_409(registry, catalogue, cadre_body):
    registry.created("/api/v1/cadres", cadre_body(catalogue["P-KB"], "CB-DUP"))
    res = registry.post("/api/v1/cadres", json=cadre_body(catalogue["P-KB"], "CB-DUP"))
    assert res.status_code == 409 and res.get_json()["error"]["fields"] == {"code": ["Mã đã tồn tại / already exists"]}
    assert registry.db.cadres.count_documents({"code": "CB-DUP"}) == 1


@pytest.mark.parametrize("change,field", [
    ({"full_name": None}, "full_name"), ({"birth_year": 1800}, "birth_year"), ({"gender": "nam"}, "gender"),
    ({"education": "phd"}, "education"), ({"appointed_on": "2025-02-30"}, "appointed_on"),
    ({"appointed_on": "2025-07-01", "probation_until": "2025-06-30"}, "probation_until"),
    ({"code": "CB 01!"}, "code"), ({"extra": 1}, "extra"), ({"unit_id": {"$gt": ""}}, "unit_id"),
])
def test_invalid_cadre_is_422_naming_the_field(registry, catalogue, cadre_body, change, field):
    body = {k: v for k, v in {**cadre_body(catalogue["P-KB"]), **change}.items() if v is not None}
    res = registry.post("/api/v1/cadres", json=body)
    assert res.status_code == 422
    assert field in res.get_json()["error"]["fields"]


def test_unknown_unit_position_or_department_is_422(registry, catalogue, cadre_body):
    for change, field in (({"unit_id": "no-such-unit"}, "unit_id"), ({"position_id": "nope"}, "position_id"),
                          ({"department_code": "XYZ"}, "department_code")):
        res = registry.post("/api/v1/cadres", json={**cadre_body(catalogue["P-KB"]), **change})
        assert res.status_code == 422 and field in res.get_json()["error"]["fields"], res.get_json()


@pytest.mark.parametrize("path", ["/api/v1/units/nope", "/api/v1/positions/nope", "/api/v1/cadres/nope",
                                  "/api/v1/competencies/nope", "/api/v1/cadres/nope/gaps", "/api/v1/units/nope/gaps",
                                  "/api/v1/standards/appendices/desert"])
def test_unknown_ids_are_404(registry, catalogue, path):
    res = registry.get(path)
    assert res.status_code == 404 and res.get_json()["error"]["code"] == "not_found"


def test_communes_and_wards_get_their_departments_and_need_an_area(registry, catalogue):
    ward = registry.get(f"/api/v1/units/{catalogue['P-KB']}").get_json()
    commune = registry.get(f"/api/v1/units/{catalogue['X-TD']}").get_json()
    assert {d["code"]: d["name"] for d in ward["departments"]}["KT"] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert {d["code"]: d["name"] for d in commune["departments"]}["KT"] == "Phòng Kinh tế"
    res = registry.post("/api/v1/units", json={"code": "X-NOAREA", "name": "Xã Không Địa Bàn", "kind": "commune"})
    assert res.status_code == 422 and "area" in res.get_json()["error"]["fields"]


def test_unit_change_is_a_new_version_with_an_event(registry, catalogue):
    unit_id = registry.created("/api/v1/units", {"code": "X-DOI", "name": "Xã Đổi", "kind": "commune",
                                                 "area": "rural"})["id"]
    res = registry.patch(f"/api/v1/units/{unit_id}", json={"area": "mountain"})
    assert res.status_code == 200 and res.get_json()["version"] == 2 and res.get_json()["area"] == "mountain"
    assert [e["type"] for e in registry.events("units", unit_id)] == ["unit.registered", "unit.updated"]
    assert registry.patch(f"/api/v1/units/{unit_id}", json={"area": "mountain"}).get_json()["version"] == 2


def test_position_change_makes_a_new_version_and_older_records_keep_theirs(registry, catalogue, cadre_body):
    position_id = registry.created("/api/v1/positions", {"code": "CV-VH", "title": "Chuyên viên Văn hóa",
                                                         "task_group": "Văn hóa - Xã hội", "is_leader": False})["id"]
    cadre = registry.created("/api/v1/cadres", cadre_body(catalogue["X-TD"], position_id=position_id))
    res = registry.patch(f"/api/v1/positions/{position_id}", json={
        "standard": {"min_education": "university", "required_course_categories": ["position_skills"]},
        "note": "Chuẩn hóa theo Nghị quyết"})
    assert res.status_code == 200 and res.get_json()["version"] == 2
    v1 = registry.get(f"/api/v1/positions/{position_id}/versions/1").get_json()
    assert v1["standard"]["min_education"] is None and v1["title"] == "Chuyên viên Văn hóa"
    versions = registry.get(f"/api/v1/positions/{position_id}/versions").get_json()
    assert [(v["version"], v["note"]) for v in versions] == [(1, "Tạo mới / created"), (2, "Chuẩn hóa theo Nghị quyết")]
    history = registry.get(f"/api/v1/cadres/{cadre['id']}").get_json()["work_history"]
    assert history[0]["position_version"] == 1, "the appointment keeps the version it was made under"
    unchanged = registry.patch(f"/api/v1/positions/{position_id}", json={"title": "Chuyên viên Văn hóa"})
    assert unchanged.get_json()["version"] == 2, "no change, no new version"
    assert [e["payload"]["version"] for e in registry.events("positions", position_id)] == [1, 2]
    assert registry.get(f"/api/v1/positions/{position_id}/versions/3").status_code == 404


def test_taking_another_positions_code_on_change_is_409_and_huge_pages_are_422(registry, catalogue):
    """Found by fuzzing: the store's unique index refusing an update, and a page number past the
    store's integers, each answered 500."""
    taken = registry.created("/api/v1/positions", {"code": "CV-TAKEN", "title": "Chuyên viên Tư pháp",
                                                   "task_group": "Tư pháp", "is_leader": False})
    mine = registry.created("/api/v1/positions", {"code": "CV-MINE", "title": "Chuyên viên Địa chính",
                                                  "task_group": "Địa chính", "is_leader": False})
    res = registry.patch(f"/api/v1/positions/{mine['id']}", json={"code": taken["code"], "standard": {}})
    assert res.status_code == 409, res.get_json()
    assert registry.get(f"/api/v1/positions/{mine['id']}").get_json()["code"] == "CV-MINE"
    assert registry.get("/api/v1/cadres", query_string={"page": 2 ** 70}).status_code == 422


def test_standard_must_name_known_competencies_within_their_scale(registry, catalogue):
    res = registry.post("/api/v1/positions", json={
        "code": "BAD-STD", "title": "X", "task_group": "X", "is_leader": False,
        "standard": {"required_competencies": [{"competency_code": "NL-KHONG-CO", "min_level": 2},
                                               {"competency_code": "NL-PT-02", "min_level": 6}]}})
    fields = res.get_json()["error"]["fields"]
    assert res.status_code == 422
    assert set(fields) == {"standard.required_competencies.0.competency_code",
                           "standard.required_competencies.1.min_level"}


def test_sensitive_fields_only_for_roles_that_need_them(registry, catalogue, cadre_body):
    unit = catalogue["X-SD"]
    cadre = registry.created("/api/v1/cadres", cadre_body(unit, ethnicity="Nùng"))
    path = f"/api/v1/cadres/{cadre['id']}"
    assert registry.post(f"{path}/discipline", json={"measure": "reprimand", "decided_on": "2026-03-02",
                                                     "duty_related": True, "reason": "Chậm hồ sơ"}).status_code == 201
    full = [registry.get(path, "province_admin"), registry.get(path, "auditor"),
            registry.get(path, "unit_hr", claims={"unit_id": unit}),
            registry.get(path, "cadre", claims={"unit_id": unit, "cadre_id": cadre["id"]})]
    for res in full:
        body = res.get_json()
        assert res.status_code == 200 and body["ethnicity"] == "Nùng" and body["discipline"][0]["measure"] == "reprimand"
    peer = registry.get(path, "cadre", claims={"unit_id": unit, "cadre_id": "someone-else"})
    other_hr = registry.get(path, "unit_hr", claims={"unit_id": catalogue["P-KB"]})
    assert peer.status_code == 404 and other_hr.status_code == 404
    assert registry.get(path, "training_school").status_code == 403
    listed = registry.get(f"/api/v1/cadres?unit_id={unit}&per_page=500").get_json()
    assert listed and not any({"ethnicity", "discipline", "conclusions"} & set(row) for row in listed)


def test_unit_hr_works_only_in_their_unit(registry, catalogue, cadre_body):
    own, other = catalogue["X-TD"], catalogue["P-KB"]
    hr = {"unit_id": own}
    assert registry.post("/api/v1/cadres", "unit_hr", claims=hr, json=cadre_body(own)).status_code == 201
    assert registry.post("/api/v1/cadres", "unit_hr", claims=hr, json=cadre_body(other)).status_code == 404
    foreign = registry.created("/api/v1/cadres", cadre_body(other))
    assert registry.patch(f"/api/v1/cadres/{foreign['id']}", "unit_hr", claims=hr,
                          json={"education": "master"}).status_code == 404
    assert registry.post("/api/v1/units", "unit_hr", claims=hr, json={"code": "X", "name": "X", "kind": "ward",
                                                                      "area": "urban"}).status_code == 403
    listed = registry.get("/api/v1/cadres?per_page=500", "unit_hr", claims=hr).get_json()
    assert listed and {c["unit_id"] for c in listed} == {own}
    assert registry.get(f"/api/v1/cadres?unit_id={other}", "unit_hr", claims=hr).status_code == 404
    assert registry.get(f"/api/v1/units/{other}/gaps", "unit_hr", claims=hr).status_code == 404
    assert registry.get(f"/api/v1/units/{own}/gaps", "unit_hr", claims=hr).status_code == 200
    assert registry.get(f"/api/v1/units/{own}/gaps", "cadre", claims={"unit_id": own, "cadre_id": "c"}).status_code \
        == 403, "a cadre does not see their peers' gaps"


def test_search_by_name_with_or_without_diacritics_and_by_code(registry, catalogue, cadre_body):
    unit = registry.created("/api/v1/units", {"code": "X-TIM", "name": "Xã Tìm Kiếm", "kind": "commune",
                                              "area": "rural"})["id"]
    for code, name in (("TK-001", "Đặng Văn Đức"), ("TK-002", "Nguyễn Thị Hồng Nhung"),
                       ("TK-003", "Nguyễn Hồng Sơn"), ("TK-004", "Lê Thị Thu Hương")):
        registry.created("/api/v1/cadres", cadre_body(unit, code, full_name=name))

    def found(q):
        return [c["code"] for c in registry.get(f"/api/v1/cadres?unit_id={unit}&q={q}").get_json()]

    assert found("dang van duc") == found("Đặng Văn Đức") == found("DANG") == ["TK-001"]
    assert found("hong") == ["TK-002", "TK-003"] and found("Hồng nguyễn") == ["TK-002", "TK-003"]
    assert found("nhung hong") == ["TK-002"]
    assert found("tk-00") == ["TK-001", "TK-002", "TK-003", "TK-004"] and found("xyz") == []


def test_pages_carry_their_totals_in_headers(registry, catalogue, cadre_body):
    unit = registry.created("/api/v1/units", {"code": "X-TRANG", "name": "Xã Trang", "kind": "commune",
                                              "area": "rural"})["id"]
    for i in range(7):
        registry.created("/api/v1/cadres", cadre_body(unit, f"PG-{i:02d}"))
    res = registry.get(f"/api/v1/cadres?unit_id={unit}&per_page=3&page=3")
    assert [c["code"] for c in res.get_json()] == ["PG-06"]
    assert (res.headers["X-Total-Count"], res.headers["X-Page"], res.headers["X-Per-Page"],
            res.headers["X-Total-Pages"]) == ("7", "3", "3", "3")
    assert registry.get("/api/v1/cadres?per_page=501").status_code == 422
    assert registry.get("/api/v1/cadres?page=0").status_code == 422


def test_filters_by_unit_area_position_probation_locality_and_status(registry, catalogue, cadre_body):
    unit = registry.created("/api/v1/units", {"code": "P-LOC", "name": "Phường Lọc", "kind": "ward",
                                              "area": "urban"})["id"]
    a = registry.created("/api/v1/cadres", cadre_body(unit, "LOC-A", position_id=catalogue["CT-UBND"],
                                                      appointed_on="2026-01-01", probation_until="2099-12-31",
                                                      is_local=False))
    b = registry.created("/api/v1/cadres", cadre_body(unit, "LOC-B", appointed_on="2020-01-01",
                                                      probation_until="2021-01-01"))
    c = registry.created("/api/v1/cadres", cadre_body(unit, "LOC-C"))
    assert registry.post(f"/api/v1/cadres/{c['id']}/leave", json={"left_on": "2026-10-01",
                                                                   "reason": "Nghỉ hưu"}).status_code == 200

    def codes(query):
        return [x["code"] for x in registry.get(f"/api/v1/cadres?unit_id={unit}&{query}").get_json()]

    assert codes("on_probation=true") == ["LOC-A"] and codes("on_probation=false") == ["LOC-B"]
    assert codes("is_local=false") == ["LOC-A"] and codes(f"position_id={catalogue['CT-UBND']}") == ["LOC-A"]
    assert codes("is_leader=true") == ["LOC-A"]
    assert codes("status=left") == ["LOC-C"] and codes("status=all") == ["LOC-A", "LOC-B", "LOC-C"]
    assert codes("has_gaps=true") == ["LOC-A"] and codes("gap=political_theory") == ["LOC-A"]
    area = [x["code"] for x in registry.get("/api/v1/cadres?area=urban&per_page=500").get_json()]
    assert {"LOC-A", "LOC-B"} <= set(area) and not any(code.startswith("CB-READ") for code in area)
    assert registry.get(f"/api/v1/cadres/{a['id']}").get_json()["on_probation"] is True
    assert registry.get(f"/api/v1/cadres/{b['id']}").get_json()["on_probation"] is False


def test_move_keeps_the_work_history_and_publishes_a_move(registry, catalogue, cadre_body):
    cadre = registry.created("/api/v1/cadres", cadre_body(catalogue["X-TD"], position_id=catalogue["CV-TP"],
                                                          appointed_on="2021-03-01"))
    path = f"/api/v1/cadres/{cadre['id']}"
    res = registry.post(f"{path}/moves", json={"unit_id": catalogue["X-SD"], "position_id": catalogue["CT-UBND"],
                                               "kind": "rotation", "effective_on": "2026-07-01",
                                               "probation_until": "2027-06-30", "note": "Luân chuyển về xã miền núi"})
    body = res.get_json()
    assert res.status_code == 200 and body["unit_id"] == catalogue["X-SD"] and body["is_leader"] is True
    assert [(h["unit_name"], h["from_date"], h["to_date"], h["kind"]) for h in body["work_history"]] == [
        ("Xã Tiên Du", "2021-03-01", "2026-07-01", "appointment"), ("Xã Sơn Động", "2026-07-01", None, "rotation")]
    assert [e["type"] for e in registry.events("cadres", cadre["id"]) if e["type"].startswith("cadre.m")] == \
        ["cadre.moved"]
    early = registry.post(f"{path}/moves", json={"unit_id": catalogue["P-KB"], "kind": "transfer",
                                                 "effective_on": "2026-01-01"})
    assert early.status_code == 422 and "effective_on" in early.get_json()["error"]["fields"]
    assert registry.post(f"{path}/leave", json={"left_on": "2026-12-31", "reason": "Chuyển công tác"}).status_code == 200
    again = registry.post(f"{path}/moves", json={"unit_id": catalogue["P-KB"], "kind": "transfer",
                                                 "effective_on": "2027-01-01"})
    assert again.status_code == 409


def test_records_validate_against_the_framework(registry, catalogue, cadre_body):
    cadre = registry.created("/api/v1/cadres", cadre_body(catalogue["X-TD"]))
    path = f"/api/v1/cadres/{cadre['id']}"
    res = registry.post(f"{path}/assessments", json={"assessments": [
        {"competency_code": "NL-KHONG", "level": 2, "evidence": "x", "assessed_on": "2026-10-01"},
        {"competency_code": "NL-PT-02", "level": 7, "evidence": "x", "assessed_on": "2026-10-01"}]})
    assert res.status_code == 422
    assert set(res.get_json()["error"]["fields"]) == {"assessments.0.competency_code", "assessments.1.level"}
    assert registry.post(f"{path}/discipline", json={"measure": "fine", "decided_on": "2026-01-01",
                                                     "duty_related": True, "reason": "x"}).status_code == 422
    assert registry.post(f"{path}/conclusions", json={"type": "degradation", "concluded_on": "2026-02-01",
                                                      "duty_related": False,
                                                      "summary": "Kết luận của Ủy ban Kiểm tra"}).status_code == 201
    item = {"competency_code": "NL-PT-02", "level": 3, "evidence": "Biên bản", "assessed_on": "2026-10-01"}
    assert len(registry.post(f"{path}/assessments", json={"assessments": [item]}).get_json()) == 1
    assert registry.post(f"{path}/assessments", json={"assessments": [item]}).get_json() == [], "recorded once"
    dossier = registry.get(path).get_json()
    assert dossier["competencies"] == [{**item, "assessed_by": "province_admin.test"}]
    assert dossier["conclusions"][0]["type"] == "degradation"


def test_vocabularies_list_every_closed_list_with_labels(registry, catalogue):
    vocab = registry.get("/api/v1/standards/vocabularies", "cadre", claims={"cadre_id": "x"}).get_json()
    assert [c["code"] for c in vocab["education"]][:2] == ["upper_secondary", "vocational"]
    assert {c["code"] for c in vocab["areas"]} == {"urban", "rural", "mountain"}
    assert vocab["course_categories"][0]["label"].startswith("Lý luận chính trị")


def test_openapi_documents_the_registry(registry):
    spec = registry.client.get("/api/v1/openapi.json").get_json()
    for path in ("/api/v1/units", "/api/v1/positions/{position_id}/versions", "/api/v1/cadres/{cadre_id}/gaps",
                 "/api/v1/units/{unit_id}/gaps", "/api/v1/imports/cadres", "/api/v1/competencies"):
        assert path in spec["paths"]
    assert "X-Total-Count" in spec["paths"]["/api/v1/cadres"]["get"]["responses"]["200"]["headers"]


def test_a_store_that_does_not_answer_in_time_is_a_503_to_retry(registry, catalogue, cadre_body, monkeypatch):
    from pymongo.errors import NetworkTimeout

    from evaluation.registry.handlers import cadres

    def timing_out(*_args, **_kwargs):
        raise NetworkTimeout("127.0.0.1:27017: timed out")

    monkeypatch.setattr(cadres, "insert", timing_out)
    res = registry.post("/api/v1/cadres", json=cadre_body(catalogue["X-TD"]))
    assert res.status_code == 503 and res.headers["Retry-After"] == "2"
    assert res.get_json()["error"]["code"] == "store_busy"


def test_the_units_and_positions_lists_are_encoded_again_after_each_change(registry, catalogue):
    """The lists nearly every page asks for are kept encoded per version (common/kept_json.py): the same
    JSON as the schema gives, again after any change, and each caller's scope its own."""
    from evaluation.registry.schemas.positions import PositionOut
    from evaluation.registry.schemas.units import UnitOut

    first = registry.get("/api/v1/units")
    assert first.status_code == 200 and first.get_data() == registry.get("/api/v1/units").get_data()
    listed = first.get_json()
    assert int(first.headers["X-Total-Count"]) == len(listed) and UnitOut(many=True).load(listed) is not None
    unit_id = registry.created("/api/v1/units", {"code": "X-LIST", "name": "Xã Danh Sách", "kind": "commune",
                                                 "area": "rural"})["id"]
    after = registry.get("/api/v1/units")
    assert int(after.headers["X-Total-Count"]) == len(listed) + 1
    assert registry.patch(f"/api/v1/units/{unit_id}", json={"name": "Xã Danh Sách Mới"}).status_code == 200
    names = {u["id"]: u["name"] for u in registry.get("/api/v1/units").get_json()}
    assert names[unit_id] == "Xã Danh Sách Mới"
    hr = registry.get("/api/v1/units", "unit_hr", claims={"unit_id": unit_id})
    assert [u["id"] for u in hr.get_json()] == [unit_id] and hr.headers["X-Total-Count"] == "1"
    assert len(registry.get("/api/v1/units").get_json()) == len(listed) + 1  # the province's own, kept apart

    positions = registry.get("/api/v1/positions").get_json()
    assert PositionOut(many=True).load(positions) is not None
    position_id = registry.created("/api/v1/positions", {"code": "CV-LIST", "title": "Chuyên viên Danh sách",
                                                         "task_group": "specialist", "is_leader": False})["id"]
    assert position_id in {p["id"] for p in registry.get("/api/v1/positions").get_json()}
    assert registry.patch(f"/api/v1/positions/{position_id}", json={"title": "Chuyên viên Danh mục"}).status_code == 200
    titles = {p["id"]: p["title"] for p in registry.get("/api/v1/positions").get_json()}
    assert titles[position_id] == "Chuyên viên Danh mục"

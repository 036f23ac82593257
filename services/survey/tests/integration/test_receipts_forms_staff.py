"""What a kiosk or a phone sees (context), answers sent from a receipt's signed link, survey
form versions, and the counter roster with photos."""
from __future__ import annotations


import pytest

from cadre_shared.auth import generate_keypair

pytestmark = pytest.mark.integration
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture(scope="module")
def place(survey):
    unit = survey.add_unit("Xã Đông Hòa")
    other = survey.add_unit("Xã Tây Hòa")
    return {"unit": unit, "other": other, "an": survey.add_cadre(unit, "Trần Thị Ánh"),
            "binh": survey.add_cadre(unit, "Lê Văn Bình"), "gone": survey.add_cadre(unit, "Hồ Văn Cường", "left"),
            "stranger": survey.add_cadre(other, "Phan Thị Dung")}


def context(survey, headers):
    res = survey.client.get("/api/v1/kiosk/context", headers=headers)
    return res.status_code, res.get_json()


def test_kiosk_context_lists_the_units_active_staff_and_the_form(survey, place):
    status, body = context(survey, survey.tokens.kiosk(place["unit"]))
    assert status == 200
    assert body["unit"] == {"id": place["unit"], "name": "Xã Đông Hòa"}
    assert [s["full_name"] for s in body["staff"]] == ["Trần Thị Ánh", "Lê Văn Bình"]  # by given name
    assert body["form"]["version"] >= 1 and {i["key"] for i in body["form"]["indicators"]} >= {
        "attitude", "time", "trips", "guidance", "fees"}
    assert body["form"]["question_vi"].startswith("Ông/Bà") and body["receipt"] is None


def test_roster_and_photos_shape_what_the_kiosk_shows(survey, place):
    hr = survey.tokens.headers("unit_hr", unit_id=place["unit"])
    res = survey.client.put(f"/api/v1/surveys/units/{place['unit']}/counter-staff",
                            json={"cadre_ids": [place["binh"], place["stranger"], place["gone"]]}, headers=hr)
    assert res.status_code == 422 and set(res.get_json()["error"]["fields"]["cadre_ids"]) == {"1", "2"}
    res = survey.client.put(f"/api/v1/surveys/units/{place['unit']}/counter-staff",
                            json={"cadre_ids": [place["binh"]]}, headers=hr)
    assert res.status_code == 200 and res.get_json()["configured"] is True
    assert survey.client.put(f"/api/v1/surveys/cadres/{place['binh']}/photo", data=PNG, content_type="image/png",
                             headers=hr).status_code == 204
    assert survey.client.put(f"/api/v1/surveys/cadres/{place['binh']}/photo", data=b"GIF89a",
                             content_type="image/gif", headers=hr).status_code == 415
    assert survey.client.put(f"/api/v1/surveys/cadres/{place['stranger']}/photo", data=PNG,
                             content_type="image/png", headers=hr).status_code == 404
    kiosk = survey.tokens.kiosk(place["unit"])
    staff = context(survey, kiosk)[1]["staff"]
    assert [(s["cadre_id"], s["photo_url"] is not None) for s in staff] == [(place["binh"], True)]
    photo = survey.client.get(staff[0]["photo_url"], headers=kiosk)
    assert photo.status_code == 200 and photo.data == PNG and photo.mimetype == "image/png"
    # a kiosk of another unit cannot fetch it
    assert survey.client.get(staff[0]["photo_url"], headers=survey.tokens.kiosk(place["other"])).status_code == 404
    survey.client.put(f"/api/v1/surveys/units/{place['unit']}/counter-staff", json={"cadre_ids": []}, headers=hr)
    assert len(context(survey, kiosk)[1]["staff"]) == 2


def test_answer_from_a_receipt_link(survey, place):
    headers = survey.tokens.receipt(place["unit"], place["an"], "HS-QR-0001", procedure_code="HT-KETHON")
    status, body = context(survey, headers)
    assert status == 200 and body["receipt"] == {"cadre_id": place["an"], "full_name": "Trần Thị Ánh",
                                                 "dossier_code": "HS-QR-0001", "procedure_code": "HT-KETHON"}
    assert body["staff"] == []
    res, _ = survey.answer(headers, cadre_id=place["binh"], dossier_code="HS-QR-0001")
    assert res.status_code == 422 and "cadre_id" in res.get_json()["error"]["fields"]  # not the official named
    res, _ = survey.answer(headers, cadre_id=place["an"], dossier_code="HS-QR-9999")
    assert res.status_code == 422 and "dossier_code" in res.get_json()["error"]["fields"]
    res, body = survey.answer(headers, cadre_id=place["an"], dossier_code="hs-qr-0001", overall="dissatisfied")
    assert res.status_code == 201
    stored = survey.db.responses.find_one({"_id": body["response_id"]})
    assert stored["channel"] == "receipt" and stored["kiosk_id"] is None and stored["procedure_code"] == "HT-KETHON"
    res, _ = survey.answer(headers, cadre_id=place["an"], dossier_code="HS-QR-0001")
    assert res.status_code == 409  # one answer per dossier


def test_forged_or_missing_receipts_are_refused(survey, place, tmp_path):
    other_key, _ = generate_keypair(tmp_path)
    forged = survey.tokens.receipt(place["unit"], place["an"], "HS-QR-0002", key=other_key.read_text())
    assert context(survey, forged)[0] == 401
    expired = survey.tokens.receipt(place["unit"], place["an"], "HS-QR-0003", ttl=-10)
    assert context(survey, expired)[0] == 401
    no_receipt = {"Authorization": survey.tokens.receipt(place["unit"], place["an"], "X")["Authorization"]}
    assert context(survey, no_receipt)[0] == 401
    wrong_unit = survey.tokens.receipt(place["unit"], place["an"], "HS-QR-0004")
    wrong_unit["Authorization"] = "Bearer " + survey.tokens.token("kiosk", unit_id=place["other"])
    assert context(survey, wrong_unit)[0] == 401
    not_there = survey.tokens.receipt(place["unit"], place["stranger"], "HS-QR-0005")
    assert context(survey, not_there)[0] == 422


def test_a_new_form_version_keeps_old_answers_valid(survey, place):
    admin = survey.tokens.headers("province_admin")
    res = survey.client.post("/api/v1/surveys/forms", headers=admin, json={
        "title_vi": "Phiếu đánh giá (bản 2)", "title_en": "Rating form (v2)",
        "question_vi": "Ông/Bà đánh giá thế nào về buổi làm việc?", "question_en": "How was your visit?",
        "indicators": [{"key": "attitude", "label_vi": "Thái độ", "label_en": "Attitude"},
                       {"key": "online", "label_vi": "Hướng dẫn nộp trực tuyến", "label_en": "Online filing help"}]})
    assert res.status_code == 201, res.get_json()
    version = res.get_json()["version"]
    assert version >= 2
    kiosk = survey.tokens.kiosk(place["unit"])
    assert context(survey, kiosk)[1]["form"]["version"] == version
    ok, _ = survey.answer(kiosk, cadre_id=place["an"], indicators={"online": 4})
    assert ok.status_code == 201 and ok.get_json()["form_version"] == version
    old, _ = survey.answer(kiosk, cadre_id=place["an"], indicators={"fees": 5}, form_version=1)
    assert old.status_code == 201 and old.get_json()["form_version"] == 1
    bad, _ = survey.answer(kiosk, cadre_id=place["an"], indicators={"fees": 5})
    assert bad.status_code == 422 and "fees" in bad.get_json()["error"]["fields"]["indicators"]
    res = survey.client.post("/api/v1/surveys/forms", headers=survey.tokens.headers("unit_hr", unit_id=place["unit"]),
                             json={})
    assert res.status_code == 403
    res = survey.client.post("/api/v1/surveys/forms", headers=admin, json={"title_vi": ""})
    assert res.status_code == 422 and {"title_vi", "indicators"} <= set(res.get_json()["error"]["fields"])
    listed = survey.client.get("/api/v1/surveys/forms", headers=admin).get_json()
    assert {f["version"] for f in listed} >= {1, version}

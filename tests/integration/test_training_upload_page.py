"""The training school's upload page in the gateway web UI: sign in, send a file, read the
per-row report; other roles do not get the page."""
from __future__ import annotations

import re
import uuid

import pytest
import requests

from support.platform import eventually
from support.world import USER_PASSWORD, World

pytestmark = pytest.mark.integration
HEADER = "Mã cán bộ;Họ và tên;Mã khóa học;Khóa/Lớp;Ngày hoàn thành;Kết quả;Số giờ;Chứng chỉ hết hạn"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def web_session(stack, username: str, password: str) -> requests.Session:
    web = requests.Session()
    login = web.get(stack.url() + "/login", timeout=30)
    res = web.post(stack.url() + "/login", data={"csrf_token": CSRF.search(login.text).group(1),
                                                 "username": username, "password": password}, timeout=30)
    assert res.status_code == 200 and "/login" not in res.url, res.url
    return web


@pytest.fixture(scope="module")
def people(stack):
    reg = World(stack)
    unit = reg.unit("Xã Yên Bình")
    cadre = reg.cadre(unit["id"], "Hoàng Thị Thu Hà")
    admin = stack.session()
    eventually(lambda: admin.get(f"{stack.url()}/api/v1/training/cadres/{cadre['id']}/compliance").status_code
               == 200, timeout=60, message="the cadre's read copy in training")
    return {"cadre": cadre, "school": reg.user("training_school"), "hr": reg.user("unit_hr", unit_id=unit["id"])}


def test_school_uploads_a_file_and_reads_the_report(stack, people):
    web = web_session(stack, people["school"], USER_PASSWORD)
    page = web.get(stack.url() + "/training/uploads", timeout=30)
    assert page.status_code == 200 and "Tải lên kết quả bồi dưỡng" in page.text
    code = people["cadre"]["code"]
    content = (f"{HEADER}\n{code};Hoàng Thị Thu Hà;KN-VB;VB-{uuid.uuid4().hex[:4]};02/10/2026;Đạt;16;\n"
               f"{code};Hoàng Thị Thu Hà;KHONG-CO;K1;02/10/2026;Đạt;16;\n").encode("utf-8")
    res = web.post(stack.url() + "/training/uploads", data={"csrf_token": CSRF.search(page.text).group(1)},
                   files={"file": ("ket-qua-lop-van-ban.csv", content, "text/csv")}, timeout=60)
    assert res.status_code == 200 and "/training/uploads/" in res.url
    assert "Đã đọc 2 dòng: 1 dòng hợp lệ, 1 dòng bị từ chối." in res.text
    row = re.search(r'<table class="data" id="problems">.*?<tbody>(.*?)</tbody>', res.text, re.S).group(1)
    cells = [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells == ["3", "Mã khóa học", "KHONG-CO",
                     "Không có khóa học với mã này trong danh mục"]  # the Vietnamese half, as the page is in Vietnamese
    listing = web.get(stack.url() + "/training/uploads", timeout=30).text
    assert "ket-qua-lop-van-ban.csv" in listing

    refused = web.post(stack.url() + "/training/uploads", data={"csrf_token": CSRF.search(page.text).group(1)},
                       files={"file": ("anh.csv", b"\x89PNG\r\n", "text/csv")}, timeout=60)
    assert refused.status_code == 422 and "Tệp CSV phải mã hóa UTF-8" in refused.text


def test_the_page_is_for_uploaders_only(stack, people):
    web = web_session(stack, people["hr"], USER_PASSWORD)
    assert web.get(stack.url() + "/training/uploads", timeout=30).status_code == 403
    anonymous = requests.get(stack.url() + "/training/uploads", timeout=30)
    assert "/login" in anonymous.url

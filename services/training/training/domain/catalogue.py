"""The default course catalogue and role requirements a new installation starts with (data, not
code; the province edits both through the API afterwards)."""
from __future__ import annotations

CATEGORIES = ("political_theory", "defence_security", "state_management", "position_skills", "digital_skills")
CATEGORY_LABELS = {
    "political_theory": "Lý luận chính trị / Political theory",
    "defence_security": "Quốc phòng và an ninh / Defence and security",
    "state_management": "Quản lý nhà nước / State management",
    "position_skills": "Kiến thức, kỹ năng theo vị trí việc làm / Job-position skills",
    "digital_skills": "Khoa học, công nghệ và kỹ năng số / Science, technology and digital skills",
}
LEADERSHIP_PROGRAMME = "BD-LDCP"
DEPARTMENT_LEADER_POSITIONS = ("CVP", "TP-KT", "TP-VHXH", "GD-TTHCC", "PTP")
DEPARTMENT_LEADER_GROUP = "Lãnh đạo phòng, trung tâm"


def _course(code, title, category, hours, certificate_months=None, competencies=()):
    return {"code": code, "title": title, "category": category, "hours": float(hours),
            "certificate_months": certificate_months, "competencies": list(competencies)}


DEFAULT_COURSES = [
    _course("LLCT-SC", "Sơ cấp lý luận chính trị", "political_theory", 240),
    _course("LLCT-TC", "Trung cấp lý luận chính trị - hành chính", "political_theory", 640),
    _course("BD-NQ", "Học tập, quán triệt nghị quyết của Đảng", "political_theory", 16, competencies=["NL-CT-01"]),
    _course("QPAN-D4", "Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 4", "defence_security", 40),
    _course("QPAN-D3", "Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 3", "defence_security", 80),
    _course("QLNN-CV", "Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên", "state_management", 160,
            competencies=["NL-CV-01"]),
    _course("QLNN-CX2C", "Bồi dưỡng cán bộ, công chức cấp xã theo mô hình chính quyền địa phương hai cấp",
            "state_management", 40, competencies=["NL-CV-01", "NL-PT-04"]),
    _course(LEADERSHIP_PROGRAMME, "Bồi dưỡng lãnh đạo, quản lý cấp phòng (4 tuần)", "position_skills", 160,
            competencies=["NL-CV-04", "NL-PT-01", "NL-PT-05"]),
    _course("KN-MC", "Kỹ năng tiếp nhận, giải quyết thủ tục hành chính tại Bộ phận một cửa", "position_skills", 24,
            competencies=["NL-CV-02", "NL-CT-03"]),
    _course("KN-VB", "Kỹ năng soạn thảo văn bản hành chính", "position_skills", 16, competencies=["NL-CV-03"]),
    _course("KN-DVDT", "Công tác dân vận vùng đồng bào dân tộc thiểu số", "position_skills", 24,
            competencies=["NL-DV-01"]),
    _course("KN-NL", "Kỹ năng huy động nguồn lực và phối hợp liên ngành ở cơ sở", "position_skills", 16,
            competencies=["NL-PT-03", "NL-PT-04"]),
    _course("CDS-CB", "Kỹ năng số cơ bản cho cán bộ, công chức", "digital_skills", 24, certificate_months=36,
            competencies=["NL-PT-02"]),
    _course("CDS-DVC", "Dịch vụ công trực tuyến và chữ ký số", "digital_skills", 16, certificate_months=24,
            competencies=["NL-PT-02", "NL-CV-02"]),
    _course("ATTT", "An toàn thông tin cho người dùng", "digital_skills", 8, certificate_months=24),
]


def _requirement(code, title, *, course_code=None, category=None, due=12, repeat=None, positions=(),
                 groups=(), leaders=None):
    return {"code": code, "title": title, "course_code": course_code, "category": category,
            "due_within_months": due, "repeat_every_months": repeat, "position_codes": list(positions),
            "task_groups": list(groups), "leaders": leaders}


DEFAULT_REQUIREMENTS = [
    _requirement("YC-LDCP", "Trưởng, phó phòng: chương trình bồi dưỡng lãnh đạo cấp phòng",
                 course_code=LEADERSHIP_PROGRAMME, due=12, positions=DEPARTMENT_LEADER_POSITIONS,
                 groups=(DEPARTMENT_LEADER_GROUP,)),
    _requirement("YC-CDS", "Mọi cán bộ, công chức: kỹ năng số", category="digital_skills", due=12, repeat=36),
    _requirement("YC-QLNN", "Mọi cán bộ, công chức: kiến thức quản lý nhà nước", category="state_management",
                 due=24),
    _requirement("YC-QPAN", "Lãnh đạo: kiến thức quốc phòng và an ninh", category="defence_security", due=12,
                 repeat=60, leaders=True),
    _requirement("YC-LLCT", "Lãnh đạo: lý luận chính trị", category="political_theory", due=24, leaders=True),
]

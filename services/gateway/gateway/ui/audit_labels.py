"""Audit actions in words people read ("Tạo cán bộ / Create cadre"), the raw action kept beside."""
from __future__ import annotations

NAMED = {
    "auth.sign_in": "Đăng nhập / Sign-in",
    "auth.sign_out": "Đăng xuất / Sign-out",
    "auth.refresh": "Gia hạn phiên đăng nhập / Session refreshed",
    "auth.password_change": "Đổi mật khẩu / Password changed",
    "auth.mfa_enrolment": "Đăng ký xác thực hai lớp / Second factor set up",
    "users.create": "Tạo tài khoản / Account created",
    "users.update": "Sửa tài khoản / Account changed",
    "kiosks.create": "Đăng ký ki-ốt / Kiosk enrolled",
    "kiosks.revoke": "Thu hồi ki-ốt / Kiosk revoked",
    "settings.mail": "Đặt máy chủ thư / Mail server set",
    # the evaluation round (issue 12): writes whose last word alone would not say what happened
    "POST /api/v1/periods/{id}/classification/decisions": "Quyết định suất xuất sắc / Quota decision",
    "POST /api/v1/periods/{id}/classification/approve": "Phê duyệt, công bố xếp loại / Classification approved",
    "POST /api/v1/periods/{id}/assignments": "Điều chỉnh phân công đánh giá 360 / 360 assignment adjusted",
    "POST /api/v1/periods/{id}/reminders": "Nhắc đánh giá 360 / 360 reminder sent",
    "POST /api/v1/periods/{id}/close": "Khóa kỳ đánh giá / Evaluation period closed",
    "PUT /api/v1/settings/classification": "Đặt tỷ lệ xuất sắc tối đa / Excellent ratio set",
    "POST /api/v1/tasks/{id}/evidence": "Tải lên minh chứng / Evidence uploaded",
    "DELETE /api/v1/tasks/{id}/evidence/{id}": "Gỡ minh chứng / Evidence removed",
    "PUT /api/v1/cadres/{id}/leader-criteria": "Ghi tiêu chí đ, e của lãnh đạo / Leader criteria recorded",
    "api_keys.create": "Tạo khóa API / API key created",
    "api_keys.revoke": "Thu hồi khóa API / API key revoked",
    "receipt-links.create": "Tạo liên kết đánh giá trên phiếu hẹn / Receipt rating link issued",
    "POST /api/v1/confidence-votes/ballot-form": "Mở phiếu tín nhiệm bằng mã / Ballot opened with a code",
    "POST /api/v1/reports": "Gửi phản ánh của người dân / Citizen's report filed",
}
VERBS = {"POST": ("Tạo", "Create"), "PUT": ("Đặt", "Set"), "PATCH": ("Sửa", "Change"), "DELETE": ("Xóa", "Delete")}
NOUNS = {
    "units": ("đơn vị", "unit"), "positions": ("vị trí việc làm", "position"), "cadres": ("cán bộ", "cadre"),
    "competencies": ("năng lực", "competency"), "standards": ("tiêu chuẩn", "standard"),
    "imports": ("nhập danh sách", "import"), "periods": ("kỳ đánh giá", "evaluation period"),
    "tasks": ("nhiệm vụ", "task"), "ratings": ("đánh giá 360", "360 rating"), "kiosks": ("ki-ốt", "kiosk"),
    "kiosk": ("phiếu đánh giá của người dân", "citizen rating"), "responses": ("phiếu đánh giá", "rating"),
    "surveys": ("phiếu khảo sát", "survey form"), "courses": ("khóa học", "course"),
    "training": ("đào tạo", "training"), "users": ("tài khoản", "account"), "risk": ("cảnh báo sớm", "risk flag"),
    "receipt-links": ("liên kết đánh giá", "rating link"), "api-keys": ("khóa API", "API key"),
    "notifications": ("thông báo", "notification"),
    "succession": ("quy hoạch cán bộ", "succession plan"),
    "confidence-votes": ("cuộc lấy phiếu tín nhiệm", "confidence vote"),
    "reports": ("phản ánh của người dân", "citizen's report"),
    "settings": ("cài đặt", "settings"),
}
SUB_ACTIONS = {
    "moves": ("Luân chuyển, điều động", "Move"), "leave": ("Thôi công tác", "Leave"),
    "discipline": ("Ghi kỷ luật", "Record discipline"), "conclusions": ("Ghi kết luận", "Record conclusion"),
    "assessments": ("Ghi đánh giá năng lực", "Record assessment"),
    "work-history": ("Ghi quá trình công tác", "Record work history"), "close": ("Đóng", "Close"),
    "review": ("Xét duyệt", "Review"), "revoke": ("Thu hồi", "Revoke"), "read": ("Đánh dấu đã đọc", "Mark read"),
    "candidates": ("Thêm người vào", "Add a candidate to"), "ballots": ("Bỏ phiếu", "Ballot in"),
    "conclusion": ("Kết luận", "Conclude"), "development": ("Kế hoạch đào tạo, luân chuyển trong", "Development in"),
}


def describe(action: str) -> str:
    """Vietnamese / English words for an audit action; the action itself when it is not known."""
    if action in NAMED:
        return NAMED[action]
    method, _, path = action.partition(" ")
    parts = path.removeprefix("/api/v1/").split("/")
    if method not in VERBS or not parts or parts[0] not in NOUNS:
        return action
    noun_vi, noun_en = NOUNS[parts[0]]
    if len(parts) >= 3 and parts[-2] == "{id}" and parts[-1] in SUB_ACTIONS:
        verb_vi, verb_en = SUB_ACTIONS[parts[-1]]
    else:
        verb_vi, verb_en = VERBS[method]
    return f"{verb_vi} {noun_vi} / {verb_en} {noun_en}"

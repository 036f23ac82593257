"""English for the Vietnamese texts of the citizen-satisfaction pages (merged into the UI catalogue)."""

SATISFACTION_ENGLISH: dict[str, str] = {
    "Chưa có góp ý nào.": "No comments yet.",
    "Chưa có lượt đánh giá nào trong kỳ này.": "No answers in this period yet.",
    "Chưa tính (nghi vấn)": "Not counted (suspect)",
    "Chưa đủ": "Not enough",
    "Chưa đủ số lượt đánh giá (cần ít nhất 5)": "Not enough responses (at least 5 needed)",
    "Chờ xác minh": "Awaiting review",
    "Góp ý": "Comment",
    "Góp ý của người dân": "Citizens' comments",
    "Hài lòng": "Satisfied",
    "Hài lòng của người dân": "Citizen satisfaction",
    "Không có lượt đánh giá nào ở trạng thái này.": "No answers in this state.",
    "Không hài lòng": "Dissatisfied",
    "Kỳ": "Period",
    "Mức độ": "Level",
    "Mức độ hài lòng của người dân với cán bộ": "Citizens' satisfaction with this official",
    "Nhiều lượt đánh giá liên tiếp từ một ki-ốt được giữ lại, chưa tính vào chỉ số, cho đến khi được xác minh. "
    "Mỗi quyết định được ghi nhật ký.":
        "Bursts of answers from one kiosk are held out of the figures until someone reviews them. "
        "Every decision is recorded in the audit trail.",
    "Phân bố mức độ hài lòng": "Distribution of satisfaction levels",
    "Phân bố mức độ hài lòng — {name}": "Distribution of satisfaction levels — {name}",
    "Phân bố mức độ hài lòng — {unit}": "Distribution of satisfaction levels — {unit}",
    "Quý {q}/{y}": "Quarter {q}/{y}",
    "Rất hài lòng": "Very satisfied",
    "Số lượt đánh giá": "Responses",
    "Theo cán bộ": "By official",
    "Tháng {m}/{y}": "Month {m}/{y}",
    "Tính vào chỉ số": "Count it",
    "Tỷ lệ hài lòng": "Satisfaction rate",
    "Tỷ lệ hài lòng qua các kỳ": "Satisfaction rate over the periods",
    "Tỷ lệ hài lòng qua các kỳ — {name}": "Satisfaction rate over the periods — {name}",
    "Tỷ lệ hài lòng qua các kỳ — {unit}": "Satisfaction rate over the periods — {unit}",
    "Tỷ lệ hài lòng theo cán bộ": "Satisfaction rate by official",
    "Tỷ lệ hài lòng theo cán bộ (từ 5 lượt đánh giá)": "Satisfaction rate by official (from 5 responses)",
    "Xử lý": "Decision",
    "{n} góp ý, mới nhất trước.": "{n} comments, newest first.",
    "Đang chờ xác minh": "Awaiting review",
    "Đánh giá của người dân tại Bộ phận một cửa: theo đơn vị, theo cán bộ và theo kỳ.":
        "Citizens' ratings at the one-stop counter: by unit, by official and by period.",
    "Đánh giá nghi vấn": "Suspect answers",
    "Đã loại": "Rejected",
    "Đã tính": "Counted",
    "Đã tính lượt đánh giá vào chỉ số.": "The answer now counts.",
    "Đã loại lượt đánh giá.": "The answer was rejected.",
    "Lượt đánh giá này đã được xử lý trước đó.": "This answer had already been decided.",
}

KIOSK_ENGLISH: dict[str, str] = {
    "Ki-ốt đánh giá": "Rating kiosks",
    "Ki-ốt": "Kiosk",
    "Đơn vị không tồn tại": "Unknown unit",
    "Đã thu hồi ki-ốt {name}.": "Kiosk {name} revoked.",
    "Ki-ốt đặt tại Bộ phận một cửa để người dân đánh giá sự phục vụ. Đặt ki-ốt ở nơi cán bộ tại quầy không nhìn "
    "thấy màn hình.":
        "Kiosks at the one-stop counter let citizens rate the service. Place each where counter staff cannot see "
        "the screen.",
    "Đăng ký ki-ốt mới": "Enrol a kiosk",
    "Tên ki-ốt": "Kiosk name",
    "Ví dụ: Quầy 2 — Trung tâm phục vụ hành chính công": "For example: Counter 2 — public administration service centre",
    "Đăng ký": "Enrol",
    "Đã đăng ký ki-ốt {name}.": "Kiosk {name} enrolled.",
    "Mở liên kết thiết lập sau trên máy tính bảng của ki-ốt. Mã chỉ hiện một lần, hệ thống không lưu mã.":
        "Open this setup link on the kiosk's tablet. The token is shown only once; the system does not keep it.",
    "Liên kết thiết lập": "Setup link",
    "Mã ki-ốt": "Kiosk token",
    "Lần cuối hoạt động": "Last seen",
    "Ngày đăng ký": "Enrolled on",
    "Đang hoạt động": "Active",
    "Đã thu hồi": "Revoked",
    "Thu hồi": "Revoke",
    "Chưa có ki-ốt nào.": "No kiosks yet.",
}

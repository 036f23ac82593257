"""English for the Vietnamese texts of the course-result upload pages (merged into the UI catalogue)."""

TRAINING_ENGLISH: dict[str, str] = {
    "Kết quả bồi dưỡng": "Course results",
    "Tải lên kết quả bồi dưỡng": "Upload course results",
    "Tệp CSV (UTF-8) hoặc XLSX, một dòng cho mỗi học viên, với các cột: Mã cán bộ, Họ và tên, Mã khóa học, "
    "Khóa/Lớp, Ngày hoàn thành (dd/mm/yyyy), Kết quả (Đạt/Không đạt), Số giờ, Chứng chỉ hết hạn (không bắt buộc).":
        "A CSV (UTF-8) or XLSX file, one row per trainee, with the columns: cadre code, full name, course code, "
        "session, completion date (dd/mm/yyyy), result (passed/failed), hours, certificate expiry (optional).",
    "Dòng hợp lệ được ghi nhận; dòng có lỗi được báo lại theo số dòng và cột. Tải lại cùng một tệp không "
    "làm thay đổi gì.": "Good rows are recorded; rows with errors are reported by row number and column. "
                        "Uploading the same file again changes nothing.",
    "Tệp kết quả": "Results file",
    "Tải lên": "Upload",
    "Hãy chọn một tệp CSV hoặc XLSX.": "Choose a CSV or XLSX file.",
    "Tệp quá lớn (tối đa 10 MB).": "The file is too large (10 MB at most).",
    "Các lần tải lên gần đây": "Recent uploads",
    "Chưa có lần tải lên nào.": "No uploads yet.",
    "Tệp": "File",
    "Người tải": "Uploaded by",
    "Số dòng": "Rows",
    "Ghi mới": "New",
    "Cập nhật": "Updated",
    "Không đổi": "Unchanged",
    "Báo cáo tải lên": "Upload report",
    "Đã đọc {rows} dòng: {accepted} dòng hợp lệ, {rejected} dòng bị từ chối.":
        "{rows} rows read: {accepted} accepted, {rejected} rejected.",
    "Tất cả các dòng đều hợp lệ.": "Every row was accepted.",
    "Dòng có lỗi": "Rows with errors",
    "Dòng": "Row",
    "Cột": "Column",
    "Giá trị": "Value",
    "(cả dòng)": "(whole row)",
    "Tải tệp khác": "Upload another file",
}

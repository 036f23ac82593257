"""Key titles of a commune or ward (chức danh chủ chốt): what HR marks a position as, so that the
succession plan knows which titles to fill and the scorecard which titles the resolution names.
Kept apart from what a position heads in the 360 round (``leadership``): a title can be key
without heading a department, and the two change for different reasons."""
KEY_TITLES: dict[str, str] = {
    "party_secretary": "Bí thư Đảng ủy / Party secretary",
    "deputy_secretary": "Phó Bí thư Đảng ủy / Deputy party secretary",
    "pc_chairman": "Chủ tịch UBND / Chairman of the People's Committee",
    "pc_vice_chairman": "Phó Chủ tịch UBND / Vice-chairman of the People's Committee",
    "council_chairman": "Chủ tịch HĐND / Chairman of the People's Council",
    "inspection_head": "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy / Head of the inspection committee",
    "police_chief": "Trưởng Công an / Police chief",
    "military_commander": "Chỉ huy trưởng Ban Chỉ huy Quân sự / Military commander",
}

"""Default validation messages in Vietnamese first, English second, for every schema."""
from marshmallow import fields, validate

_FIELD_MESSAGES = {
    "required": "Bắt buộc nhập / required",
    "null": "Không được để trống / may not be null",
    "validator_failed": "Giá trị không hợp lệ / invalid value",
}
_TYPE_MESSAGES = {
    fields.String: "Phải là chuỗi ký tự / not a valid string",
    fields.Integer: "Phải là số nguyên / not a valid integer",
    fields.Float: "Phải là số / not a valid number",
    fields.Boolean: "Phải là đúng/sai / not a valid boolean",
    fields.Dict: "Phải là đối tượng / not a valid object",
    fields.List: "Phải là danh sách / not a valid list",
    fields.UUID: "Phải là UUID hợp lệ / not a valid UUID",
    fields.Date: "Ngày không hợp lệ (YYYY-MM-DD) / not a valid date",
    fields.DateTime: "Thời điểm không hợp lệ (ISO 8601) / not a valid datetime",
    fields.Email: "Email không hợp lệ / not a valid email",
    fields.URL: "Địa chỉ URL không hợp lệ / not a valid URL",
}


def install() -> None:
    fields.Field.default_error_messages.update(_FIELD_MESSAGES)
    for cls, message in _TYPE_MESSAGES.items():
        cls.default_error_messages = {**cls.default_error_messages, "invalid": message}
    fields.Nested.default_error_messages = {**fields.Nested.default_error_messages,
                                            "type": "Phải là đối tượng / invalid input type"}
    validate.Length.message_min = "Cần ít nhất {min} ký tự/phần tử / shorter than minimum length {min}"
    validate.Length.message_max = "Tối đa {max} ký tự/phần tử / longer than maximum length {max}"
    validate.Length.message_all = "Độ dài phải từ {min} đến {max} / length must be between {min} and {max}"
    validate.Length.message_equal = "Độ dài phải bằng {equal} / length must be {equal}"
    # Range pre-formats its messages with {min_op}/{max_op} at construction: escape the rest.
    validate.Range.message_min = "Phải ≥ {{min}} / must be greater than or equal to {{min}}"
    validate.Range.message_max = "Phải ≤ {{max}} / must be less than or equal to {{max}}"
    validate.Range.message_all = "Phải trong khoảng {{min}}–{{max}} / must be between {{min}} and {{max}}"
    validate.OneOf.default_message = "Phải là một trong: {choices} / must be one of: {choices}"
    validate.Regexp.default_message = "Sai định dạng / does not match the expected format"


install()

"""Who calls the training API (PRODUCT.md §1, §5)."""
ADMIN = "province_admin"
READERS = ("province_admin", "unit_hr", "auditor", "cadre")
CATALOGUE_READERS = READERS + ("training_school",)
UPLOADERS = ("province_admin", "training_school")
UPLOAD_READERS = UPLOADERS + ("auditor",)

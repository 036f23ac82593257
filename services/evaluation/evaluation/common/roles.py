"""Who may call the evaluation endpoints (each handler also applies the unit scope)."""
READERS = ("province_admin", "unit_hr", "auditor", "cadre")
HR_READERS = ("province_admin", "unit_hr", "auditor")
MANAGERS = ("province_admin", "unit_hr")
PROVINCE = ("province_admin",)

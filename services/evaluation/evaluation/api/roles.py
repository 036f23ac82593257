"""Who may call the registry endpoints (each view also applies the unit scope)."""
READERS = ("province_admin", "unit_hr", "auditor", "cadre")
MANAGERS = ("province_admin", "unit_hr")
PROVINCE = ("province_admin",)

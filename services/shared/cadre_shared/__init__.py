"""Plumbing shared by the Cadre360 services. No business rules live here."""

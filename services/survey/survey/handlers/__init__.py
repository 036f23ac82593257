"""Use cases of the survey service, called by the thin API views (and by tests)."""

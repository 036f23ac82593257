"""The appraisal's use cases: one function per use case, called by its views and its consumer."""

"""The appraisal's rules, pure (no Flask, no mongoengine): scoring under Decree 335, the 360 general
criteria, who rates whom, dossier overrides, the excellent quota, period statuses."""

"""The registry's rules, pure (no Flask, no mongoengine): scales and vocabularies, dossier access and
history, gap analysis, departments, names, reading a cadre spreadsheet."""

"""Satisfaction read model: one fact per citizen response (from ``survey.responses.v1``).

Exactly once by construction: a fact is keyed by the response id, so a redelivered or
re-published event finds its fact already there; a review sets the fact's ``counted`` flag
by id. Figures are counted from the facts, never kept as running totals.
"""
from mongoengine import BooleanField, Document, StringField

from cadre_shared.kept_reads import KeptReads


class SatisfactionFact(Document):
    meta = {"collection": "satisfaction_facts", "indexes": [("cadre_id", "quarter"), ("cadre_id", "month")]}
    id = StringField(primary_key=True)  # the response id
    cadre_id = StringField()
    unit_id = StringField()
    quarter = StringField()
    month = StringField()
    overall = StringField()
    counted = BooleanField(required=True)
    reviewed = BooleanField(default=False)


# Reads that scan every fact (the scorecard's counts per unit) are kept per worker until a fact is
# written: ``handlers.satisfaction`` moves the version after each write of facts.
satisfaction_facts_kept = KeptReads("satisfaction_facts_version", "facts")

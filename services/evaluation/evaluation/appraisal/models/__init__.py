"""Storage of the appraisal (mongoengine documents and their indexes)."""

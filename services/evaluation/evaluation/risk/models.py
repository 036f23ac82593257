"""Early warning storage: trained model versions, risk flags (with their interventions, each
change carrying its ``risk_flag.*`` event in the same write) and "not useful" feedback."""
from __future__ import annotations

from mongoengine import (BinaryField, BooleanField, DateField, DateTimeField, DictField, Document,
                         EmbeddedDocument, EmbeddedDocumentListField, FloatField, IntField, ListField,
                         StringField)

from cadre_shared.outbox import OutboxDocument

from ..common.ids import new_id, utcnow


class RiskModelVersion(Document):
    """One training run: the fitted, calibrated pipeline (joblib bytes, with their SHA-256 recorded
    at training) and its held-out metrics."""

    meta = {"collection": "risk_models", "indexes": [{"fields": ["version"], "unique": True}]}
    id = StringField(primary_key=True, default=new_id)
    version = IntField(required=True)
    model = BinaryField(required=True)
    sha256 = StringField(null=True)            # of ``model`` as trained: checked before every load
    features = ListField(StringField())
    metrics = DictField()
    feedback_used = IntField(default=0)
    trained_at = DateTimeField(default=utcnow)
    trained_by = StringField(required=True)


class ActiveRiskModel(Document):
    """Which stored version scores the cadres (one document, ``_id`` "active"): chosen explicitly by
    province HR after comparing a candidate with it; the first version trained becomes it by itself."""

    meta = {"collection": "risk_model_active"}
    id = StringField(primary_key=True, default="active")
    model_id = StringField(required=True)      # the RiskModelVersion's _id
    version = IntField(required=True)
    chosen_by = StringField(required=True)
    chosen_at = DateTimeField(default=utcnow)


class Intervention(EmbeddedDocument):
    """What HR does about a flag: training, mentoring (kèm cặp) by a mentor cadre, rotation
    (luân chuyển) or closer review; then its outcome."""
    id = StringField(required=True, default=new_id)
    kind = StringField(required=True, choices=("training", "mentoring", "rotation", "closer_review"))
    mentor_cadre_id = StringField(null=True)
    course_code = StringField(null=True)       # training: the course, added to the cadre's plan by an event
    note = StringField(null=True)
    due_on = DateField(null=True)
    assigned_by = StringField(required=True)
    assigned_at = DateTimeField(default=utcnow)
    outcome = StringField(null=True, choices=("improved", "no_change", "worse"))
    outcome_note = StringField(null=True)
    outcome_by = StringField(null=True)
    outcome_at = DateTimeField(null=True)


class RiskFlag(OutboxDocument):
    """A cadre at risk of not meeting standards; at most one not-closed flag per cadre (the
    unique ``open_key`` holds the cadre id until the flag is closed, then is removed)."""

    meta = {"collection": "risk_flags",
            "indexes": [{"fields": ["open_key"], "unique": True, "sparse": True}, "cadre_id", "unit_id", "light"]}
    id = StringField(primary_key=True, default=new_id)
    cadre_id = StringField(required=True)
    unit_id = StringField(required=True)
    open_key = StringField()
    status = StringField(required=True, default="open", choices=("open", "acknowledged", "closed"))
    period = StringField(null=True)            # the last closed period the assessment saw
    probability = FloatField(null=True)        # null when no model is trained yet (rules only)
    light = StringField(required=True, choices=("red", "amber", "green"))
    factors = ListField(DictField())
    triggers = ListField(DictField())
    model_version = IntField(null=True)
    interventions = EmbeddedDocumentListField(Intervention)
    raised_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    acknowledged_by = StringField(null=True)
    acknowledged_at = DateTimeField(null=True)
    closed_by = StringField(null=True)
    closed_at = DateTimeField(null=True)
    version = IntField(required=True, default=1)


class FlagFeedback(Document):
    """HR's "not useful" on a flag (one per person and flag), read by the next training run."""

    meta = {"collection": "risk_flag_feedback", "indexes": ["cadre_id"]}
    id = StringField(primary_key=True)         # f"{flag_id}|{user_id}"
    flag_id = StringField(required=True)
    cadre_id = StringField(required=True)
    period = StringField(null=True)
    useful = BooleanField(required=True, default=False)
    comment = StringField(null=True)
    given_by = StringField(required=True)
    given_at = DateTimeField(default=utcnow)


class UnitFlags(Document):
    """A unit's flags not closed, one summary row per cadre (``rows.<cadre_id>``: flag id, light,
    probability, status), and the period of each cadre's last closed flag (``closed.<cadre_id>``): the
    flag lists and the assessment find a unit's flags by ``_id`` instead of scanning every flag.
    Changed with ``$set``/``$unset`` of one cadre's entry right after the flag's own write."""

    meta = {"collection": "risk_unit_flags"}
    id = StringField(primary_key=True)         # the unit id
    rows = DictField()
    closed = DictField()


class UnitAssessments(Document):
    """The latest assessment of each active cadre of a unit, flagged or not (``rows.<cadre_id>``:
    probability, light, factors, assessed_at, model_version), replaced whole by each assessment."""

    meta = {"collection": "risk_unit_assessments"}
    id = StringField(primary_key=True)         # the unit id
    rows = DictField()
    assessed_at = DateTimeField()

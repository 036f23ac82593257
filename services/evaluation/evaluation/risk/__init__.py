"""The early warning (cảnh báo sớm, PRODUCT §3.5; a bounded context above the registry and the
appraisal): features from a cadre's own record, rule triggers, the calibrated model and its
training, risk flags with HR's interventions and feedback, and the fairness audit. It reads the
registry and the appraisal through their ``queries`` modules; nothing depends on it."""

"""The early warning's use cases: assess and audit (assessment), act on flags (flags), train and
load the model (model_training), from the record each cadre has (history)."""

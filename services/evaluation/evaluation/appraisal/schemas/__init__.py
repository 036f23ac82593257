"""HTTP contracts of the appraisal (marshmallow): periods, tasks, ratings, scores, the preview, satisfaction."""

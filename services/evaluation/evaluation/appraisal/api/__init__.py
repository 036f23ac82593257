"""The appraisal's blueprints."""
from . import period_scores, periods, ratings, satisfaction, score_preview, tasks

BLUEPRINTS = [satisfaction.blp, score_preview.blp, periods.blp, tasks.blp, ratings.blp, period_scores.blp]

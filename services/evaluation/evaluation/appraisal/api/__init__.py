"""The appraisal's blueprints."""
from . import classification, exports, period_scores, periods, ratings, rounds, satisfaction, score_preview, tasks, years

BLUEPRINTS = [satisfaction.blp, score_preview.blp, periods.blp, rounds.blp, classification.blp, tasks.blp, ratings.blp,
              period_scores.blp, exports.blp, years.blp]

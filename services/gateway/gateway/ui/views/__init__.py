"""Pages of the web UI, one module per area."""
from . import account, audit, auth, cadres, gaps, home, kiosks, nav, positions, satisfaction, units, users  # noqa: F401
from . import mail_settings, notifications, training  # noqa: F401
from . import api_keys, competencies, imports, receipts, training_compliance, training_requirements  # noqa: F401
from . import evaluation_raters, evaluation_tasks, evaluation_unit, my_results, periods, ratings  # noqa: F401
from . import confidence_votes, report, reports, succession, vote  # noqa: F401
from . import risk_flags, risk_province  # noqa: F401
from . import evaluation_year  # noqa: F401
from . import report_exports, scorecard  # noqa: F401

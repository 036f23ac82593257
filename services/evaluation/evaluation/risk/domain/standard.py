"""The deadline of a position's standard (PRODUCT §3.4, "within 12 months of appointment"): the
qualifications and required courses of the standard (education, political theory, digital skill,
course categories) are due ``STANDARD_DEADLINE_MONTHS`` after the appointment. Competency levels
are HR's periodic assessments, with no deadline of their own. Used by the rules (the target has
happened) and the features (items unmet past the deadline).

The required courses (and their certificates) are the training service's to report: until it has
reported on a cadre at least once, those items are not known yet — not unmet. A cadre just
imported whose school records have not arrived is not overdue, and flagging hundreds of people for
courses they took is alarm fatigue that teaches HR to stop reading flags. Once the school reports
on the cadre (anything: a course passed, failed, a lapsed certificate), the courses it has not
reported as held are unmet as before. Education, political theory and digital skill are the
registry's own dossier fields: always judged."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

STANDARD_DEADLINE_MONTHS = 12
UNDATED_ITEMS = ("competency:",)   # gap keys with no deadline (assessed levels)
# how long the school has to report on a cadre who entered the platform before their courses are
# judged without a report: a cadre who never took a course has no result to report, and their
# silence past this is "not taken", not "not known"
TRAINING_REPORT_GRACE_DAYS = 60
TRAINING_ITEMS = ("course:",)      # gap keys the training service's results decide


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline_of(appointed_on: date | None) -> date | None:
    """When the position's qualifications and required courses must be met (None: no appointment known)."""
    return add_months(appointed_on, STANDARD_DEADLINE_MONTHS) if appointed_on else None


def is_dated(key: str) -> bool:
    """Whether an unmet item (a gap key) has the standard's deadline."""
    return not key.startswith(UNDATED_ITEMS)


def is_training_owned(key: str) -> bool:
    """Whether an item (a gap key) is decided by the training service's results."""
    return key.startswith(TRAINING_ITEMS)


def judged_gaps(gap_keys: tuple[str, ...], training_reported: bool) -> tuple[str, ...]:
    """The unmet items the early warning may judge: all of them once the training service has
    reported on the cadre, else those the registry itself knows (the courses are not known yet)."""
    return gap_keys if training_reported else tuple(k for k in gap_keys if not is_training_owned(k))


def courses_known(training_reported: bool | None, registered_on: date | None, as_of: date) -> bool:
    """Whether the early warning may judge a cadre's required courses: once the training service has
    reported on them, or once the school has had ``TRAINING_REPORT_GRACE_DAYS`` from the day the
    cadre entered the platform to do so (None: a record kept before either was noted, judged)."""
    if training_reported is not False or registered_on is None:
        return True
    return as_of - registered_on >= timedelta(days=TRAINING_REPORT_GRACE_DAYS)

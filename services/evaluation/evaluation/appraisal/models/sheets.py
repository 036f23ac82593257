"""A cadre's sheets of one period (phiếu kỳ đánh giá): the output tasks assigned to them with HR's
record of their criteria đ and e (written by the unit's HR), and the 360 ratings they gave
(written by the rater alone). Each period has its own two collections, ``appraisal_tasks_<code>``
and ``appraisal_ratings_<code>``, with one document per cadre keyed by the cadre's id:

- a cadre's page, a task, the /ratings page read one document by ``_id``;
- closing a period reads each collection of that period once, start to end, and nothing of any
  other period (a filter on anything but ``_id`` makes the embedded store decode every document of
  the collection, so a collection shared by all periods would be read whole at every closing);
- the lists inside (tasks, ratings) are kept as JSON text: the embedded store decodes a document
  field by field, and a sheet stored as nested objects costs it ten times what one text costs.

Who writes decides the split: a store whose update reads and rewrites the whole document
(FerretDB v1) could lose one of two writes arriving together, so HR's writes and a rater's never
share a document, and the ratings a cadre gives live in the rater's document, not the ratee's.
Lists inside are changed as read-change-write of that one cadre's document by its one writer.
Old periods can be archived by dropping their two collections.
"""
from __future__ import annotations

TASKS, RATINGS = "tasks", "ratings"


def collection_name(kind: str, period: str) -> str:
    """``appraisal_tasks_2026-Q4``, ``appraisal_ratings_2026-11``."""
    return f"appraisal_{kind}_{period}"

"""Named consumers of the gateway: name → topic(s), handler (dead letters go to <topic>.dlt); and its
daily jobs."""
from cadre_shared.consumer import ConsumerSpec
from cadre_shared.daily_jobs import DailyJob

from ..handlers.retention import purge
from .notifications import NOTIFICATIONS

CONSUMERS: dict[str, ConsumerSpec] = {NOTIFICATIONS.name: NOTIFICATIONS}
JOBS: dict[str, DailyJob] = {"retention-purge": DailyJob("retention-purge", purge)}

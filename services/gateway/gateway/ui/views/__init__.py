"""Pages of the web UI, one module per area."""
from . import account, audit, auth, cadres, gaps, home, nav, positions, units, users  # noqa: F401

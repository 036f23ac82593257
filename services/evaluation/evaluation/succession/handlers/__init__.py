"""Use cases of succession planning: one per function, views call them."""

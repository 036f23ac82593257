"""HTTP contracts of succession planning."""

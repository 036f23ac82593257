"""Plumbing of the evaluation service that every bounded context uses and none owns: writing a
change with its events, ids and timestamps, the roles views require, the shared pieces of the
HTTP contracts, the answer when the store is busy, and the service's settings. Nothing here
knows a unit, a period or a flag; it imports no context."""

"""Use cases of the gateway: each turns a request into changes of its own store (and audit records)."""

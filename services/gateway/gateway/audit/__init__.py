"""The audit trail around requests: the hook that records every write and sign-in (hook) and the
command that verifies the hash chain (``python -m gateway.audit.verify``). The trail itself is
stored and queried by ``handlers.audit_trail``."""

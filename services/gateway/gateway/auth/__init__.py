"""Who is calling: the gateway's own token check (guard), its key material (keys) and the
client's address as a trusted proxy reports it (client_address)."""

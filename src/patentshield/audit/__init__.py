"""The audit log: an append-only, SHA-256 hash-chained record of every change to the database."""

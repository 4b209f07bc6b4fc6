"""Keeping an installation whole: backup and restore (the evidence vault included), and a check.

``patentshield db backup FILE`` / ``db restore FILE`` copy the database (SQLite through its
online backup API, PostgreSQL through ``pg_dump``/``pg_restore``) and the evidence vault into one
archive whose manifest holds a digest of every table and every file; ``db check`` looks at the
whole installation: the schema's revision, the vault against its records, the audit chain and
the ledgers' sums. This package sits above every capability it reads, below the edges.
"""

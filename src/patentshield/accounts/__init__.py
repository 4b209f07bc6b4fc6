"""Accounts: organisations, their users and roles, API tokens and web sessions (the trust layer)."""

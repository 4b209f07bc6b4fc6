"""Compliance: the 337 early warning, complainant and NPE profiles, the US patent watch."""

"""Policies in force: bound from a quote, frozen terms, lifecycle, renewals and cancellation."""

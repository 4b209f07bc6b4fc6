"""Quotes: a product priced for an applicant, the subsidy applied, coverage gaps, saved quotes."""

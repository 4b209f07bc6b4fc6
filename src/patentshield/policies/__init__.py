"""Quotes and pricing: premium and limits from a product's rules, subsidies, coverage gaps."""

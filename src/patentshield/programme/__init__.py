"""Programme views for insurers and IP administrations: portfolios of policies (DESIGN level 7)."""

"""The risk engine: Section 337 exposure, case costs, policy terms and Monte Carlo (pure NumPy)."""

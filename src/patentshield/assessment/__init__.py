"""An exporter's 337 risk: exposure, simulated years under a product, recommendations."""

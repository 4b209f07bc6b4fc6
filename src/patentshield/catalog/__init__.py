"""The insurance catalog: versioned products with their terms and cover per 337 cost category."""

"""Section 337 knowledge: the procedure, the deadline engine, USITC records and statistics."""

"""The kernel: the only modules every capability may share (errors, money, dates, config, db)."""

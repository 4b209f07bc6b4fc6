"""USITC records: feed importer, statistics, charts, published figures, calibration file."""

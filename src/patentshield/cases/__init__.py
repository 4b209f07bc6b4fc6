"""The Section 337 case manager: cases, schedule, duties, state machine, evidence vault."""

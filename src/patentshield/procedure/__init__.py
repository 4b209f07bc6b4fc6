"""The Section 337 clock: steps and rules as data, the 19 CFR 201.14 deadline engine, schedules."""

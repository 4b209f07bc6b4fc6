"""``patentshield usitc …``: procedure, deadlines, schedules; USITC data, statistics, calibration.

The commands live in two modules by concern (``cli_schedule`` for the procedure clock,
``cli_data`` for records, statistics and calibration); both register on this one Typer app.
"""

from __future__ import annotations

import typer

from patentshield.usitc import cli_data, cli_schedule

app = typer.Typer(no_args_is_help=True)
cli_schedule.register(app)
cli_data.register(app)

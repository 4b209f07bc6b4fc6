"""Former command names kept working: ``usitc deadline``, ``usitc schedule``, ``usitc procedure``.

The 337 clock moved to ``patentshield procedure``; scripts written against the old names keep
running, and the old names no longer show in the help.
"""

from __future__ import annotations

from patentshield.procedure import cli as procedure_cli
from patentshield.usitc.cli import app as usitc_app

usitc_app.command("deadline", hidden=True)(procedure_cli.deadline)
usitc_app.command("schedule", hidden=True)(procedure_cli.schedule)
usitc_app.command("procedure", hidden=True)(procedure_cli.steps)

__all__ = ["usitc_app"]

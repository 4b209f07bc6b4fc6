"""Run ``patentshield`` on a database through Typer's runner, and read its JSON answers."""

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from patentshield.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
runner = CliRunner()


def run(url: str, *args: str) -> Result:
    """Run ``patentshield --database-url URL ARGS…``."""
    return runner.invoke(app, ["--database-url", url, *args])


def as_json(url: str, *args: str) -> Any:
    """Run a command with ``--format json``, check it succeeded and return its document."""
    result = run(url, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)

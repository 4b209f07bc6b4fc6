"""Shared set-up of the case and claims CLI tests: a CLI session and an insured LED maker."""

import json
from pathlib import Path

from typer.testing import CliRunner

from patentshield.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
runner = CliRunner()

OPEN_1501 = (
    "case",
    "open",
    "--number",
    "337-TA-1501",
    "--complaint",
    "2026-03-16",
    "--instituted",
    "2026-04-15",
    "--served",
    "2026-04-16",
    "--complainant",
    "Lumina IP Holdings LLC",
    "--patent",
    "US 9,876,543",
    "--insured",
    "sz-led-lighting=PS-2026-0001",
)
"""Open 337-TA-1501 naming the insured Shenzhen LED maker (add its co-respondents)."""


class Cli:
    """The ``patentshield`` command on one database and one home folder."""

    def __init__(self, url: str, home: Path) -> None:
        self.url, self.home = url, home

    def run(self, *args: str):
        return runner.invoke(
            app, ["--database-url", self.url, *args], env={"PATENTSHIELD_HOME": str(self.home)}
        )

    def json(self, *args: str):
        result = self.run(*args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


def insure_the_led_maker(cli: Cli) -> None:
    """Import the examples and bind policy PS-2026-0001 for sz-led-lighting (CNY 400,000)."""
    assert cli.run("enterprise", "import", str(EXAMPLES)).exit_code == 0
    quote = cli.json(
        "quote",
        "--product",
        "illustrative-337-defence",
        "--enterprise",
        "sz-led-lighting",
        "--premium",
        "400000",
        "--date",
        "2026-03-01",
    )
    cli.json("policy", "bind", quote["id"], "--number", "PS-2026-0001")

"""Hypothesis strategies of hostile input, and the check every edge must pass with it.

Every value these strategies draw is invalid by construction — an amount beyond the bounds or
ill-formed, a rate too small to store, a date outside the calendar the platform handles, an id
no record has, a file that is not a valid document — so the command it is given to must exit
with status 2, print exactly one line on standard error, and leave every table of the database
as it was (:func:`patentshield.maintenance.digest.database_digest` before and after).
``PATENTSHIELD_FUZZ_EXAMPLES`` raises the number of examples for a deeper run.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from patentshield.cli.main import app
from patentshield.kernel.db import Database
from patentshield.maintenance.digest import database_digest, reflected

EXAMPLES = int(os.environ.get("PATENTSHIELD_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)
"""Settings of the fuzz tier: derandomised, so a run is repeatable and its time known."""

NO_DIGITS = st.characters(
    blacklist_categories=("Nd", "Cs"), blacklist_characters="\x00-+", max_codepoint=0x2FFF
)


@st.composite
def misgrouped(draw: st.DrawFn) -> str:
    """Digits with thousands separators in groups that are not of three: 1,5 or 12,34,5."""
    groups = draw(st.lists(st.text(string.digits, min_size=1, max_size=5), min_size=2, max_size=4))
    assume(len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:]))
    return draw(st.sampled_from([",", "_"])).join(groups)


def hostile_amounts() -> st.SearchStrategy[str]:
    """Amounts no edge may accept: too large, negative, fractions of a cent, ill-formed."""
    return st.one_of(
        st.decimals(Decimal("1000000000000.01"), Decimal("1e26"), places=2).map(str),
        st.decimals(Decimal("-1e9"), Decimal("-0.01"), places=2).map(str),
        st.decimals(Decimal("0.001"), Decimal("99999"), places=4)
        .filter(lambda d: d != d.quantize(Decimal("0.01")))
        .map(lambda d: f"{d:f}"),
        misgrouped(),
        st.from_regex(r"[1-9][0-9]{0,4}[eE][+-]?[0-9]{1,3}", fullmatch=True),
        st.integers(29, 400).map(lambda n: "9" * n),
        st.sampled_from(["NaN", "Infinity", "-inf", "", " ", "0x10", "١٢٣", "1 000", "1.2.3"]),
        st.text(NO_DIGITS, min_size=1, max_size=30),
    )


def hostile_rates() -> st.SearchStrategy[str]:
    """Exchange rates no edge may accept: too small to store, too large, too precise."""
    return st.one_of(
        st.decimals(Decimal("0.000000001"), Decimal("0.00009"), places=9).map(lambda d: f"{d:f}"),
        st.decimals(Decimal("10000.01"), Decimal("1e12"), places=2).map(str),
        st.decimals(Decimal("1"), Decimal("9"), places=10)
        .filter(lambda d: d != d.quantize(Decimal("0.00000001")))
        .map(lambda d: f"{d:f}"),
        hostile_amounts().filter(lambda text: not text.startswith("-")),
    )


def hostile_dates() -> st.SearchStrategy[str]:
    """Dates no edge may accept: outside 1900–2199, impossible, or not a date at all."""
    return st.one_of(
        st.dates(max_value=date(1899, 12, 31)).map(date.isoformat),
        st.dates(min_value=date(2200, 1, 1)).map(date.isoformat),
        st.sampled_from(["2026-02-30", "2026-13-01", "2026-00-10", "2026/01/01", "today", "x"]),
        st.text(NO_DIGITS, min_size=1, max_size=20),
    )


def unknown_ids() -> st.SearchStrategy[str]:
    """Ids no record has: plausible slugs, control characters, very long text."""
    return st.one_of(
        st.from_regex(r"zz-[a-z0-9-]{1,40}", fullmatch=True),
        st.text(st.characters(blacklist_characters="\x00", max_codepoint=0x2FFF), max_size=20).map(
            lambda text: "zz\x1b" + text
        ),
        st.integers(200, 20_000).map(lambda n: "zz" + "x" * n),
    )


@dataclass
class Edge:
    """The command line on one database and home, checking that input is refused cleanly."""

    database: Database
    home: Path

    def __post_init__(self) -> None:
        self.url = self.database.engine.url.render_as_string(hide_password=False)
        self.tables = reflected(self.database.engine)

    def run(self, *args: str, env: dict[str, str] | None = None) -> Result:
        """Run ``patentshield`` with ``args`` on this database and home."""
        environment = {"PATENTSHIELD_HOME": str(self.home), **(env or {})}
        return CliRunner().invoke(app, ["--database-url", self.url, *args], env=environment)

    def refused(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run a command that must exit 2 with one line and change no table; return the line."""
        before = database_digest(self.database.engine, self.tables)
        result = self.run(*args, env=env)
        assert result.exit_code == 2, (args, result.output, result.exception)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)
        assert "Traceback" not in result.output
        assert database_digest(self.database.engine, self.tables) == before, args
        return lines[0]

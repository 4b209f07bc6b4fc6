"""Fuzz tier: the compliance commands' date and id options given hostile values, both databases.

One installation per backend (the example exporters, a declared control and an FTO opinion on
file); each example picks an option and a hostile value (:mod:`tests.e2e.hostile`): the command
must exit 2 with one line and leave every table unchanged, and no file enters the vault.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from patentshield.compliance import programme_service as programme
from patentshield.compliance.fto import FtoConclusion
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database
from patentshield.kernel.vault import stored_files, vault_root
from tests.e2e.hostile import FUZZ, Edge, hostile_dates, unknown_ids
from tests.factories import runtime_of

ROOT = Path(__file__).resolve().parents[2]
Args = Callable[[str], tuple[str, ...]]


def edges(document: Path) -> list[tuple[st.SearchStrategy[str], Args]]:
    control = ("compliance", "control", "set", "--control", "rd_records", "--evidence", "x")
    fto: tuple[str, ...] = (
        "compliance",
        "fto",
        "add",
        str(document),
        "--counsel",
        "C",
        "--patent",
        "US 1",
    )
    fto += ("--product", "Height-adjustable desks")
    return [
        (hostile_dates(), lambda v: (*control, "--enterprise", "nb-standing-desks", "--date", v)),
        (unknown_ids(), lambda v: (*control, "--enterprise", v)),
        (hostile_dates(), lambda v: ("compliance", "score", "--enterprise", "x", "--date", v)),
        (unknown_ids(), lambda v: ("compliance", "score", "--enterprise", v)),
        (hostile_dates(), lambda v: (*fto, "--enterprise", "nb-standing-desks", "--issued", v)),
        (unknown_ids(), lambda v: (*fto, "--enterprise", v, "--issued", "2026-01-20")),
        (unknown_ids(), lambda v: ("compliance", "providers", "list", "--product", v)),
    ]


def test_hostile_compliance_options_exit_2_in_one_line_and_change_nothing(
    database: Database, tmp_path: Path
):
    home = tmp_path / "home"
    runtime = runtime_of(database, settings=Settings(home=home))
    import_enterprises(runtime, ROOT / "examples" / "enterprises.yaml")
    programme.set_control(
        runtime,
        "nb-standing-desks",
        "rd_records",
        in_place=True,
        evidence="e",
        day=date(2026, 1, 5),
    )
    held = tmp_path / "held.txt"
    held.write_text("an opinion on file", encoding="utf-8")
    details = programme.FtoDetails(
        "C", date(2026, 1, 2), ("US 1",), ("Height-adjustable desks",), FtoConclusion.CLEAR
    )
    programme.add_fto_opinion(runtime, "nb-standing-desks", held, details)
    document = tmp_path / "new-opinion.txt"
    document.write_text("a new opinion never filed", encoding="utf-8")
    files = stored_files(vault_root(runtime.settings))
    edge = Edge(database, home)
    cases = edges(document)
    chosen = st.integers(0, len(cases) - 1).flatmap(lambda n: cases[n][0].map(cases[n][1]))

    @FUZZ
    @given(args=chosen)
    def refused(args: tuple[str, ...]) -> None:
        edge.refused(*args)
        assert stored_files(vault_root(runtime.settings)) == files

    refused()

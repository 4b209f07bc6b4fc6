"""Fuzz tier: every amount, rate, date and id option given hostile values, on both databases.

One installation per backend — an insured LED maker with a case, a notified claim with an
adjudicated invoice, and its enterprise profile — then each example picks an option and a
hostile value (:mod:`tests.e2e.hostile`): the command must exit 2 with one line and leave every
table unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.ledger_service import ExpenseInput, add_expense
from patentshield.claims.model import Phase
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database
from patentshield.kernel.money import Money
from tests.e2e.hostile import (
    FUZZ,
    Edge,
    hostile_amounts,
    hostile_dates,
    hostile_rates,
    unknown_ids,
)
from tests.factories import runtime_of
from tests.integration.case_factory import PANEL_FIRM, notified_claim

pytestmark = pytest.mark.slow

Args = Callable[[str], tuple[str, ...]]


def installation(database: Database, home: Path) -> str:
    """Set up the insured maker, its case and an adjudicated claim; return the claim's id."""
    runtime = runtime_of(database, settings=Settings(home=home))
    claim = notified_claim(runtime, first_accused_sale=date(2025, 1, 10))
    invoice = ExpenseInput(
        "K-1",
        PANEL_FIRM,
        CostCategory.US_COUNSEL,
        Phase.PLEADINGS,
        date(2026, 5, 1),
        Money.of("1200000", "CNY"),
    )
    add_expense(runtime, claim.id, invoice)
    adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1))
    return claim.id


def edges(claim: str) -> list[tuple[st.SearchStrategy[str], Args]]:
    expense: tuple[str, ...] = (
        "claim",
        "expense",
        claim,
        "--invoice",
        "F-1",
        "--vendor",
        PANEL_FIRM,
    )
    expense += ("--category", "us_counsel", "--phase", "pleadings")
    grant: tuple[str, ...] = ("subsidy", "grant", "--programme", "shenzhen", "--product-type")
    grant += ("patent_enforcement", "--reference", "P-1", "--idempotency-key", "fuzz")
    quote = ("quote", "--product", "illustrative-337-defence", "--enterprise", "sz-led-lighting")
    return [
        (hostile_amounts(), lambda v: (*expense, "--amount", v)),
        (
            hostile_rates(),
            lambda v: (*expense, "--amount", "1000", "--currency", "USD", "--fx-rate", v),
        ),
        (hostile_dates(), lambda v: (*expense, "--amount", "1000", "--date", v)),
        (unknown_ids(), lambda v: ("claim", "expense", v, *expense[3:], "--amount", "1000")),
        (
            hostile_amounts(),
            lambda v: ("claim", "pay", claim, "--idempotency-key", "k", "--amount", v),
        ),
        (unknown_ids(), lambda v: ("claim", "pay", v, "--idempotency-key", "k")),
        (hostile_amounts(), lambda v: (*grant, "--applicant", "sz-led-lighting", "--premium", v)),
        (unknown_ids(), lambda v: (*grant, "--applicant", v, "--premium", "1000")),
        (
            hostile_dates(),
            lambda v: (*grant, "--applicant", "sz-led-lighting", "--premium", "1000", "--date", v),
        ),
        (hostile_amounts(), lambda v: (*quote, "--premium", v)),
        (hostile_rates(), lambda v: (*quote, "--premium", "400000", "--fx-rate", v)),
        (hostile_dates(), lambda v: (*quote, "--premium", "400000", "--date", v)),
        (
            unknown_ids(),
            lambda v: ("quote", "--product", "illustrative-337-defence", "--enterprise", v),
        ),
        (
            st.integers(100_001, 10**30).map(str),
            lambda v: ("quote", "--product", "picc-2013-enforcement", "--units", v),
        ),
        (
            hostile_dates(),
            lambda v: (
                "case",
                "open",
                "--number",
                "337-TA-9999",
                "--complaint",
                v,
                "--complainant",
                "X",
                "--patent",
                "US 1",
            ),
        ),
        (unknown_ids(), lambda v: ("evidence", "list", v)),
        (hostile_dates(), lambda v: ("procedure", "deadline", "--from", v, "--days", "30")),
        (
            st.sampled_from(["nan", "inf", "-1", "1e308", "1e7"]),
            lambda v: ("risk", "aggregate", "--lam", v, "--sigma", "1", "--scale", "1"),
        ),
    ]


def test_hostile_option_values_exit_2_in_one_line_and_change_nothing(database, tmp_path):
    home = tmp_path / "home"
    claim = installation(database, home)
    edge = Edge(database, home)
    cases = edges(claim)
    chosen = st.integers(0, len(cases) - 1).flatmap(lambda n: cases[n][0].map(cases[n][1]))

    @FUZZ
    @given(args=chosen)
    def refused(args: tuple[str, ...]) -> None:
        edge.refused(*args)

    refused()

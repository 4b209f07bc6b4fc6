"""Implausible invoices and payments are one line; an invoice is voided or corrected by CLI."""

from __future__ import annotations

import json

import pytest

from tests.e2e.case_setup import OPEN_1501, Cli, insure_the_led_maker

FIRM = "Kirkland & Pell LLP"


@pytest.fixture
def claimed(sqlite_url, tmp_path) -> tuple[Cli, str]:
    cli = Cli(sqlite_url, tmp_path / "home")
    insure_the_led_maker(cli)
    cli.json(*OPEN_1501)
    cli.json(
        *("case", "counsel", "337-TA-1501", "--respondent", "sz-led-lighting"),
        *("--firm", FIRM, "--panel", "--date", "2026-04-20"),
    )
    claim = cli.json(
        "claim", "notify", "337-TA-1501", "--respondent", "sz-led-lighting", "--date", "2026-04-28"
    )
    return cli, claim["id"]


def expense(cli: Cli, claim: str, number: str, amount: str, *extra: str):
    return cli.run(
        *("claim", "expense", claim, "--invoice", number, "--vendor", FIRM),
        *("--category", "us_counsel", "--phase", "pleadings", "--amount", amount),
        *("--date", "2026-06-01", *extra),
    )


@pytest.mark.parametrize(
    ("amount", "extra", "words"),
    [
        ("9,999,999,999,999,999.99", (), "error: invalid_input: amount: 9999999999999999.99 is"),
        ("1,5", (), "error: invalid_input: amount: '1,5' is not a number"),
        ("1e400", (), "error: invalid_input: amount: '1e400' is not a number"),
        ("1000", ("--currency", "USD", "--fx-rate", "0.000000004"), "fx_rate: 4E-9 is below"),
    ],
)
def test_implausible_invoices_are_one_line_and_write_nothing(claimed, amount, extra, words):
    cli, claim = claimed
    result = expense(cli, claim, "K-1", amount, *extra)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert words in result.stderr
    assert cli.json("claim", "show", claim)["expenses"] == []


def test_a_negative_payment_names_the_real_reason(claimed):
    cli, claim = claimed
    assert expense(cli, claim, "K-1", "1200000").exit_code == 0
    cli.json("claim", "adjudicate", claim, "--date", "2026-07-01")
    result = cli.run("claim", "pay", claim, "--idempotency-key", "p", "--amount", "-1000")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid_input: amount: ")
    assert "more than" not in result.stderr


def test_an_invoice_is_voided_and_another_corrected_with_their_history(claimed):
    cli, claim = claimed
    assert expense(cli, claim, "K-1", "12000000").exit_code == 0
    assert expense(cli, claim, "K-2", "500000").exit_code == 0
    voided = cli.json("claim", "invoice", "void", claim, "K-2", "--reason", "entered twice")
    assert voided[0]["change"] == "voided"
    corrected = cli.json(
        *("claim", "invoice", "correct", claim, "K-1", "--amount", "1200000"),
        *("--reason", "one zero too many"),
    )
    assert corrected[0]["before"]["amount"] == {"amount": "12000000.00", "currency": "CNY"}
    assert corrected[0]["after"]["amount"] == {"amount": "1200000.00", "currency": "CNY"}
    adjudicated = cli.json("claim", "adjudicate", claim, "--date", "2026-07-01")
    assert [line["invoice"] for line in adjudicated["lines"]] == ["K-1"]
    assert adjudicated["lines"][0]["payable"] == {"amount": "880000.00", "currency": "CNY"}
    history = cli.run("claim", "invoice", "history", claim, "--format", "json")
    assert [c["change"] for c in json.loads(history.stdout)] == ["voided", "corrected"]


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (("--maximum", "600000", "--currency", "USD"), "maximum: give it in the policy currency"),
        (("--maximum", "-1"), "maximum: "),
        (("--maximum", "600000", "--counterparty", " "), "counterparty: name the complainant"),
    ],
)
def test_a_bad_consent_to_settle_is_one_line_and_records_nothing(claimed, extra, words):
    cli, claim = claimed
    given = ("claim", "consent-settlement", claim, "--counterparty", "Lumina IP Holdings LLC")
    result = cli.run(*given, *extra, "--date", "2026-07-31")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr
    assert cli.json("claim", "show", claim)["settlement_consents"] == []

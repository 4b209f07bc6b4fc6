"""The done-when scenario of issue 5 through the CLI, every figure traced to a rule.

A Shenzhen exporter named with four co-respondents in a new investigation: case opened,
schedule and tasks computed, insurer notified in time, counsel approved, evidence uploaded and
exported, invoices across phases and categories adjudicated (one declined for lack of consent;
issue 9: the settlement carries the insurer's consent, and sub-limits cap the insurer's payment
after the deductible and coinsurance, so e-discovery and the settlement stay under theirs), a
joint-defence invoice split, a settlement paid, the aggregate limit respected.
"""

import zipfile
from decimal import Decimal

from tests.e2e.case_setup import OPEN_1501, Cli, insure_the_led_maker

CO = ("Zhongshan Lumen Co.", "Xiamen Solarbeam Co.", "Brightway Lighting USA Inc.", "Glowtech")


def money(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "CNY"}


def test_from_the_complaint_to_the_insurers_payment(sqlite_url, tmp_path):
    cli = Cli(sqlite_url, tmp_path / "home")
    insure_the_led_maker(cli)
    respondents = [arg for name in CO for arg in ("--respondent", name)]
    case = cli.json(
        *OPEN_1501,
        *respondents,
    )
    assert len(case["respondents"]) == 5
    due = {t["code"]: t["due"] for t in case["tasks"]}
    assert due["answer"] == "2026-05-06"
    assert due["notify_insurer:sz-led-lighting"] == "2026-05-16"
    assert due["district_court_stay"] == "2026-05-15"
    cli.json(
        "case",
        "counsel",
        "337-TA-1501",
        "--respondent",
        "sz-led-lighting",
        "--firm",
        "Kirkland & Pell LLP",
        "--panel",
        "--date",
        "2026-04-20",
    )
    claim = cli.json(
        "claim", "notify", "337-TA-1501", "--respondent", "sz-led-lighting", "--date", "2026-04-28"
    )
    assert claim["status"] == "open"
    assert [r["code"] for r in claim["notice"]][-1] == "notice_in_time"

    notebook = tmp_path / "rd-log.txt"
    notebook.write_text("design log", encoding="utf-8")
    cli.json(
        "evidence",
        "add",
        "337-TA-1501",
        str(notebook),
        "--kind",
        "rd_records",
        "--by",
        "Li Wei",
        "--date",
        "2026-04-22",
    )
    dossier = tmp_path / "dossier.zip"
    cli.json(
        "evidence",
        "export",
        "337-TA-1501",
        "--respondent",
        "sz-led-lighting",
        "--out",
        str(dossier),
        "--date",
        "2026-04-28",
    )
    assert "cover_letter.pdf" in zipfile.ZipFile(dossier).namelist()

    claim_id = claim["id"]
    consent = cli.json(
        "claim",
        "consent-settlement",
        claim_id,
        "--counterparty",
        "Lumina IP Holdings LLC",
        "--maximum",
        "6000000",
        "--date",
        "2026-05-29",
    )
    assert consent["maximum"] == money("6000000.00")
    for invoice, vendor, category, phase, amount, extra in (
        ("KP-01", "Kirkland & Pell LLP", "us_counsel", "pleadings", "1200000", ()),
        ("HS-07", "Harbor & Stone LLP", "us_counsel", "pleadings", "300000", ()),
        (
            "LT-31",
            "LexTrans",
            "ediscovery_translation",
            "discovery",
            "500000",
            ("--currency", "USD", "--fx-rate", "7.1"),
        ),
        (
            "SET-1",
            "Lumina IP Holdings LLC",
            "settlement_licence",
            "settlement",
            "6000000",
            (),
        ),
    ):
        cli.json(
            "claim",
            "expense",
            claim_id,
            "--invoice",
            invoice,
            "--vendor",
            vendor,
            "--category",
            category,
            "--phase",
            phase,
            "--amount",
            amount,
            "--date",
            "2026-06-01",
            *extra,
        )
    cli.json(
        "jointdefence",
        "create",
        "337-TA-1501",
        "--name",
        "experts",
        "--member",
        "sz-led-lighting",
        "--member",
        CO[0],
        "--member",
        CO[2],
    )
    split = cli.json(
        "jointdefence",
        "allocate",
        "337-TA-1501",
        "--group",
        "experts",
        "--invoice",
        "EXP-1",
        "--vendor",
        "Dr. Chen",
        "--category",
        "experts",
        "--phase",
        "discovery",
        "--amount",
        "1000000",
        "--date",
        "2026-07-15",
    )
    assert sum(Decimal(s["amount"]["amount"]) for s in split["shares"]) == Decimal("1000000")
    assert split["borne"] == [CO[0], CO[2]]

    result = cli.json("claim", "adjudicate", claim_id, "--date", "2026-08-03")
    lines = {line["invoice"]: line for line in result["lines"]}
    assert lines["HS-07"]["outcome"] == "declined"
    assert [r["code"] for r in lines["HS-07"]["reasons"]][-1] == "no_counsel_consent"
    # 3,550,000 x 80 % = 2,840,000: under the CNY 3 M sub-limit, which caps the payment after
    # the retention (issue 9 item 10; was: eligible capped at 3,000,000, payable 2,400,000)
    assert lines["LT-31"]["payable"] == money("2840000.00")
    assert "sub_limit" not in [r["code"] for r in lines["LT-31"]["reasons"]]
    assert lines["KP-01"]["payable"] == money("880000.00")  # (1.2 M - 0.1 M) x 80 %
    # 6,000,000 x 80 % = 4,800,000, under the CNY 5 M settlement sub-limit (was 4,000,000)
    assert lines["SET-1"]["payable"] == money("4800000.00")
    assert "settlement_consented" in [r["code"] for r in lines["SET-1"]["reasons"]]
    # 880,000 + 2,840,000 + 4,800,000 + 333,333.34 x 80 % (was 7,546,666.67)
    assert result["payable"] == money("8786666.67")
    for line in result["lines"]:
        for reason in line["reasons"]:
            assert reason["code"] and reason["explanation"]

    paid = cli.json("claim", "pay", claim_id, "--idempotency-key", "settle", "--date", "2026-08-05")
    assert paid["amount"] == money("8786666.67")
    again = cli.run("claim", "pay", claim_id, "--idempotency-key", "other", "--date", "2026-08-05")
    assert again.exit_code == 2 and "rule_violation" in again.stderr
    ended = cli.json(
        "claim", "outcome", "337-TA-1501", "--kind", "settlement", "--date", "2026-08-06"
    )
    assert ended["case_state"] == "terminated"
    assert ended["claims"][0]["status"] == "closed"
    history = cli.json("claim", "show", claim_id)["history"]
    assert [(e["from"], e["to"], e["day"]) for e in history] == [
        (None, "open", "2026-04-28"),
        ("open", "closed", "2026-08-06"),
    ]
    assert "Status history" in cli.run("claim", "show", claim_id).stdout
    listed = cli.json("claim", "list", "--policy", "PS-2026-0001")
    assert Decimal(listed[0]["adjudicated"]["amount"]) <= Decimal("20000000")

"""``patentshield compliance …`` end to end on a SQLite file: controls, score, FTO, providers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from patentshield.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-03-02"


@pytest.fixture
def cli(sqlite_url: str, tmp_path: Path):
    env = {"PATENTSHIELD_TODAY": TODAY, "PATENTSHIELD_HOME": str(tmp_path / "home")}

    def run(*args: str) -> Result:
        return CliRunner().invoke(app, ["--database-url", sqlite_url, *args], env=env)

    imported = run("enterprise", "import", str(ROOT / "examples" / "enterprises.yaml"))
    assert imported.exit_code == 0, imported.stderr
    return run


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _refused(result: Result, field: str) -> str:
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert f"{field}:" in line
    return line


def test_a_declared_control_shows_in_the_score_with_its_evidence_and_date(cli):
    declared = _json(
        cli(
            "compliance", "control", "set", "--enterprise", "nb-standing-desks",
            "--control", "litigation_hold", "--evidence", "hold notice template v2",
            "--date", "2026-02-10", "--format", "json",
        )
    )  # fmt: skip
    assert (declared["in_place"], declared["label_zh"]) == (
        True,
        "诉讼证据保全(litigation hold)准备",
    )
    found = _json(
        cli("compliance", "score", "--enterprise", "nb-standing-desks", "--format", "json")
    )
    line = next(c for c in found["controls"] if c["control"] == "litigation_hold")
    assert (line["earned"], line["date"], line["evidence"]) == (
        "10",
        "2026-02-10",
        "hold notice template v2",
    )
    assert found["points"] == "20" and found["date"] == TODAY  # and its US design patent
    table = cli("compliance", "score", "--enterprise", "nb-standing-desks")
    assert "score 20 of 100 on 2026-03-02" in table.stdout


def test_a_control_without_evidence_or_a_derived_one_is_one_line_and_exit_2(cli):
    base = ("compliance", "control", "set", "--enterprise", "nb-standing-desks")
    _refused(cli(*base, "--control", "rd_records"), "evidence")
    _refused(cli(*base, "--control", "watch_recent", "--evidence", "x"), "control")
    absent = _json(cli(*base, "--control", "rd_records", "--absent", "--format", "json"))
    assert absent["in_place"] is False
    listed = _json(cli("compliance", "control", "list", "--enterprise", "nb-standing-desks",
                       "--format", "json"))  # fmt: skip
    assert [c["control"] for c in listed["controls"]] == ["rd_records"]


def test_an_fto_opinion_is_filed_once_and_listed(cli, tmp_path: Path):
    source = tmp_path / "fto.txt"
    source.write_text("FTO opinion on height-adjustable desks", encoding="utf-8")
    args = (
        "compliance", "fto", "add", "--enterprise", "nb-standing-desks", str(source),
        "--counsel", "CCPIT Patent", "--issued", "2026-01-20", "--patent", "US 9,038,549",
        "--product", "Height-adjustable desks", "--conclusion", "clear_with_design_around",
    )  # fmt: skip
    first = _json(cli(*args, "--format", "json"))
    assert first["added"] is True and first["conclusion_label"].startswith("clear after")
    assert "already on file" in cli(*args).stdout
    listed = _json(cli("compliance", "fto", "list", "--enterprise", "nb-standing-desks",
                       "--format", "json"))  # fmt: skip
    assert [o["id"] for o in listed["opinions"]] == [first["id"]]
    _refused(cli(*args[:-2], "--conclusion", "maybe"), "conclusion")


def test_providers_are_listed_for_a_product_in_both_languages(cli):
    found = _json(
        cli("compliance", "providers", "list", "--product", "illustrative-337-defence",
            "--kind", "appraisal_institution", "--format", "json")
    )  # fmt: skip
    assert {p["kind_label_zh"] for p in found["providers"]} == {"评估鉴定机构"}
    assert all(p["name_zh"].endswith("(示例)") for p in found["providers"])
    _refused(
        cli("compliance", "providers", "list", "--product", "foshan-chancheng-2010"), "product"
    )


def test_a_quote_prints_the_scores_discount_and_uplift_line_by_line(cli):
    quote = cli("quote", "--enterprise", "nb-standing-desks", "--product", "picc-2013-enforcement")
    assert quote.exit_code == 0, quote.stderr
    assert "compliance score 10 of 100 (10%) × max premium discount 10% (tag J) = 1.00%" in (
        quote.stdout
    )
    assert "CNY 2,178.00" in quote.stdout  # 2,200 × (1 − 1 %)

"""`make demo` runs scripts/demo.sh: it must keep running and keep printing the seed's figures."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXPORTERS = (
    "sz-led-lighting",
    "nb-standing-desks",
    "dg-vape-devices",
    "fs-kitchen-appliances",
    "jn-laser-machinery",
)


def assert_issue_12(out: str) -> None:
    """The early warning for every exporter; one compliance score changes a quote."""
    for exporter in EXPORTERS:
        assert f"337 early warning for {exporter}" in out
    assert "run 2: 3 found, 3 new" in out  # the Ningbo desk maker: 337-TA-1054 among them
    assert "score 90 of 100" in out
    assert "premium CNY 2,200.00 − CNY 198.00 = CNY 2,002.00" in out  # was CNY 2,156.00 at 20
    assert "aggregate limit CNY 33,000.00 → CNY 35,970.00" in out


def test_the_demo_script_runs_every_step_and_prints_the_seed_figures(tmp_path: Path):
    env = {
        **os.environ,
        "PATENTSHIELD_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}",
        "PATENTSHIELD": str(Path(sys.executable).parent / "patentshield"),
        "DEMO_OUT": str(tmp_path / "out"),
        "COLUMNS": "150",
    }
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "demo.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "5 created, 0 updated, 0 unchanged" in out
    assert "CNY 1,440,000.00" in out  # chancheng-package-10-c aggregate limit
    assert "CNY 200,000.00" in out  # Shenzhen cap on a CNY 500,000 premium
    assert "CNY 20,000.00" in out  # with CNY 180,000 already granted
    assert "Quote comparison" in out
    assert (tmp_path / "out" / "calibration.yaml").stat().st_size > 0
    assert (
        sorted(p.suffix for p in (tmp_path / "out" / "charts").iterdir())
        == [".png"] * 4 + [".svg"] * 4
    )
    # Issue 5: the 337 case manager and claims scenario
    assert "Policy PS-2026-0001" in out
    assert "AT_RISK" in out  # answer and counsel consent due within a week on 30 April
    assert "no_counsel_consent" in out  # the unapproved firm's invoice is declined
    # issue 9: sub-limits cap the payment after retention, so e-discovery (3,550,000 x 80 %)
    # stays under its CNY 3 M sub-limit (was: capped, sub_limit CNY -550,000.00)
    assert "CNY 2,840,000.00" in out
    assert "settlement_consented" in out  # the settlement carries the insurer's consent
    assert "aggregate_limit CNY -3,786,666.67" in out  # the settlement takes the aggregate left
    assert "337-TA-1501: settlement on 2026-07-20" in out  # one co-respondent's own part
    assert "Adjudication v1: payable CNY 5,000,000.00 of CNY 11,783,333.34" in out
    assert "adjudicated on the policy: CNY 20,000,000.00 of the CNY 20,000,000.00" in out
    assert "case terminated" in out
    assert (tmp_path / "out" / "dossier-337-TA-1501.zip").stat().st_size > 0
    for exporter in EXPORTERS:
        assert f"Section 337 risk of {exporter}" in out
        assert f"Products for {exporter}, ranked" in out
    assert "Model-implied figures beside the published ones" in out
    assert "Pool-size effect" in out
    assert "risk-rated: the engine's indicated premium" in out
    assert (tmp_path / "out" / "book.json").stat().st_size > 0
    # Issue 13: the Chancheng what-if reproduces about 29 firms; the statistics of the book
    assert "Subsidy what-if: foshan-chancheng-2012 v1 on 2012-01-01" in out
    assert re.search(r"│ as today\s+│ 100\.0%\s+│ —\s+│ pro-rata\s+│ (28|29|30)\.\d", out)
    assert_issue_12(out)
    assert "IP insurance statistics of the book" in out
    assert "China (national white paper)" in out and "28,000" in out

"""`make demo` runs scripts/demo.sh: it must keep running and keep printing the seed's figures."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
    for exporter in (
        "sz-led-lighting",
        "nb-standing-desks",
        "dg-vape-devices",
        "fs-kitchen-appliances",
        "jn-laser-machinery",
    ):
        assert f"Section 337 risk of {exporter}" in out
        assert f"Products for {exporter}, ranked" in out
    assert "Model-implied figures beside the published ones" in out
    assert "Pool-size effect" in out
    assert "risk-rated: the engine's indicated premium" in out
    assert (tmp_path / "out" / "book.json").stat().st_size > 0

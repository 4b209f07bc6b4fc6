"""Benchmark: how long the ``patentshield`` command takes to start, against bare Typer.

Runs, pair by pair and interleaved so that machine load hits both alike, a fresh process of
``python -c "import typer"`` (the reference) and a fresh ``patentshield`` command, and prints the
median wall time of each and their ratio. Commands measured: ``--help``, ``catalog list`` and
``procedure deadline --from 2026-07-02 --days 20``. Targets (issue 8): ``--help`` within 5× of
bare Typer, ``catalog list`` within 8×.

    .venv/bin/python benchmarks/cli_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
COMMANDS = {
    "--help": ["--help"],
    "catalog list": ["catalog", "list"],
    "procedure deadline": ["procedure", "deadline", "--from", "2026-07-02", "--days", "20"],
}
TARGETS = {"--help": 5.0, "catalog list": 8.0}


def wall(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="pairs per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PATENTSHIELD_HOME": home}
        env.pop("PATENTSHIELD_DATABASE_URL", None)
        reference = [sys.executable, "-c", "import typer"]
        command = str(BIN / "patentshield")
        wall([command, "catalog", "list"], env)  # warm the file cache once
        print(f"{'command':<22} {'median s':>9} {'typer s':>9} {'ratio':>7} {'target':>7}")
        for label, tail in COMMANDS.items():
            ours, bare = [], []
            for _ in range(args.runs):
                bare.append(wall(reference, env))
                ours.append(wall([command, *tail], env))
            mine, base = statistics.median(ours), statistics.median(bare)
            target = TARGETS.get(label)
            verdict = f"≤ {target:.0f}×" if target else "—"
            if target:
                verdict += " ok" if mine / base <= target else " MISSED"
            print(f"{label:<22} {mine:>9.3f} {base:>9.3f} {mine / base:>6.1f}× {verdict:>7}")


if __name__ == "__main__":
    main()

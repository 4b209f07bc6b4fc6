"""Benchmark: one cold ``risk aggregate`` run, as a user sees it, against gemact's Monte Carlo.

A user runs ``patentshield risk aggregate`` once: its own ``seconds`` field (simulation and
summary, in a fresh process, with first-call allocation, page faults and thread start-up)
is what they see. This script runs exactly that, ``--runs`` times, each in a new process:

* ``patentshield risk aggregate --frequency poisson --lam 2 --severity lognormal --sigma 1
  --scale 1 [--deductible 0.25 --cover 10 --aggregate-cover 20] --sims 1000000 --format json``
  and reads ``seconds`` from its report;
* gemact's ``LossModel(..., aggr_loss_dist_method='mc', n_sim=1_000_000)`` in a new Python
  process (``risk_aggregate.py --gemact-mc``), timed around the constructor (imports
  excluded, as for the CLI).

The two alternate, so both see the same load, and the script prints the medians and the
ratio gemact / patentshield (the target is at least 30×), plain and layered.

    .venv/bin/python benchmarks/risk_aggregate_cold.py [--runs 7] [--sims 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

WORKLOAD = [
    "--frequency",
    "poisson",
    "--lam",
    "2",
    "--severity",
    "lognormal",
    "--sigma",
    "1",
    "--scale",
    "1",
]
LAYER = ["--deductible", "0.25", "--cover", "10", "--aggregate-cover", "20"]


def patentshield_seconds(layered: bool, sims: int, home: Path) -> float:
    command = [str(Path(sys.executable).with_name("patentshield")), "risk", "aggregate"]
    command += WORKLOAD + (LAYER if layered else []) + ["--sims", str(sims), "--format", "json"]
    environment = {**os.environ, "PATENTSHIELD_HOME": str(home)}
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=environment)
    return float(json.loads(done.stdout)["seconds"])


def gemact_seconds(layered: bool, sims: int) -> float | None:
    script = Path(__file__).with_name("risk_aggregate.py")
    case = "layered" if layered else "plain"
    command = [sys.executable, str(script), "--gemact-mc", case, "--sims", str(sims)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        return None
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sims", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        for layered in (False, True):
            ours: list[float] = []
            theirs: list[float] = []
            for _ in range(args.runs):
                ours.append(patentshield_seconds(layered, args.sims, Path(home)))
                seconds = gemact_seconds(layered, args.sims)
                if seconds is not None:
                    theirs.append(seconds)
            name = "layered (d 0.25, u 10, A 20)" if layered else "plain"
            runs = ", ".join(f"{s:.3f}" for s in ours)
            print(f"\n== {name}: {args.sims:,} simulations, {args.runs} cold runs each")
            print(f"patentshield risk aggregate: median {statistics.median(ours):.3f} s ({runs})")
            if not theirs:
                print("gemact: skipped (not installed; pip install -e '.[bench]')")
                continue
            runs = ", ".join(f"{s:.2f}" for s in theirs)
            print(f"gemact Monte Carlo:          median {statistics.median(theirs):.3f} s ({runs})")
            ratio = statistics.median(theirs) / statistics.median(ours)
            worst = min(theirs) / max(ours)
            print(f"gemact / patentshield: {ratio:.1f}× (medians); {worst:.1f}× fastest vs slowest")


if __name__ == "__main__":
    main()

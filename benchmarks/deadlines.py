"""Benchmark: the 19 CFR 201.14 deadline engine and the case schedule.

Counts every period of 1 to 120 days from each day of 2020-2030 (about 480,000 deadlines),
forward and backward, and computes a full case schedule for each complaint day of one year.
The reference is the naive calendar count (``trigger + days``) over the same inputs in the
same process; the ratio says what the rule-based count costs over plain date arithmetic.

    .venv/bin/python benchmarks/deadlines.py [--days 120] [--years 2020:2031]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date, timedelta

from patentshield.kernel.dates import FederalCalendar
from patentshield.procedure.deadlines import count_backward, count_forward, naive_forward
from patentshield.procedure.schedule import KnownDates, case_schedule
from patentshield.procedure.steps import load_procedure


def timed(label: str, work: Callable[[], int]) -> float:
    started = time.perf_counter()
    count = work()
    seconds = time.perf_counter() - started
    print(f"{label:<34} {count:>8} in {seconds:6.2f} s  {count / seconds:>10,.0f} per second")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=120, help="longest period counted")
    parser.add_argument("--years", default="2020:2031", help="first:last-exclusive years")
    args = parser.parse_args()
    first, last = (int(year) for year in args.years.split(":"))
    start = date(first, 1, 1)
    triggers = [start + timedelta(n) for n in range((date(last, 1, 1) - start).days)]
    periods = range(1, args.days + 1)
    calendar = FederalCalendar()

    def naive() -> int:
        return sum(1 for t in triggers for d in periods if naive_forward(t, d))

    def forward() -> int:
        return sum(1 for t in triggers for d in periods if count_forward(t, d, calendar))

    def backward() -> int:
        return sum(1 for t in triggers for d in periods if count_backward(t, d, calendar))

    procedure = load_procedure()

    def schedules() -> int:
        return sum(
            len(case_schedule(KnownDates(t), calendar=calendar, procedure=procedure))
            for t in triggers[:365]
        )

    reference = timed("naive count (reference)", naive)
    rule = timed("19 CFR 201.14 forward", forward)
    timed("210.18 backward", backward)
    timed("case schedules (events)", schedules)
    print(f"ratio forward / naive reference: {rule / reference:.1f}")


if __name__ == "__main__":
    main()

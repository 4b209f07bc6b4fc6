"""Long work reports its progress through the runtime, and reporting never changes a result."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from patentshield.assessment.service import RiskRequest, simulate_risk
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.cli import OutputFormat, shows_progress
from patentshield.kernel.progress import Advance
from patentshield.kernel.runtime import Runtime
from patentshield.risk.montecarlo import blocks, run_blocks

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"


class RecordingProgress:
    """A reporter that remembers each task's total and how far it advanced."""

    def __init__(self) -> None:
        self.tasks: list[tuple[str, int, list[int]]] = []

    @contextmanager
    def task(self, description: str, total: int) -> Iterator[Advance]:
        steps: list[int] = []
        self.tasks.append((description, total, steps))
        yield steps.append


def test_run_blocks_tells_of_every_block_in_order_and_returns_the_same_results():
    grid = blocks(3, 10, block_sims=3)
    seen: list[int] = []
    plain = run_blocks(lambda block: block.start, grid, threads=2)
    told = run_blocks(lambda block: block.start, grid, threads=2, on_block=seen.append)
    assert told == plain == [0, 3, 6, 9]
    assert seen == [1, 1, 1, 1]


def test_a_risk_simulation_advances_its_task_to_the_number_of_blocks(runtime: Runtime):
    import_enterprises(runtime, EXAMPLES)
    request = RiskRequest(enterprise="sz-led-lighting", day=date(2026, 3, 1), years=200_000, seed=1)
    quiet = simulate_risk(runtime, request)
    recorder = RecordingProgress()
    runtime.progress = recorder
    shown = simulate_risk(runtime, request)
    ((description, total, steps),) = recorder.tasks
    assert description == "simulating years" and total == len(blocks(1, 200_000)) > 1
    assert sum(steps) == total
    assert (shown.results.cost == quiet.results.cost).all()


def test_no_bar_is_drawn_under_json_or_off_a_terminal():
    assert not shows_progress(OutputFormat.JSON)
    assert not shows_progress(OutputFormat.TABLE)  # pytest's output is not a terminal

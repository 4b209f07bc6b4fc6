"""``patentshield programme synth`` and ``simulate`` end to end, with and without Dask."""

import json
import logging
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from patentshield.cli.main import app
from patentshield.kernel.money import Money
from patentshield.programme.book import book_from_document
from patentshield.programme.distributed import run_on_dask
from patentshield.risk.data_files import load_parameters, read_document
from patentshield.risk.montecarlo import blocks, run_blocks
from patentshield.risk.portfolio import simulate_book_block

runner = CliRunner()


def amount(money: dict[str, str]) -> Decimal:
    """Return the amount of a JSON money figure, checking it is USD."""
    assert money["currency"] == "USD"
    return Money.from_json(money).amount


def run(url, *args):
    result = runner.invoke(app, ["--database-url", url, *args])
    assert result.exit_code == 0, result.output
    return result


def test_a_synthetic_book_simulates_to_a_loss_distribution_and_tail_shares(sqlite_url, tmp_path):
    book = tmp_path / "book.json"
    run(sqlite_url, "programme", "synth", "--policies", "3000", "--seed", "1", "--out", str(book))
    document = json.loads(
        run(
            sqlite_url,
            "programme",
            "simulate",
            str(book),
            "--years",
            "4000",
            "--seed",
            "2",
            "--format",
            "json",
        ).stdout
    )
    assert document["policies"] == 3000 and document["years"] == 4000
    loss = document["loss"]
    assert amount(loss["tvar"]["0.995"]) >= amount(loss["var"]["0.995"]) > 0
    assert amount(document["written_premium"]) > 0
    assert document["written_premium"]["currency"] == "USD"
    assert len(document["tail"]["top_contributors"]) == 10
    pool = document["pool_size_effect"]
    assert [row["policies"] for row in pool] == [100, 1000, 3000]
    assert pool[0]["capital_per_premium"] > pool[-1]["capital_per_premium"]


@pytest.mark.slow
def test_dask_with_one_two_or_four_workers_gives_bit_identical_results(sqlite_url, tmp_path):
    path = tmp_path / "book.json"
    run(sqlite_url, "programme", "synth", "--policies", "1000", "--seed", "4", "--out", str(path))
    parameters = load_parameters()
    book, _ = book_from_document(read_document(path, "book"), parameters)
    grid = blocks(6, 5 * 4096, block_sims=4096)
    local = run_blocks(lambda b: simulate_book_block(parameters, book, b), grid)
    for workers in (1, 2, 4):
        on_dask = run_on_dask(parameters, book, grid, workers=workers, processes=False)
        for a, b in zip(local, on_dask, strict=True):
            assert (a.loss == b.loss).all() and (a.claim_policy == b.claim_policy).all()
            assert (a.claim_insured == b.claim_insured).all()


@pytest.mark.slow
def test_the_cli_on_two_dask_worker_processes_matches_the_threaded_run(sqlite_url, tmp_path):
    path = tmp_path / "book.json"
    run(sqlite_url, "programme", "synth", "--policies", "500", "--seed", "5", "--out", str(path))
    args = [
        "programme",
        "simulate",
        str(path),
        "--years",
        "2000",
        "--seed",
        "3",
        "--format",
        "json",
    ]
    threaded = json.loads(run(sqlite_url, *args).stdout)
    on_dask = json.loads(run(sqlite_url, *args, "--workers", "2").stdout)
    assert on_dask["loss"] == threaded["loss"] and on_dask["tail"] == threaded["tail"]


@pytest.mark.slow
def test_a_running_scheduler_can_be_given_by_address(sqlite_url, tmp_path):
    from distributed import LocalCluster

    path = tmp_path / "book.json"
    run(sqlite_url, "programme", "synth", "--policies", "300", "--seed", "8", "--out", str(path))
    args = [
        "programme",
        "simulate",
        str(path),
        "--years",
        "1000",
        "--seed",
        "2",
        "--format",
        "json",
    ]
    threaded = json.loads(run(sqlite_url, *args).stdout)
    with LocalCluster(
        n_workers=2, processes=False, dashboard_address=":0", silence_logs=logging.ERROR
    ) as cluster:
        remote = json.loads(run(sqlite_url, *args, "--scheduler", cluster.scheduler_address).stdout)
    assert remote["loss"] == threaded["loss"]


def test_the_former_name_portfolio_still_runs_the_programme_commands(sqlite_url, tmp_path):
    book = tmp_path / "book.json"
    run(sqlite_url, "portfolio", "synth", "--policies", "50", "--seed", "2", "--out", str(book))
    assert json.loads(book.read_text("utf-8"))["policies"]

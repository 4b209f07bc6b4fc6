"""``patentshield risk aggregate`` end to end through the CLI."""

import json

from typer.testing import CliRunner

from patentshield.cli.main import app

runner = CliRunner()
WORKLOAD = ["--frequency", "poisson", "--lam", "2", "--severity", "lognormal"]
WORKLOAD += ["--sigma", "1", "--scale", "1"]


def aggregate(url: str, *args: str) -> dict:
    result = runner.invoke(
        app, ["--database-url", url, "risk", "aggregate", *WORKLOAD, *args, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_aggregate_report_has_the_interface_keys_and_agrees_with_the_closed_form(sqlite_url):
    document = aggregate(sqlite_url, "--sims", "100000", "--seed", "3")
    for key in ("mean", "std", "std_error", "var", "tvar", "sims", "seed", "seconds"):
        assert key in document
    assert document["sims"] == 100_000 and document["seed"] == 3
    assert set(document["var"]) == {"0.9", "0.95", "0.99", "0.995"}
    assert abs(document["mean"] - 3.297443) < 4 * document["std_error"]
    assert document["closed_form"]["std"] == 3.844231028159117
    assert document["tvar"]["0.995"] >= document["var"]["0.995"]


def test_the_same_seed_gives_the_same_figures_whatever_the_thread_count(sqlite_url):
    args = ["--deductible", "0.25", "--cover", "10", "--aggregate-cover", "20", "--sims", "150000"]
    one = aggregate(sqlite_url, *args, "--seed", "8", "--threads", "1")
    two = aggregate(sqlite_url, *args, "--seed", "8", "--threads", "2")
    for key in ("mean", "std", "var", "tvar"):
        assert one[key] == two[key]
    assert one["closed_form"] is None
    assert max(one["var"].values()) <= 20


def test_a_custom_level_is_reported_under_its_own_key(sqlite_url):
    document = aggregate(sqlite_url, "--sims", "20000", "--level", "0.999")
    assert list(document["var"]) == ["0.999"]


def test_a_missing_severity_parameter_is_refused_with_its_field(sqlite_url):
    result = runner.invoke(
        app, ["--database-url", sqlite_url, "risk", "aggregate", "--lam", "2", "--sigma", "1"]
    )
    assert result.exit_code == 2
    assert "invalid_input: scale: is required by the lognormal distribution" in result.output


def test_the_calibration_check_reproduces_the_published_exit_shares(sqlite_url):
    result = runner.invoke(
        app,
        [
            "--database-url",
            sqlite_url,
            "risk",
            "calibration-check",
            "--years",
            "5000",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    checks = {c["figure"]: c for c in json.loads(result.stdout)["checks"]}
    for figure in ("early-exit share of defended cases", "no-violation share of decided cases"):
        check = checks[figure]
        assert abs(check["model"] - check["published"]) < 4 * check["std_error"]
    assert checks["respondents per investigation"]["published"] == 4.1

"""``patentshield risk aggregate`` end to end through the CLI."""

import json
from typing import Any

from typer.testing import CliRunner

from patentshield.cli.main import app
from tests.unit.risk.workloads import CHECK_KEYS

runner = CliRunner()
WORKLOAD = ["--frequency", "poisson", "--lam", "2", "--severity", "lognormal"]
WORKLOAD += ["--sigma", "1", "--scale", "1"]


def aggregate(url: str, *args: str) -> Any:
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


def test_the_fft_report_carries_its_grid_and_error_bounds_and_the_closed_form_mean(sqlite_url):
    document = aggregate(sqlite_url, "--method", "fft")
    for key in ("method", "step", "points", "beyond", "error_bound", "lower", "upper", "seconds"):
        assert key in document
    assert document["method"] == "fft" and document["points"] == 65536
    assert abs(document["mean"] - 3.2974425414002564) / 3.2974425414002564 < 1e-6
    var = document["var"]["0.995"]
    assert document["lower"]["var"]["0.995"] <= var <= document["upper"]["var"]["0.995"]
    assert document["error_bound"]["var"]["0.995"] / var < 1e-3
    assert "sims" not in document and "seed" not in document


def test_panjer_on_the_grid_fft_chose_gives_the_same_figures(sqlite_url):
    args = ["--deductible", "0.25", "--cover", "10", "--aggregate-cover", "20", "--points", "4096"]
    fft = aggregate(sqlite_url, *args, "--method", "fft")
    panjer = aggregate(sqlite_url, *args, "--method", "panjer")
    assert panjer["step"] == fft["step"]
    assert abs(panjer["var"]["0.995"] - fft["var"]["0.995"]) < 1e-9
    assert max(panjer["tvar"].values()) <= 20


def test_options_of_the_other_method_are_refused_with_their_field(sqlite_url):
    base = ["--database-url", sqlite_url, "risk", "aggregate", *WORKLOAD]
    result = runner.invoke(app, [*base, "--method", "fft", "--sims", "1000"])
    assert result.exit_code == 2
    assert "invalid_input: sims: applies to --method mc only, not fft" in result.output
    result = runner.invoke(app, [*base, "--step", "0.01"])
    assert result.exit_code == 2
    assert "invalid_input: step: applies to --method fft or panjer only, not mc" in result.output
    result = runner.invoke(app, [*base, "--sims", "0"])
    assert result.exit_code == 2
    assert "invalid_input: sims: must be between 1 and" in result.output
    result = runner.invoke(app, [*base, "--method", "fft", "--points", "0"])
    assert result.exit_code == 2
    assert "invalid_input: points: must be between 2 and" in result.output


def test_a_gamma_severity_is_refused_by_the_exact_methods(sqlite_url):
    result = runner.invoke(
        app,
        ["--database-url", sqlite_url, "risk", "aggregate", "--lam", "2", "--severity", "gamma"]
        + ["--shape", "2", "--scale", "1", "--method", "panjer"],
    )
    assert result.exit_code == 2
    assert "invalid_input: severity: the fft and panjer methods need a lognormal" in result.output


def test_the_calibration_check_reproduces_the_record_under_stable_keys(sqlite_url):
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
    checks = {c["key"]: c for c in json.loads(result.stdout)["checks"]}
    assert set(checks) >= CHECK_KEYS
    for key in ("early_exit_share_of_investigations", "violation_share_of_contested_decisions"):
        check = checks[key]
        assert abs(check["model"] - check["published"]) < 4 * check["std_error"]
    for check in checks.values():
        assert set(check) >= {"key", "model", "std_error", "published", "low", "high", "source"}
        assert check["within"] is not False, check["key"]
    assert checks["respondents_per_investigation"]["low"] == 4.1  # R40, a lower bound


def test_docs_model_shows_the_calibration_check_as_the_cli_prints_it(model_doc):
    table = model_doc.check_table(model_doc.calibration_check_json())
    page = model_doc.PAGE.read_text("utf-8")
    assert f"<!-- calibration-check:begin -->\n{table}\n<!-- calibration-check:end -->" in page


def test_a_simulation_too_large_for_memory_is_refused_with_the_figure_and_the_limit():
    for lam, sims in (("1000000", "100000"), ("1e308", "10")):
        result = CliRunner().invoke(
            app,
            ["risk", "aggregate", "--lam", lam, "--sigma", "1", "--scale", "1", "--sims", sims],
        )
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("error: invalid_input: sims: this simulation would need")
        assert "the limit is 4.0 GiB" in result.stderr
        assert result.stderr.count("\n") == 1

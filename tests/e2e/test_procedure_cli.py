"""``patentshield procedure deadline | schedule | steps`` end to end through the CLI."""

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from patentshield.cli.main import app

runner = CliRunner()


def run(sqlite_url: str, *args: str):
    return runner.invoke(app, ["--database-url", sqlite_url, "procedure", *args])


def run_json(sqlite_url: str, *args: str):
    result = run(sqlite_url, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_deadline_reproduces_the_thanksgiving_example(sqlite_url):
    document = run_json(sqlite_url, "deadline", "--from", "2025-11-26", "--days", "12")
    assert document["due"] == "2025-12-09"
    assert document["naive_due"] == "2025-12-08"
    assert "201.14(a)" in document["rule"]
    assert document["warnings"] == [
        "naive counting gives 2025-12-08, one day before the rule-based 2025-12-09: "
        "file by the earlier date to be safe"
    ]
    assert {"due", "naive_due", "rule", "warnings", "steps", "file_by"} <= set(document)
    assert document["steps"][0] == {
        "day": 0,
        "date": "2025-11-26",
        "note": "trigger 2025-11-26 (Wed)",
    }


def test_deadline_reproduces_the_observed_independence_day_example(sqlite_url):
    document = run_json(sqlite_url, "deadline", "--from", "2026-07-02", "--days", "20")
    assert (document["due"], document["naive_due"]) == ("2026-07-27", "2026-07-22")
    assert document["counting"] == "calendar days"


def test_deadline_counts_backward_under_210_18(sqlite_url):
    document = run_json(
        sqlite_url, "deadline", "--from", "2026-10-07", "--days", "60", "--backward"
    )
    assert document["due"] == "2026-08-07"
    assert document["naive_due"] == "2026-08-08"
    assert document["direction"] == "backward"
    assert "210.18(a)" in document["rule"]
    assert len(document["warnings"]) == 2


def test_deadline_takes_ad_hoc_closures(sqlite_url):
    document = run_json(
        sqlite_url,
        "deadline",
        "--from", "2026-03-10",
        "--days", "10",
        "--closure", "2026-03-11",
        "--closure", "2026-03-12",
    )  # fmt: skip
    assert document["closures"] == ["2026-03-11", "2026-03-12"]
    # 201.14(a): closures inside the period are counted; only a closed last day moves the filing
    assert document["due"] == "2026-03-20"
    moved = run_json(
        sqlite_url, "deadline", "--from", "2026-03-10", "--days", "10", "--closure", "2026-03-20"
    )
    assert moved["due"] == "2026-03-23"


def test_deadline_prints_a_table_with_the_steps(sqlite_url):
    result = run(sqlite_url, "deadline", "--from", "2026-07-02", "--days", "20")
    assert result.exit_code == 0, result.output
    assert "due: 2026-07-27 (Mon)" in result.output
    assert "⚠ naive counting gives 2026-07-22" in result.output
    assert "Independence Day (observed)" in result.output


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--from", "2026-02-30", "--days", "12"], "from"),
        (["--from", "2026-02-03", "--days", "-4"], "days"),
        (["--from", "2026-02-03", "--days", "0"], "days"),
        (["--from", "2026-02-03", "--days", "twelve"], "days"),
        (["--from", "2026-02-03", "--days", "12", "--closure", "soon"], "closure"),
    ],
)
def test_deadline_refuses_bad_input_with_one_line_naming_the_field(sqlite_url, args, field):
    result = run(sqlite_url, "deadline", *args, "--format", "json")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: invalid_input: {field}: ")


def test_schedule_lists_events_with_step_date_kind_and_rule(sqlite_url):
    events = run_json(sqlite_url, "schedule", "--complaint-filed", "2026-01-15")
    assert events[0]["step"] == "complaint_filed"
    dates = [event["date"] for event in events]
    assert dates == sorted(dates)
    for event in events:
        assert {"step", "date", "kind", "rule", "verified", "note", "latest", "title"} <= set(event)
        assert event["kind"] in {"deadline", "estimate"}
        assert event["rule"]
    unverified = [event for event in events if not event["verified"]]
    assert {event["step"] for event in unverified} == {"petitions_for_review", "appeal"}
    assert all("⚠ unverified (U)" in event["rule"] for event in unverified)


def test_schedule_counts_from_the_given_dates(sqlite_url):
    events = run_json(
        sqlite_url,
        "schedule",
        "--complaint-filed", "2024-09-02",
        "--instituted", "2024-10-01",
        "--served", "2024-10-02",
        "--hearing", "2025-07-14",
        "--target", "2026-03-26",
        "--final-id-served", "2025-11-26",
    )  # fmt: skip
    by_step: dict[str, list[Any]] = {}
    for event in events:
        by_step.setdefault(event["step"], []).append(event)
    petitions = by_step["petitions_for_review"][0]
    assert (petitions["date"], petitions["kind"]) == ("2025-12-09", "deadline")
    assert petitions["verified"] is False
    response = by_step["response"][0]
    assert (response["date"], response["kind"]) == ("2024-10-22", "deadline")
    hearing = by_step["hearing"][0]
    assert (hearing["date"], hearing["given"]) == ("2025-07-14", True)


def test_schedule_table_flags_unverified_rules_visibly(sqlite_url):
    result = run(sqlite_url, "schedule", "--complaint-filed", "2026-01-15")
    assert result.exit_code == 0, result.output
    assert "Section 337 case calendar" in result.output
    assert "⚠ unverified (U)" in result.output
    assert "estimate" in result.output and "deadline" in result.output


def test_schedule_refuses_a_service_before_institution(sqlite_url):
    result = run(
        sqlite_url,
        "schedule",
        "--complaint-filed", "2026-01-15",
        "--instituted", "2026-02-20",
        "--served", "2026-02-01",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: invalid_input: served: 2026-02-01 is before the institution date 2026-02-20"
    )


def test_schedule_refuses_a_bad_date(sqlite_url):
    result = run(sqlite_url, "schedule", "--complaint-filed", "15/01/2026")
    assert result.exit_code == 2
    assert result.output.startswith("error: invalid_input: complaint_filed: ")


def test_procedure_lists_every_step_with_rules_and_day_counts(sqlite_url):
    steps = run_json(sqlite_url, "steps")
    assert len(steps) == 31
    response = next(step for step in steps if step["id"] == "response")
    assert response["code"] == "S5"
    assert response["periods"][0]["amount"] == 20
    assert response["periods"][0]["counting"] == "itc_rules"
    assert response["sources"][0]["url"].startswith("https://")
    petitions = next(step for step in steps if step["id"] == "petitions_for_review")
    assert petitions["verified"] is False
    assert all(not period["verified"] for period in petitions["periods"])
    assert "⚠ unverified (U)" in petitions["periods"][0]["rule"]


def test_procedure_prints_a_table(sqlite_url):
    result = run(sqlite_url, "steps")
    assert result.exit_code == 0, result.output
    assert "Section 337 procedure" in result.output
    assert "210.13(a)" in result.output
    assert "⚠ unverified (U)" in result.output


def test_the_former_usitc_names_of_the_clock_commands_still_answer_but_stay_out_of_the_help(
    sqlite_url,
):
    former = runner.invoke(
        app,
        ["--database-url", sqlite_url, "usitc", "deadline", "--from", "2026-07-02", "--days", "20"],
    )
    assert former.exit_code == 0, former.output
    assert "2026-07-27" in former.output
    listing = runner.invoke(app, ["--database-url", sqlite_url, "usitc", "--help"])
    assert "deadline" not in listing.output and "stats" in listing.output


def test_dates_near_the_end_of_the_calendar_are_one_line_not_an_overflow():
    for args in (
        ("deadline", "--from", "9999-12-20", "--days", "30"),
        ("deadline", "--from", "0001-01-05", "--days", "30", "--backward"),
        ("schedule", "--complaint-filed", "9999-12-01"),
    ):
        result = CliRunner().invoke(app, ["procedure", *args])
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("error: invalid_input: "), result.stderr
        assert "outside the dates handled" in result.stderr

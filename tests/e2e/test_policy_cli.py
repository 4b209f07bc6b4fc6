"""``patentshield policy`` end to end through the CLI."""

from tests.e2e.cli_run import EXAMPLES, as_json, run


def test_a_quote_is_bound_shown_listed_and_cancelled(sqlite_url):
    assert run(sqlite_url, "enterprise", "import", str(EXAMPLES)).exit_code == 0
    quote = as_json(
        sqlite_url,
        "quote",
        "--product",
        "illustrative-337-defence",
        "--enterprise",
        "sz-led-lighting",
        "--premium",
        "400000",
        "--date",
        "2026-03-01",
    )
    policy = as_json(sqlite_url, "policy", "bind", quote["id"], "--number", "PS-2026-0001")
    assert policy["status"] == "in_force"
    assert policy["terms"]["aggregate_limit"] == {"amount": "20000000.00", "currency": "CNY"}
    shown = as_json(sqlite_url, "policy", "show", "PS-2026-0001", "--date", "2026-06-01")
    assert shown["status"] == "in_force"
    assert shown["period_end"] == "2027-03-01"
    listed = as_json(sqlite_url, "policy", "list", "--date", "2027-03-02")
    assert [row["status"] for row in listed] == ["expired"]
    table = run(sqlite_url, "policy", "show", "PS-2026-0001", "--date", "2026-06-01")
    assert "Notice period" in table.stdout and "30 days" in table.stdout
    again = run(sqlite_url, "policy", "bind", quote["id"])
    assert again.exit_code == 2
    assert "error: conflict: quote:" in again.stderr
    cancelled = as_json(
        sqlite_url,
        "policy",
        "cancel",
        "PS-2026-0001",
        "--reason",
        "exporter closed",
        "--date",
        "2026-07-01",
    )
    assert cancelled["status"] == "cancelled"

"""Tenancy and subsidy applications through the CLI, whose operator is the platform."""

from tests.e2e.cli_run import EXAMPLES, as_json, run


def test_an_insurers_products_are_set_at_creation_and_changed_later(sqlite_url):
    made = as_json(
        sqlite_url,
        "org",
        "create",
        "--kind",
        "insurer",
        "--name",
        "Insurer A",
        "--product",
        "illustrative-337-defence",
        "--product",
        "picc-2013-enforcement",
    )
    assert made["products"] == ["illustrative-337-defence", "picc-2013-enforcement"]
    changed = as_json(
        sqlite_url,
        "org",
        "products",
        "Insurer A",
        "--remove",
        "picc-2013-enforcement",
        "--add",
        "wuxi-2022-overseas-liability",
    )
    assert changed["products"] == ["illustrative-337-defence", "wuxi-2022-overseas-liability"]
    listed = as_json(sqlite_url, "org", "list")
    assert listed[0]["products"] == changed["products"]


def test_only_an_insurer_underwrites_products(sqlite_url):
    result = run(
        sqlite_url,
        "org",
        "create",
        "--kind",
        "exporter",
        "--name",
        "Exporter A",
        "--product",
        "illustrative-337-defence",
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: invalid_input: product: only an insurer underwrites products, not a exporter"
    ]


def test_enterprises_are_imported_for_an_exporter_and_given_to_another(sqlite_url):
    as_json(sqlite_url, "org", "create", "--kind", "exporter", "--name", "Exporter A")
    as_json(sqlite_url, "org", "create", "--kind", "exporter", "--name", "Exporter B")
    as_json(sqlite_url, "org", "create", "--kind", "insurer", "--name", "Insurer A")
    assert (
        run(sqlite_url, "enterprise", "import", str(EXAMPLES), "--org", "Exporter A").exit_code == 0
    )
    moved = as_json(sqlite_url, "enterprise", "assign", "sz-led-lighting", "--org", "Exporter B")
    assert moved == {"id": "sz-led-lighting", "organisation": "Exporter B"}
    refused = run(sqlite_url, "enterprise", "assign", "sz-led-lighting", "--org", "Insurer A")
    assert refused.exit_code == 2 and "organisation" in refused.stderr
    neither = run(sqlite_url, "enterprise", "assign", "sz-led-lighting")
    assert neither.exit_code == 2 and "--org ORG or --platform" in neither.stderr
    assert run(sqlite_url, "enterprise", "assign", "sz-led-lighting", "--platform").exit_code == 0


def test_an_application_is_made_listed_approved_and_shown_with_its_grant(sqlite_url):
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
    made = as_json(
        sqlite_url,
        "subsidy",
        "application",
        "apply",
        "--programme",
        "shenzhen",
        "--quote",
        quote["id"],
    )
    assert made["status"] == "submitted" and made["reference"] == quote["id"]
    listed = as_json(sqlite_url, "subsidy", "application", "list", "--status", "submitted")
    assert [item["id"] for item in listed] == [made["id"]]
    approve = ("subsidy", "application", "approve", made["id"], "--idempotency-key", "k1")
    approved = as_json(sqlite_url, *approve)
    assert approved["status"] == "approved"
    assert approved["amount"] == {"amount": "200000.00", "currency": "CNY"}
    assert as_json(sqlite_url, *approve) == approved
    shown = run(sqlite_url, "subsidy", "application", "show", made["id"])
    assert "已批准" in shown.stdout and approved["grant"] in shown.stdout
    grants = as_json(sqlite_url, "subsidy", "grants")
    assert [grant["id"] for grant in grants] == [approved["grant"]]
    rejected = run(
        sqlite_url,
        "subsidy",
        "application",
        "reject",
        made["id"],
        "--reason",
        "late",
        "--idempotency-key",
        "k2",
    )
    assert rejected.exit_code == 2 and "error: invalid_transition" in rejected.stderr

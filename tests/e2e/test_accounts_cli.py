"""``patentshield org|user|token|audit`` end to end through the CLI (CliRunner, SQLite file)."""

import json

from sqlalchemy import text
from typer.testing import CliRunner

from patentshield.cli.main import app
from patentshield.kernel.db import create_engine_for

runner = CliRunner()
PASSWORD = "correct horse battery staple\n"


def run(sqlite_url: str, *args: str, stdin: str | None = None):
    return runner.invoke(app, ["--database-url", sqlite_url, *args], input=stdin)


def ok(sqlite_url: str, *args: str, stdin: str | None = None):
    result = run(sqlite_url, *args, stdin=stdin)
    assert result.exit_code == 0, result.output
    return result


def create_user(sqlite_url: str, email: str, role: str, stdin: str = PASSWORD):
    return run(
        sqlite_url,
        *("user", "create", "--org", "led co", "--email", email),
        *("--role", role, "--password-stdin"),
        stdin=stdin,
    )


def bootstrap(sqlite_url: str) -> None:
    ok(sqlite_url, "org", "create", "--kind", "exporter", "--name", "LED Co", "--region", "440300")
    made = create_user(sqlite_url, "Admin@LED.cn", "exporter_admin")
    assert made.exit_code == 0, made.output


def test_an_organisation_a_user_and_a_token_are_bootstrapped_from_the_cli(sqlite_url):
    bootstrap(sqlite_url)
    orgs = json.loads(ok(sqlite_url, "org", "list", "--format", "json").stdout)
    assert [(o["kind"], o["name"], o["region"]) for o in orgs] == [("exporter", "LED Co", "440300")]
    users = json.loads(ok(sqlite_url, "user", "list", "--format", "json").stdout)
    assert [(u["email"], u["role"]) for u in users] == [("admin@led.cn", "exporter_admin")]
    assert "password" not in json.dumps(users)
    made = ok(
        sqlite_url,
        *("token", "create", "--user", "admin@led.cn", "--scope", "quotes:read"),
        *("--expires", "30d", "--format", "json"),
    )
    token = json.loads(made.stdout)
    assert token["token"].startswith("ps_")
    listed = ok(sqlite_url, "token", "list", "--format", "json").stdout
    assert token["token"] not in listed and json.loads(listed)[0]["scopes"] == ["quotes:read"]
    revoked = json.loads(ok(sqlite_url, "token", "revoke", token["id"], "--format", "json").stdout)
    assert revoked["state"] == "revoked"


def test_bad_input_is_one_line_and_exit_2_and_writes_nothing(sqlite_url):
    bootstrap(sqlite_url)
    short = create_user(sqlite_url, "b@led.cn", "exporter_member", "short\n")
    assert short.exit_code == 2
    assert (
        short.stderr.strip() == "error: invalid_input: password: must have at least 12 characters"
    )
    empty = create_user(sqlite_url, "b@led.cn", "exporter_member", "\n")
    assert empty.exit_code == 2 and "password" in empty.stderr
    wrong_role = create_user(sqlite_url, "b@led.cn", "underwriter")
    assert wrong_role.exit_code == 2 and "role" in wrong_role.stderr
    expires = run(sqlite_url, "token", "create", "--user", "admin@led.cn", "--expires", "soon")
    assert expires.exit_code == 2 and "expires" in expires.stderr
    users = json.loads(ok(sqlite_url, "user", "list", "--format", "json").stdout)
    assert [u["email"] for u in users] == ["admin@led.cn"]


def test_audit_verify_passes_then_reports_an_edited_entry_with_exit_1(sqlite_url, tmp_path):
    bootstrap(sqlite_url)
    intact = ok(sqlite_url, "audit", "verify", "--format", "json")
    assert json.loads(intact.stdout)["intact"] is True
    assert "intact: 2 entries" in ok(sqlite_url, "audit", "verify").stdout
    out = tmp_path / "audit.csv"
    ok(sqlite_url, "audit", "export", "--format", "csv", "--out", str(out))
    assert out.read_text().splitlines()[0].startswith("sequence,at,actor")
    exported = json.loads(ok(sqlite_url, "audit", "export").stdout)
    assert [e["object_type"] for e in exported] == ["organisations", "users"]
    engine = create_engine_for(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_entries SET object_id = 'x' WHERE sequence = 1"))
    engine.dispose()
    broken = run(sqlite_url, "audit", "verify")
    assert broken.exit_code == 1
    assert "broken at entry 1: changed" in broken.stdout


def test_serve_is_listed_and_documents_its_options():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.stdout and "--host" in result.stdout

"""Database failures at the command line: one line, exit status 2, no password, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from patentshield.cli.main import app
from tests.conftest import POSTGRES_URL, require_postgres

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(url: str, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, ["--database-url", url, *args], env=env)


def one_line_exit_2(result: Result) -> str:
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    return result.stderr.strip()


def test_a_read_only_sqlite_database_is_one_line(tmp_path: Path):
    file = tmp_path / "shared.db"
    assert run(f"sqlite:///{file}", "enterprise", "list").exit_code == 0
    read_only = f"sqlite:///file:{file}?mode=ro&uri=true"
    line = one_line_exit_2(
        run(read_only, "enterprise", "import", str(EXAMPLES / "enterprises.yaml"))
    )
    assert line.startswith("error: unavailable: database: ")
    assert "read-only" in line


def test_a_typo_in_a_sqlite_folder_is_refused_instead_of_starting_an_empty_database(
    tmp_path: Path,
):
    url = f"sqlite:///{tmp_path / 'no-such-folder' / 'patentshield.db'}"
    line = one_line_exit_2(run(url, "enterprise", "list"))
    assert line.startswith("error: invalid_input: database_url: the folder ")
    assert "--create-db" in line
    assert not (tmp_path / "no-such-folder").exists()
    assert run(url, "--create-db", "enterprise", "list").exit_code == 0
    assert (tmp_path / "no-such-folder" / "patentshield.db").is_file()


def test_the_folder_is_created_when_the_environment_asks(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'new' / 'patentshield.db'}"
    assert run(url, "enterprise", "list", env={"PATENTSHIELD_CREATE_DB": "1"}).exit_code == 0


def test_postgresql_down_is_one_line_without_the_password():
    url = "postgresql://postgres:s3cret-pw@127.0.0.1:1/test"
    line = one_line_exit_2(run(url, "enterprise", "list"))
    assert line.startswith("error: unavailable: database: cannot use the database ")
    assert "s3cret-pw" not in line
    assert "***" in line


@pytest.mark.postgres
def test_a_missing_postgresql_database_is_one_line_without_the_password():
    require_postgres()
    base = POSTGRES_URL.rsplit("/", 1)[0].replace("postgres@", "postgres:s3cret-pw@")
    line = one_line_exit_2(run(f"{base}/no_such_database_15", "enterprise", "list"))
    assert "no_such_database_15" in line and "does not exist" in line
    assert "s3cret-pw" not in line

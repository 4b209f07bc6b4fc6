"""The evidence vault keeps its guarantees (issue 15, defect 5), through the CLI.

Exports only onto new or regular files; an add is all or nothing and leaves no orphan; a
record edited in the database is found; only regular files are evidence; an exported dossier
can be verified; the same file added twice says so.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest
from typer.testing import Result

from tests.e2e.case_setup import OPEN_1501, Cli, insure_the_led_maker

CASE = "337-TA-1501"


@pytest.fixture
def cli(sqlite_url, tmp_path) -> Cli:
    cli = Cli(sqlite_url, tmp_path / "home")
    insure_the_led_maker(cli)
    cli.json(*OPEN_1501)
    return cli


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def add(cli: Cli, *files: Path | str, by: str = "Li Wei"):
    return cli.run(
        *("evidence", "add", CASE, *map(str, files), "--kind", "rd_records", "--by", by),
        *("--date", "2026-04-20", "--format", "json"),
    )


def vault_files(cli: Cli) -> list[Path]:
    root = cli.home / "evidence"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def one_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def export(cli: Cli, out: Path | str):
    return cli.run(
        *("evidence", "export", CASE, "--respondent", "sz-led-lighting", "--out", str(out)),
        *("--date", "2026-04-30"),
    )


def test_an_export_never_replaces_a_device_or_fifo_with_the_zip(cli, tmp_path):
    assert add(cli, write(tmp_path, "a.txt", "design log")).exit_code == 0
    fifo = tmp_path / "full"
    os.mkfifo(fifo)
    assert "is not a regular file" in one_line(export(cli, fifo))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".full-")]


def test_an_export_into_a_folder_that_cannot_be_written_is_one_line(cli, tmp_path):
    assert add(cli, write(tmp_path, "a.txt", "design log")).exit_code == 0
    assert "error: invalid_input: out: cannot write" in one_line(
        export(cli, "/proc/self/dossier.zip")
    )


def test_adding_a_good_and_a_missing_file_adds_neither(cli, tmp_path):
    good = write(tmp_path, "good.txt", "good")
    assert "does not exist" in one_line(add(cli, good, tmp_path / "missing.txt"))
    assert cli.json("evidence", "list", CASE) == []
    assert vault_files(cli) == []


def test_a_value_too_long_for_its_column_leaves_no_orphan_in_the_vault(cli, tmp_path):
    line = one_line(add(cli, write(tmp_path, "a.txt", "design log"), by="x" * 100_000))
    assert line.startswith("error: invalid_input: added_by: ")
    assert vault_files(cli) == []


def test_proc_entries_are_not_evidence(cli):
    assert "not a regular file" in one_line(add(cli, "/proc/self/environ"))
    assert vault_files(cli) == []


def test_the_same_file_added_twice_says_so(cli, tmp_path):
    first = json.loads(add(cli, write(tmp_path, "a.txt", "design log")).stdout)
    again = add(cli, write(tmp_path, "copy.txt", "design log"))
    assert again.exit_code == 0
    assert f"is already evidence {first[0]['id']}" in again.stderr
    assert json.loads(again.stdout)[0]["id"] == first[0]["id"]
    assert len(cli.json("evidence", "list", CASE)) == 1


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE evidence_files SET size = size + 1",
        "UPDATE evidence_files SET filename = 'other.txt'",
        "SWAP",
    ],
)
def test_a_record_edited_in_the_database_no_longer_verifies(cli, tmp_path, edit):
    add(cli, write(tmp_path, "a.txt", "design log"), write(tmp_path, "b.txt", "search"))
    assert cli.run("evidence", "verify", CASE).exit_code == 0
    with sqlite3.connect(cli.url.removeprefix("sqlite:///")) as connection:
        if edit == "SWAP":  # each record now names the other's intact file
            shas = dict(connection.execute("SELECT filename, sha256 FROM evidence_files"))
            for name, sha in (("a.txt", "swapping"), ("b.txt", shas["a.txt"])):
                connection.execute(
                    "UPDATE evidence_files SET sha256 = ? WHERE filename = ?", (sha, name)
                )
            connection.execute(
                "UPDATE evidence_files SET sha256 = ? WHERE filename = 'a.txt'", (shas["b.txt"],)
            )
        else:
            connection.execute(edit + " WHERE filename = 'a.txt'")
    checked = cli.run("evidence", "verify", CASE, "--format", "json")
    assert checked.exit_code == 1
    states = {c["filename"]: c["state"] for c in json.loads(checked.stdout)}
    assert "record_altered" in states.values()


def test_an_exported_dossier_is_verified_against_its_manifest(cli, tmp_path):
    add(cli, write(tmp_path, "a.txt", "design log"), write(tmp_path, "b.txt", "search"))
    dossier = tmp_path / "dossier.zip"
    assert export(cli, dossier).exit_code == 0
    verified = cli.run("evidence", "verify-dossier", str(dossier), "--format", "json")
    assert verified.exit_code == 0, verified.output
    assert {d["state"] for d in json.loads(verified.stdout)["documents"]} == {"intact"}
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(dossier) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, b"forged" if info.filename.endswith("a.txt") else content)
        target.writestr("documents/other/extra.txt", b"slipped in")
    report = cli.run("evidence", "verify-dossier", str(tampered), "--format", "json")
    assert report.exit_code == 1
    documents = json.loads(report.stdout)["documents"]
    states = {d["path"].rsplit("/", 1)[-1].rsplit("-", 1)[-1]: d["state"] for d in documents}
    assert states["a.txt"] == "altered"
    assert states["b.txt"] == "intact"
    assert states["extra.txt"] == "unlisted"


def test_a_file_that_is_not_a_dossier_is_one_line(cli, tmp_path):
    assert "not a ZIP dossier" in one_line(
        cli.run("evidence", "verify-dossier", str(write(tmp_path, "x.zip", "no zip")))
    )

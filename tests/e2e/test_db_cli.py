"""``patentshield db backup | restore | check`` through the command line (SQLite)."""

from __future__ import annotations

import json

from tests.e2e.case_setup import OPEN_1501, Cli, insure_the_led_maker


def test_backup_restore_into_a_new_installation_and_check(sqlite_url, tmp_path):
    cli = Cli(sqlite_url, tmp_path / "home")
    insure_the_led_maker(cli)
    cli.json(*OPEN_1501)
    note = tmp_path / "lab.txt"
    note.write_text("design log", encoding="utf-8")
    cli.json(*("evidence", "add", "337-TA-1501", str(note), "--kind", "rd_records"), "--by", "Li")
    archive = tmp_path / "backup.zip"
    made = cli.json("db", "backup", str(archive))
    assert made["vault_files"] == 1 and made["tables"]["policies"]["rows"] == 1
    fresh = Cli(f"sqlite:///{tmp_path / 'restored.db'}", tmp_path / "home2")
    restored = fresh.json("db", "restore", str(archive))
    assert restored["differences"] == []
    assert restored["tables"] == made["tables"]
    checked = fresh.run("db", "check", "--format", "json")
    assert checked.exit_code == 0, checked.output
    assert [finding["ok"] for finding in json.loads(checked.stdout)] == [True] * 4
    again = fresh.run("db", "restore", str(archive))
    assert again.exit_code == 2
    assert again.stderr.startswith("error: invalid_input: replace: ")


def test_backup_refuses_to_replace_a_device_and_restore_a_file_that_is_no_backup(
    sqlite_url, tmp_path
):
    cli = Cli(sqlite_url, tmp_path / "home")
    refused = cli.run("db", "backup", "/dev/null")
    assert refused.exit_code == 2 and "not a regular file" in refused.stderr
    bogus = tmp_path / "bogus.zip"
    bogus.write_text("not a zip", encoding="utf-8")
    result = cli.run("db", "restore", str(bogus))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid_input: file: ")

"""Reading files at an edge: regular files only, bounded sizes, bounded YAML and JSON."""

from __future__ import annotations

import gzip
import json
import os
from datetime import date
from pathlib import Path

import pytest

from patentshield.kernel import inputs
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.limits import MAX_NESTING, MAX_YAML_NODES

ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


def test_a_384_byte_alias_bomb_is_refused_before_it_is_built():
    assert len(ALIAS_BOMB) < 400
    with pytest.raises(InvalidInput) as refused:
        inputs.load_yaml(ALIAS_BOMB, field="file", source="bomb.yaml")
    assert refused.value.field == "file"
    assert f"{MAX_YAML_NODES:,}" in refused.value.reason


def test_a_few_aliases_are_still_read():
    document = inputs.load_yaml("a: &x [1, 2]\nb: *x\n", field="file", source="ok.yaml")
    assert document == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 100_000])
def test_yaml_nested_too_deeply_is_one_clear_error(depth):
    text = "[" * depth + "]" * depth
    with pytest.raises(InvalidInput, match=f"deeper than {MAX_NESTING}"):
        inputs.load_yaml(text, field="file", source="deep.yaml")


def test_an_unquoted_date_that_does_not_exist_stays_text_for_its_validator():
    document = inputs.load_yaml("expiry: 2026-02-30\nfrom: 2026-02-28\n", field="f", source="s")
    assert document == {"expiry": "2026-02-30", "from": date(2026, 2, 28)}


def test_a_yaml_integer_of_5000_digits_is_one_clear_error():
    with pytest.raises(InvalidInput, match="not valid"):
        inputs.load_yaml("n: " + "9" * 5000, field="file", source="big.yaml")


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 100_000])
def test_json_nested_too_deeply_is_one_clear_error(depth):
    with pytest.raises(InvalidInput, match=f"deeper than {MAX_NESTING}"):
        inputs.load_json("[" * depth + "]" * depth, field="file", source="deep.json")


def test_a_json_integer_of_5000_digits_is_one_clear_error():
    with pytest.raises(InvalidInput, match="5000 digits"):
        inputs.load_json('{"n": ' + "9" * 5000 + "}", field="file", source="feed.json")


def test_a_json_text_with_an_escaped_nul_is_refused():
    with pytest.raises(InvalidInput, match="NUL"):
        inputs.load_json(json.dumps({"name": "a\x00b"}), field="file", source="feed.json")


def test_a_gzip_bomb_is_refused_after_a_bounded_expansion():
    payload = gzip.compress(b"\x00" * (3 * 2**20))
    with pytest.raises(InvalidInput, match="expands to more than 2 MiB"):
        inputs.gunzip(payload, field="file", source="bomb.gz", limit=2 * 2**20)


def test_gzip_with_several_members_expands_them_all():
    payload = gzip.compress(b"ab") + gzip.compress(b"cd")
    assert inputs.gunzip(payload, field="file", source="x.gz") == b"abcd"


def test_a_truncated_gzip_file_is_refused():
    with pytest.raises(InvalidInput, match="truncated"):
        inputs.gunzip(gzip.compress(b"x" * 1000)[:-12], field="file", source="x.gz")


def test_a_symlink_to_dev_zero_is_not_a_regular_file(tmp_path: Path):
    link = tmp_path / "endless.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(InvalidInput, match="not a regular file"):
        inputs.read_text(link)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InvalidInput, match="not a regular file"):
        inputs.read_bytes(fifo)


def test_proc_entries_are_refused_although_they_claim_to_be_regular_files():
    with pytest.raises(InvalidInput, match="not a regular file on disk"):
        inputs.read_bytes(Path("/proc/self/environ"))


def test_a_file_over_the_limit_is_refused_with_the_limit(tmp_path: Path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(InvalidInput, match="larger than"):
        inputs.read_bytes(path, limit=1024)


def test_a_nul_byte_in_a_text_file_is_refused(tmp_path: Path):
    path = tmp_path / "names.csv"
    path.write_bytes(b"id,name\nx,Bright\x00way\n")
    with pytest.raises(InvalidInput, match="NUL"):
        inputs.read_text(path)


def test_a_directory_is_refused(tmp_path: Path):
    with pytest.raises(InvalidInput, match="directory"):
        inputs.read_bytes(tmp_path)

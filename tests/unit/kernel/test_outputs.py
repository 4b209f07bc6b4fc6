"""Files are written atomically and only onto new or regular files."""

import os
from pathlib import Path

import pytest

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.outputs import check_target, write_atomically


@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_a_device_is_never_a_target(device):
    with pytest.raises(InvalidInput, match="not a regular file") as refused:
        check_target(Path(device), field="out")
    assert refused.value.field == "out"


def test_a_symbolic_link_is_not_followed_or_replaced(tmp_path: Path):
    target = tmp_path / "real.zip"
    target.write_bytes(b"old")
    link = tmp_path / "link.zip"
    link.symlink_to(target)
    with pytest.raises(InvalidInput):
        write_atomically(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"old"


def test_a_regular_file_is_replaced_whole_and_no_temporary_is_left(tmp_path: Path):
    out = tmp_path / "sub" / "out.bin"
    write_atomically(out, b"first")
    write_atomically(out, b"second")
    assert out.read_bytes() == b"second"
    assert os.listdir(out.parent) == ["out.bin"]


def test_a_folder_that_cannot_be_written_is_one_clear_error():
    with pytest.raises(InvalidInput, match="cannot write"):
        write_atomically(Path("/proc/self/out.bin"), b"x", field="out")

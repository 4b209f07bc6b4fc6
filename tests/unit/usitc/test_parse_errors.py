"""Files that are not USITC feeds give one clear error; fuzzed bytes never crash the parser."""

import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.kernel.errors import ExternalDataError
from patentshield.kernel.limits import MAX_DECOMPRESSED_BYTES
from patentshield.usitc.feed import parse_feed

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "usitc"
PLAIN = (FIXTURES / "ids_title_case.json").read_bytes()
PACKED = (FIXTURES / "ids_title_case.json.gz").read_bytes()


@pytest.mark.parametrize(
    ("name", "field", "words"),
    [
        ("ids_title_case_truncated.json", "file", "is not valid JSON"),
        ("ids_title_case_truncated.json.gz", "file", "damaged or truncated gzip"),
        ("not_json.html", "file", "is not valid JSON"),
        ("wrong_schema.json", "data", "none of the 2 rows"),
        ("data_not_a_list.json", "data", "has no 'data' list"),
        ("empty.json", "file", "is empty"),
    ],
)
def test_a_file_that_is_not_a_usitc_feed_raises_external_data_error(name, field, words):
    with pytest.raises(ExternalDataError) as raised:
        parse_feed((FIXTURES / name).read_bytes(), source=name)
    assert raised.value.field == field
    assert words in raised.value.message
    assert name in raised.value.message


def test_a_truncated_file_names_the_line_and_column_where_it_stops():
    with pytest.raises(ExternalDataError, match=r"line \d+, column \d+"):
        parse_feed(PLAIN[:5000], source="cut")


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(ExternalDataError, match="not UTF-8"):
        parse_feed(b'{"data": ["\xff\xfe"]}', source="latin")


def test_a_json_scalar_is_not_a_feed():
    with pytest.raises(ExternalDataError, match="holds a JSON int"):
        parse_feed(b"42", source="scalar")


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=len(PLAIN) - 1), st.binary(min_size=1, max_size=8))
def test_fuzzed_bytes_either_parse_or_raise_external_data_error(position, noise):
    fuzzed = PLAIN[:position] + noise + PLAIN[position + len(noise) :]
    try:
        parsed = parse_feed(fuzzed, source="fuzz")
    except ExternalDataError:
        return
    assert parsed.rows >= len(parsed.rejected)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=len(PLAIN.rstrip()) - 1))
def test_every_truncation_of_a_feed_is_refused(cut):
    with pytest.raises(ExternalDataError):
        parse_feed(PLAIN[:cut], source="cut")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=len(PACKED) - 1))
def test_every_truncation_of_a_gzip_feed_is_refused(cut):
    with pytest.raises(ExternalDataError):
        parse_feed(PACKED[:cut], source="cut.gz")


def _gzip_of_zeros(mebibytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\x00" * 2**20
    return b"".join(packer.compress(chunk) for _ in range(mebibytes)) + packer.flush()


def test_a_gzip_bomb_is_refused_once_it_expands_past_the_limit():
    bomb = _gzip_of_zeros(MAX_DECOMPRESSED_BYTES // 2**20 + 1)
    assert len(bomb) < 2**20
    with pytest.raises(ExternalDataError, match="expands to more than") as raised:
        parse_feed(bomb, source="bomb.json.gz")
    assert raised.value.field == "file"


def test_a_5000_digit_integer_in_a_feed_is_one_clear_error():
    payload = b'{"data": [{"Investigation Number": ' + b"7" * 5000 + b"}]}"
    with pytest.raises(ExternalDataError, match="5000 digits"):
        parse_feed(payload, source="digits.json")


def test_a_feed_nested_100000_deep_is_one_clear_error():
    with pytest.raises(ExternalDataError, match="deeper than"):
        parse_feed(b"[" * 100_000 + b"]" * 100_000, source="deep.json")

"""Files that are not USITC feeds give one clear error; fuzzed bytes never crash the parser."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.kernel.errors import ExternalDataError
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

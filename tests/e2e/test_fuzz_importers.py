"""Fuzz tier: every importer given hostile files, on both databases.

Enterprise YAML and CSV, USITC feeds (JSON, gzip), the risk parameter file and the catalog
file: a hostile field in an otherwise valid record, or a hostile document (nested too deep, an
alias bomb, a huge integer, not UTF-8, truncated, not the right shape). Each must exit 2 with
one line and leave every table as it was.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.config import Settings
from tests.e2e.hostile import FUZZ, Edge, hostile_amounts, hostile_dates
from tests.factories import runtime_of
from tests.unit.kernel.test_inputs import ALIAS_BOMB

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "enterprises.yaml"
FEED = ROOT / "tests" / "fixtures" / "usitc" / "info337.json"

STRUCTURES = st.sampled_from(
    [
        ALIAS_BOMB,
        "[" * 100_000 + "]" * 100_000,
        "n: " + "9" * 5000,
        "- {id: [unclosed",
        "just text",
        "\tbad: indentation:\n- x",
    ]
)
"""Hostile documents that no YAML importer may accept."""

BYTES = st.one_of(
    st.binary(min_size=1, max_size=64).filter(lambda b: b.strip(b" \t\r\n") != b""),
    st.sampled_from(
        [
            gzip.compress(b'{"data": [')[:-8],
            gzip.compress(b"[" * 100_000 + b"]" * 100_000),
            b'{"data": [{"Investigation Number": ' + b"7" * 5000 + b"}]}",
            b'[{"investigationNo": "337-TA-1", "title": "a\\u0000b"}]',
            b"\xff\xfe\x00",
        ]
    ),
)
"""Hostile feed files: random bytes, truncated or nested gzip, huge integers, NUL, not UTF-8."""


def _sz_record() -> Any:
    document = yaml.safe_load(EXAMPLES.read_text("utf-8"))
    record = document["enterprises"][0]
    return json.loads(json.dumps(record, default=str))


HOSTILE_FIELDS: list[tuple[st.SearchStrategy[object], Callable[[Any, object], None]]] = [
    (hostile_amounts(), lambda r, v: r["product_classes"][0].update(annual_us_sales_usd=v)),
    (hostile_dates(), lambda r, v: r["patents"][0].update(expiry=v)),
    (
        st.from_regex(r"[A-Z ]{1,10}|[a-z]{65,80}|-[a-z]+", fullmatch=True),
        lambda r, v: r.update(id=v),
    ),
    (
        st.text(string_alphabet := "ABCDEFGH0123456789", min_size=1, max_size=17),
        lambda r, v: r.update(credit_code=v),
    ),
    (st.sampled_from(["999999", "abc", "44030", "4403066", ""]), lambda r, v: r.update(region=v)),
]


def hostile_record(data: st.DataObject) -> Any:
    record = _sz_record()
    strategy, apply = data.draw(st.sampled_from(HOSTILE_FIELDS))
    apply(record, data.draw(strategy))
    return record


def as_csv(record: Any) -> str:
    classes = ";".join(
        f"{c['name']}:{'|'.join(c['hts'])}:{c['annual_us_sales_usd']}"
        for c in record["product_classes"]
    )
    patents = ";".join(
        f"{p['jurisdiction']}:{p['number']}:{p['kind']}:{p.get('expiry', '')}::{p['title']}"
        for p in record["patents"]
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "name", "credit_code", "region", "product_classes", "patents"])
    writer.writerow(
        [record["id"], record["name"], record["credit_code"], record["region"], classes, patents]
    )
    return buffer.getvalue()


def test_hostile_files_are_refused_by_every_importer_in_one_line(database, tmp_path):
    home = tmp_path / "home"
    import_enterprises(runtime_of(database, settings=Settings(home=home)), EXAMPLES)
    edge = Edge(database, home)
    counter = iter(range(10**6))

    def write(suffix: str, content: str | bytes) -> str:
        path = tmp_path / f"hostile-{next(counter)}{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    @FUZZ
    @given(data=st.data())
    def refused(data: st.DataObject) -> None:
        kind = data.draw(
            st.sampled_from(["yaml", "csv", "structure", "feed", "row", "params", "catalog"])
        )
        if kind == "yaml":
            edge.refused(
                "enterprise", "import", write(".yaml", yaml.safe_dump([hostile_record(data)]))
            )
        elif kind == "csv":
            edge.refused("enterprise", "import", write(".csv", as_csv(hostile_record(data))))
        elif kind == "structure":
            edge.refused("enterprise", "import", write(".yaml", data.draw(STRUCTURES)))
        elif kind == "feed":
            edge.refused("usitc", "import", write(".json", data.draw(BYTES)))
        elif kind == "row":
            records = json.loads(FEED.read_text("utf-8"))
            records[0]["dateComplaintFiled"] = data.draw(hostile_dates())
            edge.refused("usitc", "import", "--strict", write(".json", json.dumps(records)))
        elif kind == "params":
            file = write(".yaml", data.draw(STRUCTURES))
            edge.refused(
                "risk", "simulate", "--enterprise", "sz-led-lighting", "--parameters", file
            )
        else:
            file = write(".yaml", data.draw(STRUCTURES))
            edge.refused("catalog", "list", env={"PATENTSHIELD_CATALOG_FILE": file})

    refused()

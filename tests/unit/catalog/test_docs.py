"""docs/catalog.md stays true to the shipped catalog, and its example file is valid."""

from __future__ import annotations

import re
from pathlib import Path

from patentshield.catalog.coverage import responds_to_337
from patentshield.catalog.loader import load_catalog, parse_catalog
from patentshield.catalog.model import ARTICLE, ARTICLE_REF, CostCategory, Cover

PAGE = Path(__file__).resolve().parents[3] / "docs" / "catalog.md"
SYMBOLS = {Cover.COVERED: "C", Cover.NOT_COVERED: "–", Cover.UNCLEAR: "?"}


def _matrix_rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in PAGE.read_text("utf-8").splitlines():
        found = re.match(r"\| `([a-z0-9-]+)` (v\d+) \|(.*)\|$", line)
        if found:
            rows[f"{found[1]} {found[2]}"] = [cell.strip() for cell in found[3].split("|")]
    return rows


def test_the_coverage_matrix_matches_every_shipped_version() -> None:
    expected = {
        f"{p.id} v{p.version}": [SYMBOLS[p.cover_for(c)] for c in CostCategory]
        + [responds_to_337(p).value]
        for p in load_catalog().entries
    }
    assert _matrix_rows() == expected


def test_every_shipped_version_is_described_with_its_sources() -> None:
    page = PAGE.read_text("utf-8")
    for product in load_catalog().entries:
        assert f"#### `{product.id}` v{product.version}:" in page
        for source in product.sources:
            assert f"[{source.ref}] <{source.url}>" in page or (
                source.ref == ARTICLE_REF and f"[{ARTICLE_REF}] {ARTICLE}" in page
            )


def test_the_example_catalog_file_of_the_page_is_valid() -> None:
    example = re.search(r"```yaml\n(.*?)```", PAGE.read_text("utf-8"), re.DOTALL)
    assert example is not None
    catalog = parse_catalog(example[1], source="docs/catalog.md")
    assert catalog.ids() == ("example-overseas-liability",)

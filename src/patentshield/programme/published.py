"""Published IP-insurance figures (national white paper, PICC, city pilots) as shipped data.

The file ``programme/data/published.yaml`` holds each figure with its source tag and address
(DOMAIN.md §4.2–4.4). :func:`published_figures` returns its rows as JSON with amounts as
money (CNY), for ``programme stats`` to show beside the book's own figures. The file is read
once per process, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from patentshield.kernel.errors import ExternalDataError
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money

MONEY_FIELDS = ("sums_insured", "premiums", "subsidies_paid", "claims_paid")


def _row(raw: object) -> dict[str, JsonValue]:
    if not isinstance(raw, dict) or "source" not in raw:
        raise ExternalDataError(f"programme/data/published.yaml: a row without a source: {raw!r}")
    row: dict[str, JsonValue] = {
        key: value for key, value in raw.items() if key not in MONEY_FIELDS
    }
    for key in MONEY_FIELDS:
        if key in raw:
            row[key] = Money.of(str(raw[key]), "CNY").to_json()
    return row


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, JsonValue], ...]:
    text = resources.files("patentshield.programme").joinpath("data", "published.yaml")
    document = yaml.safe_load(text.read_text("utf-8"))
    if not isinstance(document, dict) or not isinstance(document.get("published"), list):
        raise ExternalDataError("programme/data/published.yaml has no list 'published'")
    return tuple(_row(raw) for raw in document["published"])


def published_figures() -> list[dict[str, JsonValue]]:
    """Return the published figures, in file order."""
    return [dict(row) for row in _rows()]

"""Industries: the shipped vocabulary of industry tags and Shenzhen's strategic clusters.

``data/industries.csv`` holds each tag with its English and Chinese names and whether it lies
within Shenzhen's 20 strategic emerging industry clusters — our reading, explained in the file's
header — which the Shenzhen premium subsidy requires (DOMAIN.md §4.3, [R77]).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from functools import lru_cache

from patentshield.enterprises.data_files import read_table
from patentshield.enterprises.model import Industry
from patentshield.kernel.errors import ExternalDataError, InvalidInput

_COLUMNS = ("id", "name", "name_zh", "shenzhen_strategic", "note")


def _flag(text: str) -> bool:
    if text not in ("true", "false"):
        raise ExternalDataError(
            f"data/industries.csv: shenzhen_strategic {text!r} is not true/false"
        )
    return text == "true"


@lru_cache(maxsize=1)
def load_industries() -> Mapping[str, Industry]:
    """Return the industry vocabulary, by tag (read once, then cached)."""
    rows = read_table("industries.csv", _COLUMNS)
    return {
        row["id"]: Industry(
            row["id"], row["name"], row["name_zh"], _flag(row["shenzhen_strategic"]), row["note"]
        )
        for row in rows
    }


def find_industry(tag: str, *, field: str = "industries") -> Industry:
    """Return the industry for ``tag``, or raise :class:`InvalidInput` suggesting close tags."""
    vocabulary = load_industries()
    found = vocabulary.get(tag.strip())
    if found is not None:
        return found
    close = difflib.get_close_matches(tag.strip(), list(vocabulary), n=3)
    hint = (
        f"; did you mean {', '.join(close)}?" if close else "; see enterprises/data/industries.csv"
    )
    raise InvalidInput(field, f"unknown industry {tag!r}{hint}")


def shenzhen_strategic_tags() -> frozenset[str]:
    """Return the tags read as lying within Shenzhen's 20 strategic emerging clusters."""
    return frozenset(
        tag for tag, industry in load_industries().items() if industry.shenzhen_strategic
    )


def is_shenzhen_strategic(tags: Iterable[str]) -> bool:
    """Tell whether any of ``tags`` lies within Shenzhen's strategic emerging clusters."""
    return not shenzhen_strategic_tags().isdisjoint(tags)

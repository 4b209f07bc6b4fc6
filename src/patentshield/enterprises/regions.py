"""Regions: resolve a 6-digit administrative division code against the shipped table.

``data/regions.csv`` lists the 34 provincial-level divisions and the prefectures and districts
exporters here need (source and scope in its header). :func:`resolve_region` turns a code into
a :class:`~patentshield.enterprises.model.Region` holding the province, city and district that
contain it. A well-formed code missing from the table is still accepted when its first two
digits name a listed province — the region then says it is not listed, and the importer warns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from patentshield.enterprises.data_files import read_table
from patentshield.enterprises.model import Division, DivisionLevel, Region
from patentshield.kernel.errors import InvalidInput

_CODE = re.compile(r"^[1-9]\d{5}$")


@lru_cache(maxsize=1)
def load_divisions() -> Mapping[str, Division]:
    """Return every division of the shipped table, by code (read once, then cached)."""
    rows = read_table("regions.csv", ("code", "level", "name", "name_zh"))
    return {
        row["code"]: Division(row["code"], DivisionLevel(row["level"]), row["name"], row["name_zh"])
        for row in rows
    }


def provinces() -> tuple[Division, ...]:
    """Return the provincial-level divisions (provinces, municipalities, SARs), by code."""
    return tuple(d for d in load_divisions().values() if d.code.endswith("0000"))


def _containing(code: str) -> tuple[Division, ...]:
    table = load_divisions()
    candidates = dict.fromkeys((code[:2] + "0000", code[:4] + "00", code))
    return tuple(table[c] for c in candidates if c in table)


def resolve_region(value: object, *, field: str = "region") -> Region:
    """Return the region of a 6-digit division code given as text or an integer.

    Raises
    ------
    InvalidInput
        When the code is not 6 digits or its first two digits are no listed province.
    """
    code = str(value).strip()
    if isinstance(value, bool) or not _CODE.match(code):
        raise InvalidInput(field, f"{code!r} is not a 6-digit administrative division code")
    divisions = _containing(code)
    if not divisions or not divisions[0].code.endswith("0000"):
        raise InvalidInput(field, f"{code!r}: {code[:2]} is not a provincial-level division code")
    return Region(code, divisions)


def unlisted_reason(region: Region) -> str:
    """Explain, for a warning, that ``region``'s code is not in the shipped table."""
    known = region.name or "no listed division"
    return (
        f"{region.code} is not in the shipped region table; accepted as part of {known} "
        "(check the code against the Ministry of Civil Affairs list)"
    )

"""Read the reference tables shipped in ``enterprises/data/`` (regions, industries).

The tables are CSV files whose leading ``#`` lines state their source and scope; they are read
through :mod:`importlib.resources`, so an installed wheel works offline. Nothing is read at
import time: callers cache what they build from the rows.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

from patentshield.kernel.errors import ExternalDataError


def read_table(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Return the rows of the shipped table ``name`` as dicts keyed by ``columns``.

    Raises
    ------
    ExternalDataError
        When the file's header is not exactly ``columns`` (a packaging mistake).
    """
    text = resources.files("patentshield.enterprises").joinpath("data", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if tuple(reader.fieldnames or ()) != columns:
        raise ExternalDataError(f"data/{name} must have the columns {', '.join(columns)}")
    return [{key: (value or "").strip() for key, value in row.items()} for row in reader]

"""The type of a JSON document as the services hand it to the edges (CLI, files, HTTP).

Serialisers in the capabilities build these values; the CLI prints them. Keeping the alias
here, away from the CLI plumbing, lets pure serialisers import it without a framework.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

JsonValue: TypeAlias = (
    str | int | float | bool | None | Sequence["JsonValue"] | Mapping[str, "JsonValue"]
)

"""Recall@k and mean reciprocal rank of a ranking method on the labelled evaluation set.

An :class:`EvalQuery` is one product description with the investigations that concern it
(``benchmarks/watch_eval/queries.csv``; how it was made is in its README). A method is any
function from a query to a ranked list of investigation numbers. For each query,
``recall@k = |relevant ∩ top k| / |relevant|`` and the reciprocal rank is ``1 / rank`` of the
first relevant number (0 when none is ranked); :func:`evaluate` averages both per split and
language.

This module is pure: it parses text already read and calls the method it is given.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from patentshield.kernel.errors import ExternalDataError

_COLUMNS = ("id", "product", "split", "language", "hts", "relevant", "text")


@dataclass(frozen=True, slots=True)
class EvalQuery:
    """One labelled query: a product description and the investigations that concern it."""

    id: str
    product: str
    split: str
    language: str
    hts: str
    relevant: frozenset[str]
    text: str


@dataclass(frozen=True, slots=True)
class Score:
    """Mean recall@k and MRR of a method on the queries of one split and language."""

    split: str
    language: str
    queries: int
    recall: float
    mrr: float


Method = Callable[[EvalQuery], Sequence[str]]
"""A ranking method: the investigation numbers it ranks for a query, best first."""


def parse_queries(text: str) -> list[EvalQuery]:
    """Parse ``queries.csv``; raise :class:`ExternalDataError` on a malformed file."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise ExternalDataError(f"the evaluation set must have the columns {', '.join(_COLUMNS)}")
    queries = [
        EvalQuery(
            id=row["id"],
            product=row["product"],
            split=row["split"],
            language=row["language"],
            hts=row["hts"],
            relevant=frozenset(n.strip() for n in row["relevant"].split(";") if n.strip()),
            text=row["text"],
        )
        for row in reader
    ]
    empty = [query.id for query in queries if not query.relevant or not query.text]
    if empty:
        raise ExternalDataError(f"query {empty[0]} has no text or no relevant investigation")
    return queries


def recall_at(ranked: Sequence[str], relevant: frozenset[str], k: int) -> float:
    """Return the share of ``relevant`` found in the first ``k`` of ``ranked``.

    >>> recall_at(["a", "x", "b"], frozenset({"a", "b", "c", "d"}), 2)
    0.25
    """
    return len(relevant & set(ranked[:k])) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: frozenset[str]) -> float:
    """Return ``1 / rank`` of the first relevant item of ``ranked`` (0 when there is none).

    >>> reciprocal_rank(["x", "y", "b"], frozenset({"b"}))
    0.3333333333333333
    """
    return next((1 / rank for rank, key in enumerate(ranked, 1) if key in relevant), 0.0)


def evaluate(queries: Sequence[EvalQuery], method: Method, *, k: int = 10) -> list[Score]:
    """Return recall@``k`` and MRR of ``method`` per split and language, in a stable order."""
    groups: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for query in queries:
        ranked = list(method(query))
        pair = (recall_at(ranked, query.relevant, k), reciprocal_rank(ranked, query.relevant))
        groups.setdefault((query.split, query.language), []).append(pair)
    return [
        Score(
            split=split,
            language=language,
            queries=len(pairs),
            recall=sum(recall for recall, _ in pairs) / len(pairs),
            mrr=sum(rr for _, rr in pairs) / len(pairs),
        )
        for (split, language), pairs in sorted(groups.items())
    ]

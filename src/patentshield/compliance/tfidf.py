"""TF-IDF vectors and cosine scores over weighted features, and the plain TF-IDF baseline.

:class:`TfidfIndex` turns each document's features (a feature → weight mapping) into an
L2-normalised TF-IDF vector with the smoothed inverse document frequency
``idf(f) = ln((1 + n) / (1 + df(f))) + 1`` (n documents, df(f) of them have the feature) —
the defaults of scikit-learn's ``TfidfVectorizer``, written out so the package needs no
scikit-learn. A query is weighted the same way; features no document has are dropped.

:func:`plain_tokens` is the baseline's reading of a text: scikit-learn's default token pattern
(runs of two or more word characters, lower-cased) and nothing else — no stemming, no stop
words, no vocabulary. A Chinese description is then one or two long "words" that no English
title contains, which is why the baseline fails on Chinese.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

Features = Mapping[str, float]

_PLAIN_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def plain_tokens(text: str) -> dict[str, float]:
    """Return the baseline's term counts of ``text``.

    >>> plain_tokens("LED lamps and LED drivers")
    {'led': 2.0, 'lamps': 1.0, 'and': 1.0, 'drivers': 1.0}
    """
    counts = Counter(_PLAIN_TOKEN.findall(text.casefold()))
    return {token: float(count) for token, count in counts.items()}


class TfidfIndex:
    """TF-IDF vectors of a fixed set of documents, scored against queries by cosine."""

    def __init__(self, documents: Sequence[Features]) -> None:
        count = len(documents)
        frequency: Counter[str] = Counter()
        for document in documents:
            frequency.update(feature for feature, weight in document.items() if weight > 0)
        self.idf = {
            feature: math.log((1 + count) / (1 + seen)) + 1 for feature, seen in frequency.items()
        }
        self.vectors = [self.vector(document) for document in documents]

    def vector(self, features: Features) -> dict[str, float]:
        """Return the L2-normalised TF-IDF vector of ``features`` (unknown features dropped)."""
        raw = {
            feature: weight * self.idf[feature]
            for feature, weight in features.items()
            if weight > 0 and feature in self.idf
        }
        norm = math.sqrt(sum(value * value for value in raw.values()))
        return {feature: value / norm for feature, value in raw.items()} if norm else {}

    def scores(self, query: Features) -> list[float]:
        """Return the cosine of ``query`` with every document, in document order."""
        wanted = self.vector(query)
        return [
            sum(value * document.get(feature, 0.0) for feature, value in wanted.items())
            for document in self.vectors
        ]

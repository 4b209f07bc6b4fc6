"""Rank the investigations of the record against a product description, with the reasons.

Each investigation's title and each product description are read as concepts and words
(``compliance/text.py``). Both become weighted features — the concepts named (weight
:attr:`Weights.concept`), their broader concepts (:attr:`Weights.broader`, less for each step
up) and the English content words (:attr:`Weights.word`) — scored by TF-IDF cosine
(``compliance/tfidf.py``). A shared HS heading adds :attr:`Weights.heading`: the product's
declared code and its concepts' headings against the investigation's HTS numbers (imported
feeds) and its concepts' headings. A Chinese description meets an English title through the
concepts, so Chinese and English rank alike.

The weights were set on the tuning queries of ``benchmarks/watch_eval`` only; the benchmark
reports the unseen queries (``docs/compliance.md``).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from patentshield.compliance.text import Analyser, Analysis
from patentshield.compliance.tfidf import TfidfIndex
from patentshield.usitc.records import Investigation


@dataclass(frozen=True, slots=True)
class Subject:
    """Something a product can be matched with: an investigation or a docketed complaint."""

    key: str
    title: str
    hts_codes: tuple[str, ...] = ()
    kind: str = "investigation"
    source: str = "shipped"
    year: int | None = None


def record_subjects(investigations: Sequence[Investigation]) -> list[Subject]:
    """Return the investigations (and docketed complaints) of the record as subjects."""
    return [
        Subject(
            key=record.number,
            title=record.title or "",
            hts_codes=record.hts_numbers,
            kind=record.kind.value,
            source=record.source.value,
            year=record.year(),
        )
        for record in investigations
    ]


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the features and the heading bonus (dimensionless), and the score floor."""

    concept: float = 1.0
    broader: float = 0.45
    step: float = 0.6
    word: float = 0.6
    heading: float = 0.15
    floor: float = 0.05


@dataclass(frozen=True, slots=True)
class Match:
    """A subject that concerns the product: its score and why."""

    subject: Subject
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Read:
    analysis: Analysis
    features: dict[str, float]
    headings: frozenset[str]


def heading(code: str) -> str | None:
    """Return the 4-digit HS heading of an HS/HTS code (``None`` with fewer than 4 digits).

    >>> heading("9403.10.0040"), heading("85")
    ('9403', None)
    """
    digits = "".join(character for character in code if character.isdigit())
    return digits[:4] if len(digits) >= 4 else None


class WatchIndex:
    """The subjects of the record, read once, ranked against any number of products."""

    def __init__(
        self, subjects: Sequence[Subject], analyser: Analyser, weights: Weights | None = None
    ) -> None:
        self.subjects = tuple(subjects)
        self.analyser = analyser
        self.weights = weights or Weights()
        self._reads = [self._read(s.title, s.hts_codes) for s in self.subjects]
        self._tfidf = TfidfIndex([read.features for read in self._reads])

    def rank(self, text: str, *, hts: Sequence[str] = (), top: int = 10) -> list[Match]:
        """Return the ``top`` subjects that concern ``text``, best first (score above the floor)."""
        query = self._read(text, tuple(hts))
        scored: list[Match] = []
        for subject, read, cosine in zip(
            self.subjects, self._reads, self._tfidf.scores(query.features), strict=True
        ):
            shared = sorted(query.headings & read.headings)
            score = cosine + (self.weights.heading if shared else 0.0)
            if score > self.weights.floor:
                reasons = self._reasons(query, read, shared)
                scored.append(Match(subject, round(score, 4), reasons))
        scored.sort(key=lambda match: (-match.score, match.subject.key))
        return scored[:top]

    def _read(self, text: str, hts: tuple[str, ...]) -> _Read:
        analysis = self.analyser.analyse(text)
        return _Read(analysis, self._features(analysis), self._headings(analysis, hts))

    def _features(self, analysis: Analysis) -> dict[str, float]:
        weights, vocabulary = self.weights, self.analyser.vocabulary
        found: dict[str, float] = {}
        for concept in analysis.concepts():
            found[f"c:{concept}"] = weights.concept
            for depth, broader in enumerate(vocabulary.ancestors(concept)):
                weight = weights.broader * weights.step**depth
                found[f"c:{broader}"] = max(found.get(f"c:{broader}", 0.0), weight)
        for stem in analysis.stems:
            found[f"w:{stem}"] = found.get(f"w:{stem}", 0.0) + weights.word
        return found

    def _headings(self, analysis: Analysis, hts: tuple[str, ...]) -> frozenset[str]:
        vocabulary = self.analyser.vocabulary
        codes = list(hts)
        for concept in analysis.concepts():
            codes.extend(vocabulary.concept(concept).headings)
        return frozenset(found for found in (heading(code) for code in codes) if found)

    def _reasons(self, query: _Read, read: _Read, shared: list[str]) -> tuple[str, ...]:
        vocabulary = self.analyser.vocabulary
        reasons: list[str] = []
        mine, theirs = query.analysis.concepts(), read.analysis.concepts()
        for concept in (c for c in mine if c in theirs):
            reasons.append(
                f"product: '{query.analysis.surface_of(concept)}' ~ "
                f"'{read.analysis.surface_of(concept)}' ({vocabulary.concept(concept).label()})"
            )
        direct = set(mine) & set(theirs)
        families = [
            key[2:]
            for key in query.features
            if key.startswith("c:") and key[2:] not in direct and key in read.features
        ]
        if families and not direct:
            labels = ", ".join(vocabulary.concept(family).label() for family in families[:3])
            reasons.append(f"product family: {labels}")
        common = [
            key[2:] for key in query.features if key.startswith("w:") and key in read.features
        ]
        if common:
            reasons.append("words: " + ", ".join(common))
        reasons.extend(f"product class: HS heading {code}" for code in shared)
        return tuple(reasons)

"""The bilingual product vocabulary: concepts with HS headings and English and Chinese terms.

A :class:`Concept` is a kind of product (``desk``, ``led_lamp``) with the HS 2022 headings it
usually falls under, its broader concepts (``desk`` → ``furniture``) and the terms that name
it in English and Chinese. The :class:`Vocabulary` is reference data of the runtime
(``runtime.reference.get(Vocabulary)``); :meth:`Vocabulary.shipped` reads
``compliance/data/vocabulary.csv`` (source and date in its header and in
``data/PROVENANCE.md``). A term may name one concept only: the parser refuses a file where two
concepts share a term, or where a broader concept does not exist or loops back.

This module is pure: it parses text already read; :meth:`Vocabulary.shipped` reads the
package's own data file and nothing else.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TypeVar

from patentshield.compliance.words import phrase_stems
from patentshield.kernel.errors import ExternalDataError, RecordError

_COLUMNS = ("concept", "hs", "broader", "en", "zh")
K = TypeVar("K", str, tuple[str, ...])


@dataclass(frozen=True, slots=True)
class Concept:
    """A kind of product, its HS headings, broader concepts and its terms in both languages."""

    id: str
    headings: tuple[str, ...]
    broader: tuple[str, ...]
    english: tuple[str, ...]
    chinese: tuple[str, ...]

    def label(self) -> str:
        """Return the concept's first English term (how reasons name it)."""
        return self.english[0] if self.english else self.id


class Vocabulary:
    """Concepts by id, and the English phrases and Chinese terms that name them."""

    def __init__(self, concepts: Sequence[Concept], *, source: str) -> None:
        self.source = source
        self._concepts = {concept.id: concept for concept in concepts}
        errors = _structure_errors(concepts, self._concepts)
        self._english, english_errors = _term_index(
            concepts, lambda concept: ((phrase_stems(t), t) for t in concept.english)
        )
        self._chinese, chinese_errors = _term_index(
            concepts, lambda concept: ((t, t) for t in concept.chinese)
        )
        errors += english_errors + chinese_errors
        if errors:
            raise ExternalDataError(
                f"{len(errors)} error(s) in {source}; first: {errors[0]}", field="vocabulary"
            )
        self.longest_phrase = max((len(key) for key in self._english), default=1)

    @classmethod
    def shipped(cls) -> Vocabulary:
        """Return the vocabulary shipped in ``compliance/data/vocabulary.csv``."""
        name = "vocabulary.csv"
        text = resources.files("patentshield.compliance").joinpath("data", name).read_text("utf-8")
        return parse_vocabulary(text, source=f"compliance/data/{name}")

    def __len__(self) -> int:
        return len(self._concepts)

    def concept(self, concept_id: str) -> Concept:
        """Return the concept ``concept_id``."""
        return self._concepts[concept_id]

    def concepts(self) -> tuple[Concept, ...]:
        """Return every concept, in file order."""
        return tuple(self._concepts.values())

    def english_concept(self, stems: tuple[str, ...]) -> str | None:
        """Return the concept an English phrase (as stems) names, if any."""
        return self._english.get(stems)

    def chinese_concept(self, term: str) -> str | None:
        """Return the concept a Chinese term names, if any."""
        return self._chinese.get(term)

    def chinese_terms(self) -> tuple[str, ...]:
        """Return every Chinese term, longest first (for scanning compounds)."""
        return tuple(sorted(self._chinese, key=len, reverse=True))

    def ancestors(self, concept_id: str) -> tuple[str, ...]:
        """Return every broader concept of ``concept_id``, nearest first, without repeats."""
        found: list[str] = []
        frontier = list(self._concepts[concept_id].broader)
        while frontier:
            current = frontier.pop(0)
            if current not in found:
                found.append(current)
                frontier.extend(self._concepts[current].broader)
        return tuple(found)


def _structure_errors(
    concepts: Sequence[Concept], by_id: Mapping[str, Concept]
) -> list[RecordError]:
    errors: list[RecordError] = []
    if len(by_id) != len(concepts):
        errors.append(RecordError("file", "concept", "a concept id is used twice"))
    for concept in concepts:
        for broader in concept.broader:
            if broader not in by_id:
                errors.append(RecordError(concept.id, "broader", f"{broader!r} is not a concept"))
    for concept in concepts:
        if not errors and _loops(concept.id, by_id):
            errors.append(RecordError(concept.id, "broader", "the broader concepts loop back"))
    return errors


def _loops(start: str, by_id: Mapping[str, Concept]) -> bool:
    seen: set[str] = set()
    frontier = list(by_id[start].broader)
    while frontier:
        current = frontier.pop()
        if current == start:
            return True
        if current not in seen:
            seen.add(current)
            frontier.extend(by_id[current].broader)
    return False


def _term_index(
    concepts: Sequence[Concept],
    terms_of: Callable[[Concept], Iterable[tuple[K, str]]],
) -> tuple[dict[K, str], list[RecordError]]:
    index: dict[K, str] = {}
    errors: list[RecordError] = []
    for concept in concepts:
        for key, term in terms_of(concept):
            if not key:
                errors.append(RecordError(concept.id, "term", f"{term!r} has no content word"))
            elif index.setdefault(key, concept.id) != concept.id:
                errors.append(
                    RecordError(concept.id, "term", f"{term!r} also names {index[key]!r}")
                )
    return index, errors


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.replace(";", "|").split("|") if part.strip())


def parse_vocabulary(text: str, *, source: str) -> Vocabulary:
    """Parse the vocabulary CSV (``#`` lines are its header comment).

    Raises
    ------
    ExternalDataError
        When the columns are wrong, a row has no id or no term, or the terms clash.
    """
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise ExternalDataError(f"{source} must have the columns {', '.join(_COLUMNS)}")
    concepts = [
        Concept(
            id=(row["concept"] or "").strip(),
            headings=_split(row["hs"] or ""),
            broader=tuple(part for part in _split(row["broader"] or "")),
            english=_split((row["en"] or "").casefold()),
            chinese=_split((row["zh"] or "").casefold()),
        )
        for row in reader
    ]
    missing = [c.id or "?" for c in concepts if not c.id or not (c.english or c.chinese)]
    if missing:
        raise ExternalDataError(f"{source}: concept {missing[0]!r} has no id or no term")
    return Vocabulary(concepts, source=source)

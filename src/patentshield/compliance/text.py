"""Read a product description or a USITC title as concepts and words, in English or Chinese.

* **English**: the words (``compliance/words.py``) are matched against the vocabulary's
  phrases, longest first and without overlap ("vacuum insulated flask" before "vacuum"); every
  content word is kept as well.
* **Chinese**: the text is segmented with jieba, whose dictionary ships inside its wheel
  (nothing is downloaded), after the vocabulary's Chinese terms were added to it so they come
  out whole. A segment that is a term names its concept; a longer segment names every term of
  two or more characters inside it and, because Chinese compounds put the head noun last (台灯
  is a kind of 灯), the term it ends with. Latin runs inside Chinese text (LED, GPS, 4G) are
  read as English.

jieba is imported on first use of Chinese text only, so ``patentshield --help`` and English
matching never load it. This module is pure: no database, no clock; jieba keeps its dictionary
cache in the temporary folder.
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
import weakref
from dataclasses import dataclass, field
from typing import Protocol

from patentshield.compliance.vocabulary import Vocabulary
from patentshield.compliance.words import Word, words

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-']*")


@dataclass(frozen=True, slots=True)
class ConceptHit:
    """A concept found in a text and the words of the text that named it."""

    concept: str
    surface: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """What a text says: the concepts it names (in order) and its content words (stems)."""

    hits: tuple[ConceptHit, ...]
    stems: tuple[str, ...]
    surfaces: dict[str, str] = field(default_factory=dict)

    def concepts(self) -> tuple[str, ...]:
        """Return the concepts named, without repeats, in order."""
        return tuple(dict.fromkeys(hit.concept for hit in self.hits))

    def surface_of(self, concept: str) -> str:
        """Return the words that named ``concept`` first."""
        return next(hit.surface for hit in self.hits if hit.concept == concept)


class Segmenter(Protocol):
    """Cuts Chinese text into words."""

    def cut(self, text: str) -> list[str]:
        """Return the words of ``text`` in order."""
        ...


class JiebaSegmenter:
    """jieba's tokenizer with the vocabulary's Chinese terms added, built on first use."""

    def __init__(self, terms: tuple[str, ...]) -> None:
        self._terms = terms
        self._tokenizer: object | None = None
        self._lock = threading.Lock()

    def cut(self, text: str) -> list[str]:
        """Return jieba's segmentation of ``text`` (precise mode, no HMM for new words)."""
        tokenizer = self._ready()
        return [str(piece) for piece in tokenizer.lcut(text, HMM=False)]  # type: ignore[attr-defined]

    def _ready(self) -> object:
        with self._lock:
            if self._tokenizer is None:
                self._tokenizer = _jieba_tokenizer(self._terms)
            return self._tokenizer


def _jieba_tokenizer(terms: tuple[str, ...]) -> object:
    with warnings.catch_warnings():
        # jieba 0.42 imports pkg_resources, which newer setuptools deprecate.
        warnings.simplefilter("ignore", DeprecationWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for term in terms:
        tokenizer.add_word(term, freq=2_000_000)
    return tokenizer


class Analyser:
    """Reads texts against one vocabulary (a jieba segmenter is built on first Chinese text)."""

    def __init__(self, vocabulary: Vocabulary, segmenter: Segmenter | None = None) -> None:
        self.vocabulary = vocabulary
        self._segmenter = segmenter or JiebaSegmenter(vocabulary.chinese_terms())

    def analyse(self, text: str) -> Analysis:
        """Return the concepts and words of ``text`` (English, Chinese or both)."""
        if not _CJK.search(text):
            return self._english(words(text))
        latin = " ".join(_LATIN.findall(text))
        english = self._english(words(latin))
        hits = self._chinese(text.casefold())
        return Analysis(hits=english.hits + hits, stems=english.stems)

    def _english(self, found: list[Word]) -> Analysis:
        hits: list[ConceptHit] = []
        position, longest = 0, self.vocabulary.longest_phrase
        while position < len(found):
            for size in range(min(longest, len(found) - position), 0, -1):
                window = found[position : position + size]
                concept = self.vocabulary.english_concept(tuple(w.stem for w in window))
                if concept is not None:
                    hits.append(ConceptHit(concept, " ".join(w.surface for w in window)))
                    position += size
                    break
            else:
                position += 1
        return Analysis(hits=tuple(hits), stems=tuple(w.stem for w in found))

    def _chinese(self, text: str) -> tuple[ConceptHit, ...]:
        hits: list[ConceptHit] = []
        for segment in self._segmenter.cut(text):
            segment = segment.strip()
            if not segment or not _CJK.search(segment):
                continue
            concept = self.vocabulary.chinese_concept(segment)
            if concept is not None:
                hits.append(ConceptHit(concept, segment))
            else:
                hits.extend(self._inside(segment))
        return tuple(hits)

    def _inside(self, segment: str) -> list[ConceptHit]:
        """Terms inside a segment that is not itself a term (compounds)."""
        found: list[ConceptHit] = []
        for term in self.vocabulary.chinese_terms():
            inside = len(term) >= 2 and term in segment
            if inside or (len(term) < len(segment) and segment.endswith(term)):
                concept = self.vocabulary.chinese_concept(term)
                if concept is not None:
                    found.append(ConceptHit(concept, term))
        return found


_ANALYSERS: weakref.WeakKeyDictionary[Vocabulary, Analyser] = weakref.WeakKeyDictionary()
_ANALYSERS_LOCK = threading.Lock()


def analyser_for(vocabulary: Vocabulary) -> Analyser:
    """Return the analyser of ``vocabulary``, built once (jieba's set-up takes a second)."""
    with _ANALYSERS_LOCK:
        found = _ANALYSERS.get(vocabulary)
        if found is None:
            found = _ANALYSERS[vocabulary] = Analyser(vocabulary)
        return found

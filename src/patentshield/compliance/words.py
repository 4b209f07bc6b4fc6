"""English words of a product description: tokens, a light stemmer and stop words.

Product descriptions and USITC titles are short noun phrases, so a light suffix stripper is
enough to meet "lamps" with "lamp" and "lighting" with "light"; it is not a linguistic stemmer.
Words that only frame a USITC title ("certain … and components thereof, and products
containing same") are stop words, and so is the word right before "thereof" (the packaging or
parts *of* the accused product, not the product).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z0-9]+")
_WORD_RUN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

_STOP_TEXT = """
    a an and are as at be by for from in into is it its of on or the to with without via
    certain same thereof therefor containing contain contains including include includes
    related such other using used made make thereby therewith having has same
    component components product products part parts system systems device devices
    apparatus method methods process processes manual manuals article articles
    new high quality best cheap oem odm wholesale factory supplier manufacturer custom
    customized customised china chinese export usa us market brand series model type style
    pcs piece pieces unit units kit ii iii iv v i
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words that carry no product meaning in titles or descriptions."""


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: as written (folded to lower case) and its stem."""

    surface: str
    stem: str


def stem(word: str) -> str:
    """Return the light stem of a lower-case word.

    >>> [stem(w) for w in ("lamps", "batteries", "switches", "lighting", "insulated", "glass")]
    ['lamp', 'battery', 'switch', 'light', 'insulat', 'glass']
    """
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes", "zes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 5 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[Word]:
    """Return the words of ``text`` in order, hyphenated words split into their parts.

    Numbers alone (sizes, wattages) and stop words are dropped, and so is a word followed by
    "thereof".

    >>> [w.stem for w in words("Height-adjustable desk platforms and components thereof")]
    ['height', 'adjustabl', 'desk', 'platform']
    """
    parts: list[str] = []
    for run in _WORD_RUN.findall(text.casefold()):
        parts.extend(_TOKEN.findall(run))
    kept: list[Word] = []
    for position, part in enumerate(parts):
        following = parts[position + 1] if position + 1 < len(parts) else ""
        if part in STOP_WORDS or part.isdigit() or following == "thereof":
            continue
        kept.append(Word(part, stem(part)))
    return kept


def phrase_stems(term: str) -> tuple[str, ...]:
    """Return the stems of a vocabulary term, stop words kept out the same way as in text."""
    return tuple(word.stem for word in words(term))

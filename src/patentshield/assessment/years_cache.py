"""Simulated years kept for reuse: one simulation of an exporter serves every product and quote.

``recommend`` applies every product's terms to the same simulated years, a risk-rated plan
iterates its premium on them, and a risk-rated quote for the same exporter, parameters, seed
and years reuses them instead of simulating again. Entries are keyed by :class:`YearsKey`: a
digest of the exporter's exposure profile, a digest of the parameter values, the seed, the
number of years and the model (its version and block size). Threads and progress reporting
are not part of the key: they never change a result.

A runtime holds one cache among its reference data (``runtime.reference.get(YearsCache)``,
empty at first): the HTTP API's process runtime shares it between requests, a CLI command has
its own. The least recently used entries are dropped beyond ``capacity`` entries or
``max_bytes`` of arrays. Kept years are read-only: every caller gets the same arrays. Two
requests missing the same key at the same moment may both simulate (the lock guards the
table, not the simulation); both get the same numbers.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Protocol

from patentshield.risk.exposure import ExposureProfile
from patentshield.risk.montecarlo import BLOCK_SIMS, block_count
from patentshield.risk.parameters import Parameters
from patentshield.risk.serialise import MODEL_VERSION
from patentshield.risk.simulate import SimulatedYears, simulate_years

MODEL = f"{MODEL_VERSION}; block_sims {BLOCK_SIMS}"
"""What else the simulated numbers depend on: the model's version and its block size."""


class Simulator(Protocol):
    """What simulates an exporter's years (:func:`~patentshield.risk.simulate.simulate_years`)."""

    def __call__(
        self,
        parameters: Parameters,
        profile: ExposureProfile,
        *,
        years: int,
        seed: int,
        threads: int = 1,
        on_block: Callable[[int], None] | None = None,
    ) -> SimulatedYears:
        """Return the simulated years."""
        ...


def _digest(document: object) -> str:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), allow_nan=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def profile_digest(profile: ExposureProfile) -> str:
    """Return the SHA-256 of an exposure profile (classes, sales and modifiers).

    >>> from patentshield.risk.exposure import ClassExposure
    >>> one = ExposureProfile((ClassExposure("lamps", 94, 1e6),))
    >>> profile_digest(one) == profile_digest(ExposureProfile((ClassExposure("lamps", 94, 2e6),)))
    False
    """
    return _digest(asdict(profile))


def parameters_digest(parameters: Parameters) -> str:
    """Return the SHA-256 of the parameter values (where they came from does not count)."""
    return _digest(parameters.values)


@dataclass(frozen=True, slots=True)
class YearsKey:
    """What a set of simulated years depends on."""

    profile: str
    parameters: str
    seed: int
    years: int
    model: str = MODEL

    @classmethod
    def of(
        cls, parameters: Parameters, profile: ExposureProfile, *, seed: int, years: int
    ) -> YearsKey:
        """Return the key of simulating ``years`` years of ``profile`` under ``parameters``."""
        return cls(profile_digest(profile), parameters_digest(parameters), seed, years)


class YearsCache:
    """Simulated years by :class:`YearsKey`, least recently used dropped first.

    ``simulations`` counts the simulations run and ``hits`` the answers taken from the cache
    (what tests and benchmarks read). ``capacity`` 0 keeps nothing: every request simulates.
    """

    def __init__(
        self,
        *,
        capacity: int = 8,
        max_bytes: int = 512 * 2**20,
        simulate: Simulator = simulate_years,
    ) -> None:
        self.capacity = capacity
        self.max_bytes = max_bytes
        self.simulations = 0
        self.hits = 0
        self._simulate = simulate
        self._entries: OrderedDict[YearsKey, SimulatedYears] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def shipped(cls) -> YearsCache:
        """Return an empty cache: what a runtime starts with (the reference data's loader)."""
        return cls()

    def __len__(self) -> int:
        """Return how many simulated years are kept."""
        return len(self._entries)

    def years(
        self,
        parameters: Parameters,
        profile: ExposureProfile,
        *,
        years: int,
        seed: int,
        threads: int = 1,
        on_block: Callable[[int], None] | None = None,
    ) -> SimulatedYears:
        """Return the simulated years of ``profile``, simulating them only when not kept.

        ``on_block`` is told of each block simulated; years taken from the cache tell it of
        all their blocks at once, so a progress task still ends complete.
        """
        key = YearsKey.of(parameters, profile, seed=seed, years=years)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            else:
                self.simulations += 1
        if found is not None:
            if on_block is not None:
                on_block(block_count(years))
            return found
        simulated = self._simulate(
            parameters, profile, years=years, seed=seed, threads=threads, on_block=on_block
        )
        self._keep(key, simulated)
        return simulated

    def _keep(self, key: YearsKey, simulated: SimulatedYears) -> None:
        if self.capacity < 1 or simulated.nbytes > self.max_bytes:
            return
        simulated.read_only()  # shared between callers: nobody may change them
        with self._lock:
            self._entries[key] = simulated
            self._entries.move_to_end(key)
            while len(self._entries) > self.capacity or self._held() > self.max_bytes:
                self._entries.popitem(last=False)

    def _held(self) -> int:
        return sum(entry.nbytes for entry in self._entries.values())

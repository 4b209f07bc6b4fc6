"""Exposure: how often complaints reach an exporter's product classes and name the exporter.

Model (DESIGN.md §3 "Frequency", DOMAIN.md §5; parameters in ``risk/data/parameters.yaml``):

* New investigations per year ``λ`` (calibration), split over the USITC product classes by
  their shares [R36]; a class's rate is spread over its HTS chapters in proportion to US
  imports from China in each chapter. Chapters no class lists belong to ``other``.
* A year shock ``G ~ Gamma(k, 1/k)`` with ``k = λ² / (v − λ)`` multiplies every rate, so the
  yearly count has the published over-dispersion ``v`` (negative binomial) and classes move
  together.
* Each complaint names ``K = 1 + NB(r, p)`` respondents; a share ``π ~ Beta(α, β)`` of them
  are Chinese, ``N = Binomial(K, π)`` (drawn by thinning, :func:`draw_complaints`).
* The exporter is one of the ``N`` with probability ``1 − (1 − s·m)^N``: ``s`` is its share of
  US imports from China in the chapter (its annual US sales over the chapter's imports) and
  ``m`` the product of its modifiers (past 337 case, own US patents, NPE-heavy class,
  compliance programme). Summed over every exporter of the chapter this hands out, on
  average, exactly the ``N`` Chinese respondents of each complaint: the published counts
  are distributed over exporters in proportion to their US sales.
* A complaint that does not name the exporter can still end in a general exclusion order that
  reaches its products: ``P = P(GEO | N) × min(1, g·s·m)``, the investigation's chance of a
  GEO given its ``N`` Chinese respondents (:mod:`patentshield.risk.investigations`).

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.distributions import FloatArray, IntArray
from patentshield.risk.parameters import Parameters

NPE_HEAVY_CHAPTERS = frozenset({84, 85})
"""Chapters of computer/telecom and consumer electronics, where NPE complaints concentrate."""


@dataclass(frozen=True, slots=True)
class ClassExposure:
    """One product class of an exporter: its HTS chapter and annual US sales (USD)."""

    name: str
    chapter: int
    annual_us_sales_usd: float

    def __post_init__(self) -> None:
        if self.annual_us_sales_usd < 0:
            raise InvalidInput("annual_us_sales", "must not be negative")


@dataclass(frozen=True, slots=True)
class ExposureProfile:
    """What the exposure model needs to know about an exporter.

    ``compliance_programme`` applies the exposure modifier of a programme; ``compliant`` (a
    compliance score at or above ``compliance.compliant_score``) also lowers the exporter's
    default chance and raises its early exits (:mod:`patentshield.risk.simulate`).
    """

    classes: tuple[ClassExposure, ...]
    past_itc_case: bool = False
    own_us_patents: bool = False
    compliance_programme: bool = False
    compliant: bool = False


@dataclass(frozen=True, slots=True)
class ChapterRate:
    """Complaints per year touching one chapter, its import market and the naming intensity."""

    chapter: int
    complaints_per_year: float
    market_usd: float


def _class_of_chapters(parameters: Parameters) -> dict[str, tuple[int, ...]]:
    prefix = "product_class_chapters."
    return {
        path[len(prefix) :]: tuple(int(c) for c in parameters.series(path))
        for path in parameters.values
        if path.startswith(prefix)
    }


def chapter_rate(parameters: Parameters, chapter: int) -> ChapterRate:
    """Return the complaint rate and import market of ``chapter`` (see module docstring)."""
    total = parameters.get("frequency.new_investigations_per_year")
    shares = parameters.group("frequency.product_class_share")
    imports = {
        int(k): v for k, v in parameters.group("us_imports_from_china_usd.by_chapter").items()
    }
    classes = _class_of_chapters(parameters)
    listed = {c for chapters in classes.values() for c in chapters}
    rate = 0.0
    for name, chapters in classes.items():
        if chapter in chapters:
            class_market = sum(imports.get(c, 0.0) for c in chapters)
            rate += total * shares.get(name, 0.0) * imports.get(chapter, 0.0) / class_market
    other_market = parameters.get("us_imports_from_china_usd.total") - sum(
        imports.get(c, 0.0) for c in listed
    )
    if chapter not in listed:
        market = imports.get(chapter, other_market)
        return ChapterRate(
            chapter, total * shares.get("other", 0.0) * market / other_market, market
        )
    return ChapterRate(chapter, rate, imports[chapter])


def modifier(parameters: Parameters, profile: ExposureProfile, chapter: int) -> float:
    """Return the product of the exporter's modifiers for ``chapter``."""
    factor = 1.0
    if profile.past_itc_case:
        factor *= parameters.get("modifiers.past_itc_case")
    if profile.own_us_patents:
        factor *= parameters.get("modifiers.own_us_patents")
    if profile.compliance_programme:
        factor *= parameters.get("modifiers.compliance_programme")
    if chapter in NPE_HEAVY_CHAPTERS:
        factor *= parameters.get("modifiers.npe_heavy_class")
    return factor


def naming_intensity(
    parameters: Parameters, profile: ExposureProfile, item: ClassExposure
) -> float:
    """Return ``s·m`` for one class: share of the chapter's imports times the modifiers (≤ 1)."""
    market = chapter_rate(parameters, item.chapter).market_usd
    share = item.annual_us_sales_usd / market if market > 0 else 0.0
    return min(1.0, share * modifier(parameters, profile, item.chapter))


def year_shock(parameters: Parameters, rng: np.random.Generator, size: int) -> FloatArray:
    """Draw the common year factor ``G`` (mean 1); 1 when counts are not over-dispersed."""
    mean = parameters.get("frequency.new_investigations_per_year")
    variance = parameters.get("frequency.variance_per_year")
    if variance <= mean:
        return np.ones(size)
    shape = mean * mean / (variance - mean)
    return rng.gamma(shape, 1.0 / shape, size)


@dataclass(frozen=True, slots=True)
class Complaints:
    """Complaints drawn for a block: which simulation each belongs to, respondents, Chinese.

    ``respondents`` is empty when the caller did not ask for the count of every respondent.
    """

    simulation: IntArray
    respondents: IntArray
    chinese: IntArray

    def subset(self, mask: np.ndarray) -> Complaints:
        """Return the complaints selected by ``mask`` (a boolean mask or indexes)."""
        respondents = self.respondents[mask] if self.respondents.size else self.respondents
        return Complaints(self.simulation[mask], respondents, self.chinese[mask])


def draw_complaints(
    parameters: Parameters,
    rng: np.random.Generator,
    rates: FloatArray,
    *,
    count_respondents: bool = False,
) -> Complaints:
    """Draw complaints for each simulation with Poisson means ``rates`` (one per simulation).

    ``K − 1 ~ NB(r, p)`` is a Poisson of mean ``Λ ~ Gamma(r, (1 − p)/p)``, and each respondent
    is Chinese with the complaint's share ``π``: the first with probability ``π``, the other
    ``K − 1`` by thinning the Poisson, ``Poisson(Λπ)`` — the same ``N ~ Binomial(K, π)`` with
    cheaper draws. The others, ``Poisson(Λ(1 − π))``, are drawn only with
    ``count_respondents`` (the calibration check counts every respondent).
    """
    counts = rng.poisson(rates).astype(np.int64)
    simulation = np.repeat(np.arange(rates.size, dtype=np.int64), counts)
    total = simulation.size
    r, p = parameters.get("respondents.shifted_nb_r"), parameters.get("respondents.shifted_nb_p")
    mean_others = rng.gamma(r, (1.0 - p) / p, total)
    alpha = parameters.get("respondents.chinese_share_alpha")
    beta = parameters.get("respondents.chinese_share_beta")
    share = rng.beta(alpha, beta, total)
    first = (rng.random(total) < share).astype(np.int64)
    chinese = first + rng.poisson(mean_others * share).astype(np.int64)
    respondents = np.zeros(0, np.int64)
    if count_respondents:
        others = rng.poisson(mean_others * (1.0 - share)).astype(np.int64)
        respondents = chinese + (1 - first) + others
    return Complaints(simulation, respondents, chinese)


def intensities(
    parameters: Parameters,
    chapter: IntArray,
    sales_usd: FloatArray,
    *,
    past_itc_case: np.ndarray,
    own_us_patents: np.ndarray,
    compliance_programme: np.ndarray,
) -> FloatArray:
    """Return ``s·m`` (capped at 1) for many exporters at once; see :func:`naming_intensity`."""
    markets = {int(c): chapter_rate(parameters, int(c)).market_usd for c in np.unique(chapter)}
    market = np.array([markets[int(c)] for c in chapter]) if chapter.size else np.zeros(0)
    factor = np.ones(chapter.size)
    factor *= np.where(past_itc_case, parameters.get("modifiers.past_itc_case"), 1.0)
    factor *= np.where(own_us_patents, parameters.get("modifiers.own_us_patents"), 1.0)
    factor *= np.where(compliance_programme, parameters.get("modifiers.compliance_programme"), 1.0)
    npe_heavy = np.isin(chapter, list(NPE_HEAVY_CHAPTERS))
    factor *= np.where(npe_heavy, parameters.get("modifiers.npe_heavy_class"), 1.0)
    share = np.divide(sales_usd, market, out=np.zeros(chapter.size), where=market > 0)
    capped: FloatArray = np.minimum(1.0, share * factor)
    return capped

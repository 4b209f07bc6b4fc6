"""Build the parameter file the risk engine reads: frequency, respondents, Chinese share, exits.

Each parameter carries its value, unit, sample size, the data it came from and its sources
(:class:`~patentshield.usitc.fits.Parameter`). Loaded data are used where they can answer;
published aggregates (``published_stats.csv``, ``domain_figures.csv``) fill the rest, and the
parameter says which. Rules (``docs/calibration.md``):

* **frequency** — from the imported feed only when it covers at least
  :data:`MIN_COVERED_YEARS` of the :data:`WINDOW_YEARS` complete calendar years before the
  generation date (the shipped sample is a sample and never sets a frequency); else the
  Patexia calendar-year counts 2017–2023. Per product class: HTS-chapter shares of the
  imported feed when :data:`MIN_SAMPLE` investigations carry HTS numbers, else the USITC
  product mix of 2012–2013 [R36] mapped to HTS chapters (derived, DOMAIN.md §5.1);
* **respondents per investigation** and **Chinese share** — from the loaded records whose
  respondent list can be counted (imported feed, shipped sample or both) when there are at
  least :data:`MIN_SAMPLE`; else the published figures [R40][R47];
* **exit probabilities** and **durations** — see :mod:`patentshield.usitc.calibrate_exits`.

This module is pure: no I/O, no database, no clock (the generation date is a parameter).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from patentshield.usitc.calibrate_exits import durations, exit_probabilities
from patentshield.usitc.fits import (
    Basis,
    BetaFit,
    beta_by_moments,
    mean_and_variance,
    shifted_negative_binomial,
)
from patentshield.usitc.records import CHINA, GREATER_CHINA, DataSource, Investigation, RecordKind
from patentshield.usitc.reference import DomainFigure, PublishedFigure

MODEL_VERSION = "usitc-calibration/1"
WINDOW_YEARS = 10
MIN_COVERED_YEARS = 8
MIN_SAMPLE = 20
PRODUCT_CLASSES = {
    "computer_telecom": ("84", "85"),
    "consumer_electronics": ("84", "85"),
    "small_consumer_items": ("39", "94", "95"),
    "pharma_medical": ("30", "90"),
}
"""USITC product classes [R36] and the HTS chapters they map to (DOMAIN.md §5.1, derived)."""

SHIPPED_SOURCE = (
    "patentshield/usitc/data/institutions.csv and determinations.csv: USITC news releases and "
    "Federal Register notices, one source_url per row (data/PROVENANCE.md)"
)
IMPORTED_SOURCE = (
    "USITC IDS investigations.json (https://ids.usitc.gov/investigations.json) or 337Info "
    "records, as imported (raw rows kept in usitc_raw_rows)"
)
UNPUBLISHED = "not published; load data to estimate"


@dataclass(frozen=True, slots=True)
class CalibrationInputs:
    """What the calibration is built from; nothing here is read inside this module."""

    records: Sequence[Investigation]
    selection: str
    generated_on: date
    package_version: str
    published: Sequence[PublishedFigure]
    figures: Sequence[DomainFigure]

    def investigations(self) -> list[Investigation]:
        """Return the instituted investigations (not pre-institution complaints)."""
        return [r for r in self.records if r.kind is RecordKind.INVESTIGATION]

    def imported(self) -> list[Investigation]:
        """Return the investigations read from an imported feed."""
        return [r for r in self.investigations() if r.source is DataSource.IMPORTED]

    def series(self, key: str) -> list[DomainFigure]:
        """Return the shipped DOMAIN.md figures named ``key``."""
        return [figure for figure in self.figures if figure.key == key]

    def published_series(self, metric: str) -> list[PublishedFigure]:
        """Return the published figures of ``metric``, oldest first."""
        return sorted((f for f in self.published if f.metric == metric), key=lambda f: f.year)

    def loaded(self, what: str = "") -> Basis:
        """Return the basis "the loaded investigations" (``what`` narrows it down)."""
        counts = Counter(record.source for record in self.investigations())
        parts = ", ".join(f"{count} {source.value}" for source, count in sorted(counts.items()))
        sources = [IMPORTED_SOURCE] if counts[DataSource.IMPORTED] else []
        sources += [SHIPPED_SOURCE] if counts[DataSource.SHIPPED] else []
        label = f"loaded investigations ({parts or 'none'}; --source {self.selection})"
        return Basis(f"{label}{what}", tuple(sources))


def figures_basis(data: str, figures: Sequence[DomainFigure]) -> Basis:
    """Return the basis of DOMAIN.md figures, with their tags and URLs as sources."""
    return Basis(data, tuple(dict.fromkeys(figure.source() for figure in figures)))


def build_calibration(inputs: CalibrationInputs) -> dict[str, object]:
    """Return the calibration document (``model_version``, ``generated_from``, parameters)."""
    overall, overall_rate = new_investigations_per_year(inputs)
    return {
        "model_version": MODEL_VERSION,
        "generated_from": generated_from(inputs),
        "frequency": {
            "new_investigations_per_year": overall,
            "by_product_class": frequency_by_class(inputs, overall_rate),
        },
        "respondents_per_investigation": respondents_per_investigation(inputs),
        "chinese_share": chinese_share(inputs),
        "exit_probabilities": exit_probabilities(
            inputs.imported(), inputs.published, inputs.figures, basis=inputs.loaded()
        ),
        "durations": durations(
            inputs.investigations(), inputs.published, inputs.figures, basis=inputs.loaded()
        ),
    }


def generated_from(inputs: CalibrationInputs) -> dict[str, object]:
    """Return the provenance block: date, package version, data selection and its size."""
    records = inputs.investigations()
    years = [year for year in (record.year() for record in records) if year is not None]
    return {
        "generated_on": inputs.generated_on.isoformat(),
        "package_version": inputs.package_version,
        "source": inputs.selection,
        "investigations": len(records),
        "imported": len(inputs.imported()),
        "shipped": sum(1 for record in records if record.source is DataSource.SHIPPED),
        "years": [min(years), max(years)] if years else None,
        "published_figures": len(inputs.published),
        "domain_figures": len(inputs.figures),
        "reference_data": "patentshield/usitc/data (see PROVENANCE.md)",
    }


def _window(inputs: CalibrationInputs) -> list[int]:
    last = inputs.generated_on.year - 1
    return list(range(last - WINDOW_YEARS + 1, last + 1))


def new_investigations_per_year(inputs: CalibrationInputs) -> tuple[dict[str, object], float]:
    """Return the parameter "new investigations per calendar year" and its value."""
    window = _window(inputs)
    per_year = Counter(record.year() for record in inputs.imported())
    covered = [year for year in window if per_year[year] > 0]
    unit = "investigations per year"
    if len(covered) >= MIN_COVERED_YEARS:
        counts = [float(per_year[year]) for year in window]
        basis = inputs.loaded(f", institutions per calendar year {window[0]}-{window[-1]}")
        mean = statistics.fmean(counts)
        note = "years without an imported institution count as zero; n counts years"
        variance = statistics.variance(counts)
        return basis.parameter(mean, unit, len(counts), note, variance=variance), mean
    series = inputs.published_series("itc_337_investigations_patexia")
    counts = [figure.value for figure in series]
    basis = Basis(
        f"published_stats.csv itc_337_investigations_patexia CY{series[0].year}-{series[-1].year}",
        tuple(dict.fromkeys(figure.source for figure in series)),
    )
    note = (
        f"the imported feed covers {len(covered)} of the {WINDOW_YEARS} complete years "
        f"{window[0]}-{window[-1]} (need {MIN_COVERED_YEARS}; the shipped sample never sets a "
        "frequency); Patexia counts ITC 337 investigations by calendar year, USITC fiscal-year "
        "counts differ (DOMAIN.md §5.3); n counts years"
    )
    mean = statistics.fmean(counts)
    variance = statistics.variance(counts)
    return basis.parameter(mean, unit, len(counts), note, variance=variance), mean


def frequency_by_class(inputs: CalibrationInputs, rate: float) -> dict[str, object]:
    """Return new investigations per year per HTS chapter (imported) or product class [R36]."""
    with_hts = [record for record in inputs.imported() if record.hts_chapters()]
    if len(with_hts) < MIN_SAMPLE:
        return _published_product_mix(inputs, rate)
    chapters = Counter(chapter for record in with_hts for chapter in record.hts_chapters())
    basis = inputs.loaded(": share naming the HTS chapter x overall frequency")
    n = len(with_hts)
    note = "an investigation naming several chapters counts in each"
    return {
        f"hts_{chapter}": basis.parameter(
            rate * count / n, "investigations per year", n, note, share=count / n
        )
        for chapter, count in sorted(chapters.items())
    }


def _published_product_mix(inputs: CalibrationInputs, rate: float) -> dict[str, object]:
    classes: dict[str, object] = {}
    total = 0.0
    for name, chapters in PRODUCT_CLASSES.items():
        series = inputs.series(f"product_mix_{name}")
        mix = statistics.fmean(figure.value for figure in series)
        total += mix
        basis = figures_basis(
            "domain_figures.csv product mix of new investigations 2012-2013 x overall frequency",
            series,
        )
        note = f"HTS chapters {', '.join(chapters)} (mapping derived, DOMAIN.md §5.1)"
        classes[name] = basis.parameter(
            rate * mix,
            "investigations per year",
            len(series),
            note,
            share=mix,
            hts_chapters=", ".join(chapters),
        )
    residual = Basis("residual of the published product mix")
    classes["other"] = residual.parameter(
        rate * (1 - total),
        "investigations per year",
        None,
        "all other HTS chapters",
        share=1 - total,
    )
    return classes


def respondents_per_investigation(inputs: CalibrationInputs) -> dict[str, object]:
    """Return the respondents-per-investigation mean, variance, median and shifted-NB fit."""
    counts = [
        float(count)
        for count in (record.respondent_count() for record in inputs.investigations())
        if count is not None
    ]
    published = inputs.series("respondents_per_investigation")[0]
    moments = mean_and_variance(counts)
    if moments is None or len(counts) < MIN_SAMPLE:
        return _published_respondents(published, len(counts))
    mean, variance = moments
    n, basis = len(counts), inputs.loaded(" with a countable respondent list")
    imported = sum(1 for record in inputs.imported() if record.respondent_count() is not None)
    scale_to = published if imported < MIN_SAMPLE else None
    distribution = _respondent_distribution(mean, variance, n, basis, scale_to)
    return {
        "mean": basis.parameter(
            mean,
            "respondents",
            n,
            published_mean=published.value,
            published_source=published.source(),
        ),
        "variance": basis.parameter(variance, "respondents^2", n),
        "median": basis.parameter(statistics.median(counts), "respondents", n),
        "distribution": distribution,
    }


def _respondent_distribution(
    mean: float, variance: float, n: int, basis: Basis, scale_to: DomainFigure | None
) -> dict[str, object]:
    """Fit ``K = 1 + NB(r, p)`` by moments; with ``scale_to``, move its mean to that figure.

    Without an imported feed the counts come from the shipped sample, which over-represents
    investigations with long respondent lists (docs/usitc-data.md): its shape ``r`` is kept
    and ``p`` solved from ``1 + r (1 - p) / p`` = the published mean.
    """
    fit = shifted_negative_binomial(mean, variance, shift=1)
    if fit is None:
        lam = basis.parameter(mean - 1, "respondents", n, "not over-dispersed")
        return {"family": "shifted_poisson", "shift": 1, "lambda": lam}
    p = basis.parameter(fit.p, "probability", n, "method of moments")
    if scale_to is not None:
        note = (
            f"solved for the published mean {scale_to.value} with the sample's shape r: "
            "the shipped sample over-represents long respondent lists"
        )
        scaled = fit.r / (fit.r + scale_to.value - fit.shift)
        published_basis = figures_basis(f"{basis.data}; mean from domain_figures.csv", [scale_to])
        p = published_basis.parameter(scaled, "probability", n, note)
    return {
        "family": "shifted_negative_binomial",
        "shift": fit.shift,
        "numpy": "shift + rng.negative_binomial(n=r, p=p)",
        "r": basis.parameter(fit.r, "successes", n, "method of moments"),
        "p": p,
    }


def _published_respondents(published: DomainFigure, loaded: int) -> dict[str, object]:
    basis = figures_basis("domain_figures.csv (published)", [published])
    note = f"{published.note}; only {loaded} loaded investigations have a countable list"
    return {
        "mean": basis.parameter(published.value, "respondents", published.n, note),
        "variance": Basis("none").parameter(None, "respondents^2", loaded, UNPUBLISHED),
        "distribution": {
            "family": "shifted_poisson",
            "shift": 1,
            "lambda": basis.parameter(
                published.value - 1,
                "respondents",
                published.n,
                "published mean minus the shift; no variance is published: Poisson fallback",
            ),
        },
    }


def chinese_share(inputs: CalibrationInputs) -> dict[str, object]:
    """Return the Chinese share of investigations (published, loaded) and of respondents."""
    countable = [r for r in inputs.investigations() if r.respondent_count() is not None]
    return {
        "investigations_naming_chinese": _yearly_share(
            inputs.series("share_investigations_naming_chinese")
        ),
        "investigations_naming_chinese_loaded": _loaded_naming(inputs, countable),
        "respondent_share": _respondent_share(inputs, countable),
    }


def _respondent_share(
    inputs: CalibrationInputs, countable: list[Investigation]
) -> dict[str, object]:
    fractions = [
        (record.respondent_countries() or Counter())[CHINA] / (record.respondent_count() or 1)
        for record in countable
    ]
    moments = mean_and_variance(fractions)
    if moments is None or len(fractions) < MIN_SAMPLE:
        missing = Basis("none").parameter(None, "share of respondents", len(fractions), UNPUBLISHED)
        return {"mean": missing}
    n = len(fractions)
    basis = inputs.loaded("; share of each investigation's respondents from mainland China")
    return {
        "mean": basis.parameter(moments[0], "share of respondents", n),
        "variance": basis.parameter(moments[1], "share^2", n),
        "distribution": {"family": "beta", **_beta(beta_by_moments(*moments), n, basis)},
    }


def _beta(fit: BetaFit | None, n: int, basis: Basis) -> dict[str, object]:
    if fit is None:
        return {"note": "no Beta distribution has this mean and variance"}
    return {
        "alpha": basis.parameter(fit.alpha, "shape", n, "method of moments"),
        "beta": basis.parameter(fit.beta, "shape", n, "method of moments"),
    }


def _yearly_share(series: list[DomainFigure]) -> dict[str, object]:
    periods = ", ".join(figure.period for figure in series)
    basis = figures_basis(
        f"domain_figures.csv yearly share of new investigations naming Chinese firms ({periods})",
        series,
    )
    moments = mean_and_variance([figure.value for figure in series])
    if moments is None:
        return {"mean": basis.parameter(None, "share of investigations", len(series))}
    note = "incl. Hong Kong/Macau/Taiwan where the source says so; n counts years"
    return {
        "mean": basis.parameter(moments[0], "share of investigations", len(series), note),
        "variance": basis.parameter(moments[1], "share^2", len(series), "year-to-year variance"),
        "distribution": {
            "family": "beta",
            **_beta(beta_by_moments(*moments), len(series), basis),
        },
    }


def _loaded_naming(inputs: CalibrationInputs, countable: list[Investigation]) -> dict[str, object]:
    if not countable:
        return {"mainland": Basis("none").parameter(None, "share of investigations", 0)}
    basis = inputs.loaded(" with a countable respondent list")
    n = len(countable)
    mainland = sum(bool(r.names_respondent_from(frozenset({CHINA}))) for r in countable)
    greater = sum(bool(r.names_respondent_from(GREATER_CHINA)) for r in countable)
    return {
        "mainland": basis.parameter(mainland / n, "share of investigations", n),
        "greater_china": basis.parameter(greater / n, "share of investigations", n),
    }

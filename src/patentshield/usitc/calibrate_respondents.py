"""Calibrate respondents: how many an investigation names, how many are Chinese, how many default.

* **Respondents per investigation** — from the loaded records whose respondent list can be
  counted (imported feed, or the shipped institution releases with complete lists) when there
  are at least :data:`MIN_SAMPLE`: mean, variance, median and a shifted negative binomial by
  moments; else the published 4.1 [R40] with a Poisson fallback. 4.1 counts unique parties
  (a party named in several investigations once), so it is a lower bound and only fills in.
* **Chinese share** — the published yearly shares [R47] (year to year), the loaded records'
  share naming a mainland (and a greater-China) respondent, and the distribution the engine
  draws: ``N ~ Binomial(K, π)``, ``π ~ Beta(α, β)`` fitted so that the model reproduces the
  loaded records' mean number of mainland respondents per investigation and share of
  investigations naming one (:func:`~patentshield.usitc.fits.beta_for_naming`).
* **Chinese respondents not defending** — the share of mainland respondents whose
  disposition is a default, among those with a known disposition, when an imported feed has
  at least :data:`MIN_SAMPLE`; else He §5 (citing Wu 2024): 45 of the 74 Chinese respondents of
  2024 defended, so 29 of 74 did not.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import statistics
from collections import Counter

from patentshield.usitc.calibration_inputs import (
    MIN_SAMPLE,
    UNPUBLISHED,
    CalibrationInputs,
    figures_basis,
)
from patentshield.usitc.fits import (
    Basis,
    BetaFit,
    NegativeBinomialFit,
    beta_by_moments,
    beta_for_naming,
    mean_and_variance,
    shifted_negative_binomial,
)
from patentshield.usitc.published import DomainFigure
from patentshield.usitc.records import (
    CHINA,
    GREATER_CHINA,
    DispositionKind,
    Investigation,
    PartyRole,
)

PROBABILITY = "probability"


def _counts(inputs: CalibrationInputs) -> list[float]:
    found = (record.respondent_count() for record in inputs.investigations())
    return [float(count) for count in found if count is not None]


def respondent_fit(inputs: CalibrationInputs) -> NegativeBinomialFit | None:
    """Return ``K = 1 + NB(r, p)`` fitted to the loaded counts (``None`` when too few)."""
    counts = _counts(inputs)
    moments = mean_and_variance(counts)
    if moments is None or len(counts) < MIN_SAMPLE:
        return None
    return shifted_negative_binomial(*moments, shift=1)


def respondents_per_investigation(inputs: CalibrationInputs) -> dict[str, object]:
    """Return the respondents-per-investigation mean, variance, median and shifted-NB fit."""
    counts = _counts(inputs)
    published = inputs.series("respondents_per_investigation")[0]
    moments = mean_and_variance(counts)
    if moments is None or len(counts) < MIN_SAMPLE:
        return _published_respondents(published, len(counts))
    mean, variance = moments
    n, basis = len(counts), inputs.loaded(" with a countable respondent list")
    return {
        "mean": basis.parameter(
            mean,
            "respondents",
            n,
            "the published figure counts unique parties, a lower bound",
            published_mean=published.value,
            published_source=published.source(),
        ),
        "variance": basis.parameter(variance, "respondents^2", n),
        "median": basis.parameter(statistics.median(counts), "respondents", n),
        "distribution": _respondent_distribution(respondent_fit(inputs), mean, n, basis),
    }


def _respondent_distribution(
    fit: NegativeBinomialFit | None, mean: float, n: int, basis: Basis
) -> dict[str, object]:
    """Return ``K = 1 + NB(r, p)`` by moments, or a shifted Poisson without over-dispersion."""
    if fit is None:
        lam = basis.parameter(mean - 1, "respondents", n, "not over-dispersed")
        return {"family": "shifted_poisson", "shift": 1, "lambda": lam}
    return {
        "family": "shifted_negative_binomial",
        "shift": fit.shift,
        "numpy": "shift + rng.negative_binomial(n=r, p=p)",
        "r": basis.parameter(fit.r, "successes", n, "method of moments"),
        "p": basis.parameter(fit.p, PROBABILITY, n, "method of moments"),
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


def _mainland(record: Investigation) -> int:
    return (record.respondent_countries() or Counter())[CHINA]


def _respondent_share(
    inputs: CalibrationInputs, countable: list[Investigation]
) -> dict[str, object]:
    fractions = [_mainland(record) / (record.respondent_count() or 1) for record in countable]
    moments = mean_and_variance(fractions)
    if moments is None or len(fractions) < MIN_SAMPLE:
        missing = Basis("none").parameter(None, "share of respondents", len(fractions), UNPUBLISHED)
        return {"mean": missing}
    n = len(fractions)
    basis = inputs.loaded("; mainland Chinese respondents of each investigation")
    chinese = [float(_mainland(record)) for record in countable]
    total = sum(record.respondent_count() or 0 for record in countable)
    mean_chinese = statistics.fmean(chinese)
    naming = sum(1 for count in chinese if count > 0) / n
    count = respondent_fit(inputs)
    fit = beta_for_naming(mean_chinese, naming, count) if count is not None else None
    if fit is None:
        note = "fallback: Beta by moments of each investigation's mainland share"
        fit, family_note = beta_by_moments(*moments), note
    else:
        family_note = (
            "fitted so that N ~ Binomial(K, Beta) has the loaded mean of mainland respondents per "
            "investigation and the loaded share of investigations naming one"
        )
    return {
        "mean": basis.parameter(sum(chinese) / total, "share of respondents", n),
        "chinese_per_investigation": basis.parameter(mean_chinese, "respondents", n),
        "naming": basis.parameter(naming, "share of investigations", n),
        "variance": basis.parameter(moments[1], "share^2", n, "of each investigation's share"),
        "distribution": {"family": "beta", **_beta(fit, n, basis, family_note)},
    }


def _beta(fit: BetaFit | None, n: int, basis: Basis, note: str) -> dict[str, object]:
    if fit is None:
        return {"note": "no Beta distribution has these moments"}
    return {
        "alpha": basis.parameter(fit.alpha, "shape", n, note),
        "beta": basis.parameter(fit.beta, "shape", n, note),
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
            **_beta(beta_by_moments(*moments), len(series), basis, "method of moments"),
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


def chinese_default(inputs: CalibrationInputs) -> dict[str, object]:
    """Return the share of mainland Chinese respondents that do not defend (default)."""
    known = [
        party.disposition_kind
        for record in inputs.imported()
        if record.respondents_complete.counts_respondents()
        for party in record.parties
        if party.role is PartyRole.RESPONDENT
        and party.country == CHINA
        and party.disposition_kind is not None
    ]
    if len(known) >= MIN_SAMPLE:
        basis = inputs.loaded(": mainland respondents with a known disposition")
        defaulted = sum(1 for kind in known if kind is DispositionKind.DEFAULT)
        return basis.parameter(defaulted / len(known), PROBABILITY, len(known))
    figure = inputs.series("chinese_respondents_defended")[0]
    total = figure.n or 0
    note = (
        f"{figure.note}; {total - figure.value:.0f} of {total} did not defend; the imported feed "
        f"has {len(known)} mainland respondents with a disposition (need {MIN_SAMPLE})"
    )
    basis = figures_basis("domain_figures.csv (the article, He §5)", [figure])
    return basis.parameter((total - figure.value) / total, PROBABILITY, total, note)

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
* **respondents per investigation**, **Chinese share** and the **Chinese respondents not
  defending** — see :mod:`patentshield.usitc.calibrate_respondents`;
* **exit probabilities**, **decisions, remedies** and **durations** — see
  :mod:`patentshield.usitc.calibrate_exits`.

This module is pure: no I/O, no database, no clock (the generation date is a parameter).
"""

from __future__ import annotations

import statistics
from collections import Counter

from patentshield.usitc.calibrate_exits import durations, exit_probabilities
from patentshield.usitc.calibrate_respondents import (
    chinese_default,
    chinese_share,
    respondents_per_investigation,
)
from patentshield.usitc.calibration_inputs import (
    MIN_SAMPLE,
    CalibrationInputs,
    figures_basis,
)
from patentshield.usitc.fits import Basis
from patentshield.usitc.records import DataSource

__all__ = ["MODEL_VERSION", "CalibrationInputs", "build_calibration"]

MODEL_VERSION = "usitc-calibration/2"
"""Version 2: respondents from the complete lists, the Chinese share fitted to the counts, the
Chinese default share, violation among contested decisions, the GEO share of orders and the
early-exit months (version 1 scaled respondents to 4.1 and had no-violation among decisions)."""
WINDOW_YEARS = 10
MIN_COVERED_YEARS = 8
PRODUCT_CLASSES = {
    "computer_telecom": ("84", "85"),
    "consumer_electronics": ("84", "85"),
    "small_consumer_items": ("39", "94", "95"),
    "pharma_medical": ("30", "90"),
}
"""USITC product classes [R36] and the HTS chapters they map to (DOMAIN.md §5.1, derived)."""


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
        "exit_probabilities": {
            **exit_probabilities(
                inputs.imported(), inputs.published, inputs.figures, basis=inputs.loaded()
            ),
            "respondent": {"chinese_default": chinese_default(inputs)},
        },
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

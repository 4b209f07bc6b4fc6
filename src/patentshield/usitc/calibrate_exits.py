"""Calibrate how investigations end and how long they take (part of the parameter file).

Exit probabilities, decisions and remedies come from the imported feed when it holds at
least :data:`MIN_DECIDED` investigations that ended (decided on the merits, with an order);
the shipped sample never sets them (its determinations were found by searching
announcements, so decided cases are over-represented). Otherwise:

* early exit before a decision = settlement or consent order + withdrawal, the USITC shares
  of original investigations terminated FY2006–FY2014 weighted by the number terminated each
  year [R34] (DOMAIN.md §3.1: 47–67 % a year);
* a violation among contested decisions from **counts of decisions**: the ALJ decisions of
  2008–2010 complaints, 24 complainant and 27 respondent wins [R42] (R39's 14 % no violation
  counts every terminated investigation, not decisions, and is kept only as a note);
  presidential disapproval < 1 % (6 disapprovals in the statute's modern history [R48]);
* the GEO share of exclusion orders from the counts of one fiscal year: FY2019, 5 GEOs and
  10 LEOs (published_stats.csv, Goodwin) — not a GEO rate over the model's own violations.

Durations are the published intervals of DOMAIN.md §1.5 (rules and practice notes), with the
intervals measured on the loaded records beside them; the months from institution to an
**early exit** are a Weibull fitted by moments to the termination dates of the loaded
investigations that ended early (settled, withdrawn or terminated otherwise).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence

from patentshield.usitc.fits import Basis, mean_and_variance, weibull_by_moments
from patentshield.usitc.published import DomainFigure, PublishedFigure
from patentshield.usitc.records import Investigation, OrderType, Outcome
from patentshield.usitc.stats import DAYS_PER_MONTH, days_between, summarise

MIN_DECIDED = 30
MIN_ORDERS = 20
EARLY = (Outcome.SETTLED, Outcome.WITHDRAWN, Outcome.TERMINATED_OTHER)
CONTESTED = (Outcome.VIOLATION, Outcome.NO_VIOLATION)
SETTLED = "share_terminated_by_settlement_or_consent_order"
WITHDRAWN = "share_terminated_by_withdrawal"
TERMINATED = "terminated_original_investigations"
AVERAGE_TO_DECISION = "avg_months_institution_to_final_violation_decision"
PROBABILITY = "probability"
MERITS = (Outcome.VIOLATION, Outcome.NO_VIOLATION, Outcome.DEFAULT)

Measure = Callable[[Investigation], int | None]


def _figure(figures: Sequence[DomainFigure], key: str) -> DomainFigure:
    return next(figure for figure in figures if figure.key == key)


def _basis(figures: Sequence[DomainFigure], *keys: str) -> Basis:
    chosen = [_figure(figures, key) for key in keys]
    return Basis("domain_figures.csv", tuple(dict.fromkeys(f.source() for f in chosen)))


def _to_termination(record: Investigation) -> int | None:
    return days_between(record.dates.institution(), record.dates.terminated)


def _to_final(record: Investigation) -> int | None:
    return days_between(record.dates.institution(), record.dates.final_determination)


def _to_institution(record: Investigation) -> int | None:
    return days_between(record.dates.complaint_filed, record.dates.institution())


def _months(records: Sequence[Investigation], measure: Measure) -> list[float]:
    return [days / DAYS_PER_MONTH for days in map(measure, records) if days is not None]


def _share(records: Sequence[Investigation], *outcomes: Outcome) -> float:
    return sum(1 for record in records if record.outcome in outcomes) / len(records)


def exit_probabilities(
    imported: Sequence[Investigation],
    published: Sequence[PublishedFigure],
    figures: Sequence[DomainFigure],
    *,
    basis: Basis,
) -> dict[str, object]:
    """Return exit probabilities before a decision, at the decision and at presidential review.

    ``imported`` are the investigations of an imported feed; ``basis`` describes them.
    """
    decided = [record for record in imported if record.outcome.is_decided()]
    if len(decided) >= MIN_DECIDED:
        pre_decision = _measured_early_exit(decided, basis)
    else:
        pre_decision = _published_early_exit(published, len(decided))
    disapproval = _basis(figures, "presidential_disapprovals").parameter(
        0.01,
        "probability (upper bound)",
        None,
        "6 disapprovals against several hundred orders since 1975: below 1 % (D)",
    )
    return {
        "pre_decision": pre_decision,
        "decision": _decision(decided, figures, basis),
        "presidential_review": {"disapproval_given_order": disapproval},
        "remedy": {"geo_share_of_orders": _geo_share(imported, published, basis)},
    }


def _measured_early_exit(decided: Sequence[Investigation], loaded: Basis) -> dict[str, object]:
    n = len(decided)
    basis = Basis(loaded.data + ": investigations that ended, by derived outcome", loaded.sources)
    settled = _share(decided, Outcome.SETTLED)
    withdrawn = _share(decided, Outcome.WITHDRAWN)
    early = [r for r in decided if r.outcome in (Outcome.SETTLED, Outcome.WITHDRAWN)]
    timing = summarise(_months(early, _to_termination))
    return {
        "settlement_or_consent_order": basis.parameter(settled, PROBABILITY, n),
        "withdrawal": basis.parameter(withdrawn, PROBABILITY, n),
        "total": basis.parameter(settled + withdrawn, PROBABILITY, n),
        "default": basis.parameter(_share(decided, Outcome.DEFAULT), PROBABILITY, n),
        "months_institution_to_early_exit": basis.parameter(
            timing.mean, "months", timing.n, median=timing.median
        ),
    }


def _weighted(published: Sequence[PublishedFigure], metric: str) -> tuple[float, int, str]:
    """Return the share of ``metric`` weighted by investigations terminated, n and period."""
    counts = {f.year: f.value for f in published if f.metric == TERMINATED and f.basis == "FY"}
    shares = [f for f in published if f.metric == metric and f.year in counts]
    total = sum(counts[f.year] for f in shares)
    value = sum(f.value * counts[f.year] for f in shares) / total
    years = sorted(f.year for f in shares)
    return value, int(total), f"FY{years[0]}-FY{years[-1]}"


def _published_early_exit(published: Sequence[PublishedFigure], loaded: int) -> dict[str, object]:
    settled, n, period = _weighted(published, SETTLED)
    withdrawn, _, _ = _weighted(published, WITHDRAWN)
    basis = Basis(
        f"published_stats.csv USITC original investigations terminated {period}",
        tuple(dict.fromkeys(f.source for f in published if f.metric == SETTLED)),
    )
    note = (
        "shares weighted by investigations terminated each year; n counts investigations; "
        f"the imported feed has {loaded} ended investigations (need {MIN_DECIDED})"
    )
    gap = (
        "respondent-level default shares are not published (DOMAIN.md §3.1, §7); "
        "import the IDS feed to measure them"
    )
    return {
        "settlement_or_consent_order": basis.parameter(settled, PROBABILITY, n, note),
        "withdrawal": basis.parameter(withdrawn, PROBABILITY, n, note),
        "total": basis.parameter(
            settled + withdrawn, PROBABILITY, n, note + "; DOMAIN.md §1.5 models 0.5-0.6"
        ),
        "default": Basis("none").parameter(None, PROBABILITY, None, gap),
    }


def _decision(
    decided: Sequence[Investigation], figures: Sequence[DomainFigure], loaded: Basis
) -> dict[str, object]:
    """Return the violation share of contested decisions (a default-based one is not contested)."""
    contested = [record for record in decided if record.outcome in CONTESTED]
    r39 = _figure(figures, "no_violation_share_of_decided")
    terminations = _basis(figures, "no_violation_share_of_decided").parameter(
        r39.value,
        "share of terminated investigations",
        r39.n,
        f"{r39.note}, {r39.period}: counts every termination, not decisions (not used)",
    )
    if len(contested) >= MIN_DECIDED:
        basis = Basis(loaded.data + ": decided on the merits after a contest", loaded.sources)
        share = _share(contested, Outcome.VIOLATION)
        return {
            "violation_given_contested": basis.parameter(share, PROBABILITY, len(contested)),
            "no_violation_share_of_terminations": terminations,
        }
    counts = [f for f in figures if f.key == "alj_decisions_complainant_wins"]
    wins, total = sum(f.value for f in counts), sum(f.n or 0 for f in counts)
    note = (
        f"{wins:.0f} complainant wins in {total} ALJ decisions on "
        f"{counts[0].period}-{counts[-1].period} complaints; the imported feed has "
        f"{len(contested)} contested decisions (need {MIN_DECIDED})"
    )
    basis = Basis("domain_figures.csv (counts of decisions)", (counts[0].source(),))
    return {
        "violation_given_contested": basis.parameter(wins / total, PROBABILITY, total, note),
        "no_violation_share_of_terminations": terminations,
    }


def _geo_share(
    imported: Sequence[Investigation], published: Sequence[PublishedFigure], loaded: Basis
) -> dict[str, object]:
    """Return the share of GEOs among exclusion orders (by investigation, or FY counts)."""
    ordered = [r for r in imported if r.order_types() & {OrderType.GEO, OrderType.LEO}]
    if len(ordered) >= MIN_ORDERS:
        basis = Basis(loaded.data + ": investigations with an exclusion order", loaded.sources)
        geo = sum(1 for record in ordered if OrderType.GEO in record.order_types())
        return basis.parameter(geo / len(ordered), "share of exclusion orders", len(ordered))
    by_year = {
        metric: {f.year: f for f in published if f.metric == metric and f.basis == "FY"}
        for metric in ("general_exclusion_orders_issued", "limited_exclusion_orders_issued")
    }
    general_by_year, limited_by_year = by_year.values()
    year = max(set(general_by_year) & set(limited_by_year))  # the latest year with both counts
    general, limited = general_by_year[year], limited_by_year[year]
    orders = general.value + limited.value
    basis = Basis(f"published_stats.csv FY{year} orders issued", (general.source, limited.source))
    note = (
        f"{general.value:.0f} GEOs and {limited.value:.0f} LEOs in FY{year}; the imported feed "
        f"has {len(ordered)} investigations with an exclusion order (need {MIN_ORDERS})"
    )
    return basis.parameter(general.value / orders, "share of exclusion orders", int(orders), note)


def durations(
    records: Sequence[Investigation],
    published: Sequence[PublishedFigure],
    figures: Sequence[DomainFigure],
    *,
    basis: Basis,
) -> dict[str, object]:
    """Return phase durations: published rules and practice, with measured values beside them."""
    institution_days = [float(days) for days in map(_to_institution, records) if days is not None]
    return {
        "days_complaint_to_institution": _rule_with_measure(
            figures, "days_filing_to_institution_max", "days", institution_days
        ),
        "months_institution_to_hearing": _range(figures, "months_institution_to_hearing"),
        "months_institution_to_target": _range(figures, "months_institution_to_target"),
        "months_institution_to_final_determination": _final_determination(
            records, published, figures, basis
        ),
        "months_institution_to_termination": _measured_only(
            _months(records, _to_termination), basis
        ),
        "months_institution_to_early_exit": _early_exit(records, basis),
        "days_final_id_to_commission_review": _fixed(figures, "days_final_id_to_commission_review"),
        "days_presidential_review": _fixed(figures, "days_presidential_review"),
    }


def _early_exit(records: Sequence[Investigation], loaded: Basis) -> dict[str, object]:
    """Return a Weibull fitted by moments to the months to termination of early exits."""
    early = [record for record in records if record.outcome in EARLY]
    months = _months(early, _to_termination)
    moments = mean_and_variance(months)
    fit = weibull_by_moments(*moments) if moments is not None else None
    basis = Basis(
        loaded.data + ": investigations ended early, months to termination", loaded.sources
    )
    if fit is None:
        missing = basis.parameter(None, "months", len(months), "too few early exits with dates")
        return {"family": "weibull", "shape": missing, "scale": missing}
    note = "Weibull by moments: mean and variance of the months measured"
    return {
        "family": "weibull",
        "mean": basis.parameter(
            fit.mean(), "months", len(months), median=statistics.median(months)
        ),
        "shape": basis.parameter(fit.shape, "shape", len(months), note),
        "scale": basis.parameter(fit.scale, "months", len(months), note),
    }


def _fixed(figures: Sequence[DomainFigure], key: str) -> dict[str, object]:
    figure = _figure(figures, key)
    return _basis(figures, key).parameter(figure.value, figure.unit, None, figure.note)


def _range(figures: Sequence[DomainFigure], key: str) -> dict[str, object]:
    low, high = _figure(figures, f"{key}_low"), _figure(figures, f"{key}_high")
    middle = (low.value + high.value) / 2
    return _basis(figures, f"{key}_low").parameter(
        middle, low.unit, None, f"middle of the range; {low.note}", low=low.value, high=high.value
    )


def _rule_with_measure(
    figures: Sequence[DomainFigure], key: str, unit: str, measured: list[float]
) -> dict[str, object]:
    rule = _figure(figures, key)
    summary = summarise(measured)
    return _basis(figures, key).parameter(
        rule.value,
        unit,
        None,
        rule.note,
        measured_mean=summary.mean,
        measured_median=summary.median,
        measured_n=summary.n,
    )


def _measured_only(measured: list[float], loaded: Basis) -> dict[str, object]:
    summary = summarise(measured)
    basis = Basis(loaded.data + " (median)", loaded.sources)
    return basis.parameter(
        summary.median,
        "months",
        summary.n,
        "no published figure; measured only",
        measured_mean=summary.mean,
    )


def _final_determination(
    records: Sequence[Investigation],
    published: Sequence[PublishedFigure],
    figures: Sequence[DomainFigure],
    loaded: Basis,
) -> dict[str, object]:
    key = "months_institution_to_final_determination_triangular"
    parts = {part: _figure(figures, f"{key}_{part}") for part in ("min", "mode", "max")}
    averages = [f for f in published if f.metric == AVERAGE_TO_DECISION]
    average_basis = Basis(
        "published_stats.csv USITC average, FY" + "/".join(str(f.year) for f in averages),
        tuple(dict.fromkeys(f.source for f in averages)),
    )
    measured = summarise(_months(records, _to_final))
    return {
        "family": "triangular",
        **{
            part: _basis(figures, f"{key}_{part}").parameter(
                figure.value, "months", None, figure.note
            )
            for part, figure in parts.items()
        },
        "published_average": average_basis.parameter(
            statistics.fmean(f.value for f in averages),
            "months",
            len(averages),
            "n counts fiscal years",
        ),
        "measured": loaded.parameter(measured.mean, "months", measured.n, median=measured.median),
    }

"""The issues' reference workloads and figures, shared by the risk tests.

Compound Poisson(2) × lognormal(σ = 1, scale = 1), plain and through a layer (deductible 0.25,
cover 10, aggregate cover 20); closed-form mean 3.297443 and sd 3.844231 for the plain one
(issue 14). The keys issue 9 asks of the calibration check.
"""

from patentshield.risk.collective import CollectiveModel, Layer, closed_form_moments
from patentshield.risk.distributions import LogNormal, Poisson

PLAIN = CollectiveModel(Poisson(2.0), LogNormal(sigma=1.0, scale=1.0))
LAYERED = CollectiveModel(
    Poisson(2.0), LogNormal(sigma=1.0, scale=1.0), Layer(0.25, 10.0, aggregate_cover=20.0)
)

CHECK_KEYS = frozenset(
    {
        "respondents_per_investigation",
        "share_investigations_naming_mainland_china",
        "chinese_respondents_per_year",
        "chinese_respondents_defaulting_share",
        "exclusion_orders_per_year",
        "general_exclusion_orders_per_year",
        "violation_share_of_contested_decisions",
        "months_institution_to_termination",
    }
)
"""Keys issue 9 asks of ``risk calibration-check --format json`` (at least these)."""


def known_moments(model: CollectiveModel) -> tuple[float, float]:
    """Return the closed-form ``(mean, std)`` of a model the test knows has one."""
    moments = closed_form_moments(model)
    assert moments is not None, "the model has aggregate terms: no closed form"
    return moments

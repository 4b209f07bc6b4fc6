"""Reserves from a development triangle, computed by the ``chainladder`` library.

Methods (Friedland, *Estimating Unpaid Claims Using Basic Techniques*, CAS 2010, ch. 7 and 9;
the library is casact/chainladder-python):

* **chain-ladder** on paid and on incurred — volume-weighted development factors, no tail
  (the ledger is young; a simulated history develops fully inside its years): ultimate =
  latest × cumulative factor; *unpaid* = paid chain-ladder ultimate − paid, *IBNR* =
  incurred chain-ladder ultimate − incurred;
* **Bornhuetter–Ferguson** on incurred — ultimate = incurred + (1 − 1/CDF) × a-priori loss
  ratio × premium of the policy year; the a-priori ratio is the caller's.

``chainladder`` pulls pandas, scikit-learn and numba: it is the optional extra
``patentshield[actuarial]``. Without it :func:`reserves` returns ``None`` and
:data:`MISSING` says how to install it; the triangles are still shown. An origin the library
cannot develop (no claims yet, a single development year) keeps its latest amount.

Floats exist only inside this adapter: amounts go in as floats and come back as
:class:`~patentshield.kernel.money.Money` rounded to the currency's minor unit.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from patentshield.kernel.money import Money
from patentshield.programme.triangles import Triangle
from patentshield.risk.distributions import FloatArray

MISSING = (
    "reserves not computed: the chainladder library is not installed; "
    "install it with: pip install 'patentshield[actuarial]'"
)


@dataclass(frozen=True, slots=True)
class OriginReserve:
    """One policy year's latest amounts, ultimates and reserves."""

    origin: int
    paid: Money
    incurred: Money
    paid_ultimate: Money
    incurred_ultimate: Money
    bf_ultimate: Money | None

    @property
    def unpaid(self) -> Money:
        """Paid chain-ladder ultimate less paid: everything still to pay."""
        return self.paid_ultimate - self.paid

    @property
    def ibnr(self) -> Money:
        """Incurred chain-ladder ultimate less incurred."""
        return self.incurred_ultimate - self.incurred

    @property
    def bf_ibnr(self) -> Money | None:
        """Bornhuetter–Ferguson ultimate less incurred."""
        return None if self.bf_ultimate is None else self.bf_ultimate - self.incurred


@dataclass(frozen=True, slots=True)
class Reserves:
    """Reserves of every origin, the development factors and the method's set-up."""

    rows: tuple[OriginReserve, ...]
    paid_factors: tuple[float, ...]
    incurred_factors: tuple[float, ...]
    apriori: float | None
    library: str


def is_available() -> bool:
    """Tell whether the chainladder library can be imported."""
    try:
        import chainladder  # noqa: F401
    except ImportError:
        return False
    return True


def _frame(triangle: Triangle, which: str) -> object:
    import pandas as pd

    rows = triangle.paid if which == "paid" else triangle.incurred
    records = [
        {"origin": str(origin), "valuation": str(origin + k), which: float(value)}
        for origin, row in zip(triangle.origins, rows, strict=True)
        for k, value in enumerate(row)
    ]
    return pd.DataFrame(records)


Fit = tuple[tuple[float, ...], FloatArray, FloatArray | None]


def _fit(
    triangle: Triangle, which: str, premium: Mapping[int, Money] | None, apriori: float
) -> Fit:
    """Fit chain-ladder (and BF when ``premium`` is given) on one side of the triangle."""
    import chainladder as cl
    import pandas as pd

    data = cl.Triangle(
        _frame(triangle, which),
        origin="origin",
        development="valuation",
        columns=[which],
        cumulative=True,
    )
    chain = cl.Chainladder().fit(data)
    factors = tuple(float(v) for v in chain.ldf_.to_frame().values.ravel())
    ultimate = _values(chain.ultimate_)
    bf = None
    if premium is not None:
        weights = pd.DataFrame(
            {
                "origin": [str(o) for o in triangle.origins],
                "valuation": [str(triangle.evaluation.year)] * len(triangle.origins),
                "premium": [
                    float(premium[o].amount) if o in premium else 0.0 for o in triangle.origins
                ],
            }
        )
        exposure = cl.Triangle(
            weights,
            origin="origin",
            development="valuation",
            columns=["premium"],
            cumulative=True,
        ).latest_diagonal
        fitted = cl.BornhuetterFerguson(apriori=apriori).fit(data, sample_weight=exposure)
        bf = _values(fitted.ultimate_)
    return factors, ultimate, bf


def _values(result: object) -> FloatArray:
    """Return a chainladder result triangle's values by origin as floats."""
    frame = result.to_frame(origin_as_datetime=False)  # type: ignore[attr-defined]
    values: FloatArray = np.asarray(frame.values, dtype=np.float64).ravel()
    return values


def _money(value: float, fallback: Money) -> Money:
    if not math.isfinite(value):
        return fallback
    return Money(Decimal(repr(float(value))), fallback.currency).rounded()


def reserves(
    triangle: Triangle, *, premium: Mapping[int, Money] | None, apriori: float
) -> Reserves | None:
    """Return chain-ladder and Bornhuetter–Ferguson reserves, or ``None`` without the library."""
    if not is_available():
        return None
    import chainladder as cl

    paid, incurred = triangle.latest("paid"), triangle.latest("incurred")
    if triangle.developments < 2:
        rows = tuple(
            OriginReserve(o, p, i, p, i, None)
            for o, p, i in zip(triangle.origins, paid, incurred, strict=True)
        )
        return Reserves(rows, (), (), None, f"chainladder {cl.__version__}")
    with warnings.catch_warnings():
        # Empty origins divide zero by zero inside the library; their ultimates come back NaN
        # and keep their latest amounts below.
        warnings.simplefilter("ignore", RuntimeWarning)
        paid_factors, paid_ultimate, _ = _fit(triangle, "paid", None, apriori)
        incurred_factors, incurred_ultimate, bf = _fit(triangle, "incurred", premium, apriori)
    rows = tuple(
        OriginReserve(
            origin=origin,
            paid=paid[i],
            incurred=incurred[i],
            paid_ultimate=_money(paid_ultimate[i], paid[i]),
            incurred_ultimate=_money(incurred_ultimate[i], incurred[i]),
            bf_ultimate=None if bf is None else _money(bf[i], incurred[i]),
        )
        for i, origin in enumerate(triangle.origins)
    )
    return Reserves(
        rows,
        paid_factors,
        incurred_factors,
        apriori if premium else None,
        f"chainladder {cl.__version__}",
    )

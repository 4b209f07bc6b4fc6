"""The take-up elasticity is Chancheng's: 94 firms under the 2011 terms, about 29 under 2012's."""

from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from patentshield.catalog.loader import Catalog
from patentshield.kernel.config import Settings
from patentshield.kernel.fx import FxTable
from patentshield.kernel.runtime import FixedClock, Runtime
from patentshield.programme.population import population_from_document
from patentshield.programme.takeup import (
    CHANCHENG_2011,
    CHANCHENG_2012,
    DEFAULT_ELASTICITY,
    calibrate_elasticity,
    self_paid_share,
)
from patentshield.programme.whatif import (
    Changes,
    Market,
    default_product,
    offers,
    scenarios,
    subsidies,
)
from patentshield.programme.whatif_service import WhatIfRequest, run_whatif
from patentshield.risk.data_files import read_document
from patentshield.risk.parameters import Parameters
from patentshield.subsidies.catalog import Programmes, find_programme
from tests.factories import NOW

POPULATION = Path(
    str(resources.files("patentshield.programme").joinpath("data", "chancheng-2011.yaml"))
)


def no_database(_settings):
    raise AssertionError("a what-if on a population file reads no database")


def offline_runtime() -> Runtime:
    return Runtime(Settings(), open_database=no_database, clock=FixedClock(NOW))


def shares_under(programme_id: str, day: date):
    parameters = Parameters.shipped()
    population = population_from_document(read_document(POPULATION, "population"), parameters)
    programme = find_programme(programme_id, day, Programmes.shipped())
    market = Market(Catalog.shipped(), day, FxTable.shipped().usd_cny(NOW.date())[0], parameters)
    chosen = offers(population, default_product(programme, market.catalog, day), market)
    amounts, _ = subsidies(scenarios(programme, Changes())[0], population, chosen, day=day)
    return population, self_paid_share(chosen.gross_cny(), amounts)


def test_the_shipped_population_is_the_2011_cooperative():
    population, shares = shares_under("foshan-chancheng-2011", date(2011, 6, 1))
    assert population.size == CHANCHENG_2011.firms == 94
    assert sum(firm.patents for firm in population.firms) == CHANCHENG_2011.patents == 888
    assert (shares == 0).all()  # the district paid the full premium


def test_the_shipped_elasticity_is_the_one_that_turns_94_firms_into_29():
    _, shares = shares_under("foshan-chancheng-2012", date(2012, 6, 1))
    beta = calibrate_elasticity(shares, insured=CHANCHENG_2012.firms)
    assert beta == pytest.approx(DEFAULT_ELASTICITY, abs=0.01)


@pytest.mark.parametrize(
    ("programme", "insured"),
    [
        ("foshan-chancheng-2011", CHANCHENG_2011.firms),
        ("foshan-chancheng-2012", CHANCHENG_2012.firms),
    ],
)
def test_the_whatif_reproduces_the_firms_insured_in_2011_and_2012(programme, insured):
    request = WhatIfRequest(programme=programme, years=4_000, seed=7, population=POPULATION)
    document: Any = run_whatif(offline_runtime(), request)
    assert document["insured_firms"]["mean"] == pytest.approx(insured, abs=1.0)
    assert document["elasticity"]["calibrated"] is True
    withdrawn = next(row for row in document["scenarios"] if row["scenario"] == "withdrawn")
    assert withdrawn["insured_firms"]["mean"] < document["insured_firms"]["mean"]

"""Quotes and policies on an insurer's own catalog, programme file and rates, via the runtime.

No monkeypatching: the test builds a runtime whose reference data come from its own files,
exactly as ``PATENTSHIELD_CATALOG_FILE`` / ``PATENTSHIELD_PROGRAMMES_FILE`` make the CLI do.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from patentshield.catalog.loader import Catalog, load_catalog
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.db import Database
from patentshield.kernel.errors import NotFound
from patentshield.kernel.fx import FxTable
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.policies.service import BindRequest, bind_policy
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import quote_product
from patentshield.subsidies.catalog import Programmes, load_programmes
from tests.factories import catalog_record, plan_record, runtime_of, write_catalog

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
DAY = date(2026, 3, 1)
PROGRAMME = {
    "id": "insurer-district",
    "version": 1,
    "valid_from": "2025-01-01",
    "name": "A district's own premium subsidy",
    "name_zh": "区级保费补贴",
    "rule": "30 % of the premium",
    "body": "District IP office",
    "region_code": "440306",
    "product_types": ["overseas_ip_infringement_liability"],
    "rate": "0.3",
    "sources": [{"ref": "T1", "url": "https://example.invalid/programme"}],
}


def insurer_runtime(database: Database, folder: Path) -> Runtime:
    """A runtime whose catalog, programmes and USD/CNY rate are the insurer's own."""
    catalog = write_catalog(
        folder / "catalog.yaml",
        catalog_record(
            id="insurer-liability",
            plans=[plan_record(premium={"rule": "fixed_per_unit", "amount": 80000})],
        ),
    )
    programmes = folder / "programmes.yaml"
    programmes.write_text(yaml.safe_dump({"programmes": [PROGRAMME]}, allow_unicode=True))
    return runtime_of(
        database,
        loaders={
            Catalog: lambda: load_catalog(catalog),
            Programmes: lambda: load_programmes(programmes),
            FxTable: lambda: FxTable.fixed_rate(Decimal("7.0"), source="insurer's rate"),
        },
    )


def test_a_quote_is_priced_on_the_runtime_s_catalog_programmes_and_rate(database, tmp_path):
    runtime = insurer_runtime(database, tmp_path)
    request = QuoteRequest(product_id="insurer-liability", day=DAY, region_code="440306")
    quote = quote_product(runtime, request)
    assert quote.gross_premium == Money.of("80000.00", "CNY")
    assert (quote.subsidy.programme_id, quote.subsidy.amount) == (
        "insurer-district",
        Money.of("24000.00", "CNY"),
    )
    assert quote.fx_rate.rate == Decimal("7.0") and quote.fx_rate.source == "insurer's rate"
    assert not [warning for warning in quote.warnings if "USD/CNY" in warning]
    with pytest.raises(NotFound):  # the shipped catalog is not this runtime's
        quote_product(runtime, QuoteRequest(product_id="illustrative-337-defence", day=DAY))


def test_the_shipped_reference_data_stay_those_of_another_runtime(database, tmp_path):
    quote_product(insurer_runtime(database, tmp_path), QuoteRequest("insurer-liability", DAY))
    shipped = runtime_of(database)
    with pytest.raises(NotFound):
        quote_product(shipped, QuoteRequest(product_id="insurer-liability", day=DAY))
    request = QuoteRequest(
        "huangpu-2020-overseas-liability",
        DAY,
        region_code="440306",
        premium=Money.of("100000", "CNY"),
    )
    assert quote_product(shipped, request).subsidy.programme_id == "shenzhen"


def test_a_policy_freezes_the_terms_of_the_runtime_s_catalog(database, tmp_path):
    runtime = insurer_runtime(database, tmp_path)
    import_enterprises(runtime, EXAMPLES)
    request = QuoteRequest("insurer-liability", DAY, enterprise="sz-led-lighting")
    policy = bind_policy(runtime, BindRequest(quote_id=quote_product(runtime, request).id))
    assert policy.terms.product_id == "insurer-liability"
    assert policy.terms.aggregate_limit == Money.of("3200000.00", "CNY")  # 40 × 80,000
    assert policy.subsidy_programme == "insurer-district"
    assert policy.bound_at == runtime.clock.now()

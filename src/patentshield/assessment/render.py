"""Tables of risk reports (Rich), built from their JSON documents.

``patentshield risk aggregate``, ``risk simulate`` and ``patentshield recommend`` print these
with ``--format table``; the JSON document is the contract, the table a reading of it.
"""

from __future__ import annotations

from patentshield.kernel.cli import print_table
from patentshield.kernel.jsonvalue import JsonValue


def _money_text(value: JsonValue) -> str:
    if isinstance(value, dict):
        return f"{value['currency']} {float(str(value['amount'])):,.0f}"
    return str(value)


def _number(value: JsonValue, spec: str = ".6g") -> str:
    return format(float(str(value)), spec)


def render_aggregate(document: dict[str, JsonValue]) -> None:
    """Print the figures of ``risk aggregate``: standard errors (mc) or error bounds (fft)."""
    errors: JsonValue
    if document["method"] == "mc":
        errors = {
            "mean": document["std_error"],
            "var": document["var_std_error"],
            "tvar": document["tvar_std_error"],
        }
        heading = "standard error"
        caption = f"{document['sims']} simulations, seed {document['seed']}"
    else:
        errors = document["error_bound"]
        heading = "error bound"
        caption = (
            f"{document['method']} on {document['points']} points, step "
            f"{_number(document['step'], '.4g')}, probability beyond the grid "
            f"{_number(document['beyond'], '.2g')}"
        )
    rows = [
        ["mean", _number(document["mean"]), _number(_at(errors, "mean"), ".3g")],
        ["standard deviation", _number(document["std"]), ""],
    ]
    levels = document["var"]
    assert isinstance(levels, dict)
    for key, name in (("var", "VaR"), ("tvar", "TVaR")):
        rows += [
            [
                f"{name} {level}",
                _number(_at(document, key, level)),
                _number(_at(errors, key, level), ".3g"),
            ]
            for level in levels
        ]
    caption += f", {_number(document['seconds'], '.2f')} s"
    print_table(
        "Aggregate loss (model unit)", ["measure", "estimate", heading], rows, caption=caption
    )


def render_simulation(document: dict[str, JsonValue]) -> None:
    """Print an exporter's risk summary and its expected cost by category."""
    exposure = document["exposure"]
    cost = document["cost"]
    assert isinstance(exposure, dict) and isinstance(cost, dict)
    p_named = exposure["p_named_per_year"]
    assert isinstance(p_named, dict)
    rows = [
        ["chance of being named in a year", f"{float(str(p_named['value'])):.4%}"],
        ["expected cases per year", f"{float(str(exposure['expected_cases_per_year'])):.5f}"],
        ["expected cost per year", _money_text(_at(cost, "mean", "value"))],
        ["VaR 99.5 % of the year's cost", _money_text(_at(cost, "var", "0.995", "value"))],
        ["TVaR 99.5 % of the year's cost", _money_text(_at(cost, "tvar", "0.995", "value"))],
    ]
    policy = document["policy"]
    if isinstance(policy, dict):
        rows += [
            ["product", f"{policy['product']} ({policy['plan']})"],
            ["premium", f"{_money_text(policy['gross_premium'])} ({policy['premium_basis']})"],
            ["aggregate limit", _money_text(policy["aggregate_limit"])],
            [
                "expected cost per year as an insured (defends)",
                _money_text(_at(policy, "cost_when_insured", "mean", "value")),
            ],
            ["pure premium", _money_text(_at(policy, "pure_premium", "value"))],
            ["indicated premium", _money_text(policy["indicated_premium"])],
            ["expected payment per year", _money_text(_at(policy, "insured", "mean", "value"))],
            [
                "TVaR 99.5 % borne by the exporter",
                _money_text(_at(policy, "borne_by_exporter", "tvar", "0.995", "value")),
            ],
            [
                "chance the limit is exhausted",
                f"{float(str(_at(policy, 'p_limit_exhausted', 'value'))):.4%}",
            ],
            [
                "limit paying 99 % of claim years in full",
                _money_text(policy["limit_covering_99_percent_of_claim_years"]),
            ],
        ]
    print_table(
        f"Section 337 risk of {document['enterprise']}",
        ["figure", "value"],
        rows,
        caption=f"{document['years']} simulated years, seed {document['seed']}",
    )
    _render_categories(document)


def _at(document: JsonValue, *keys: str) -> JsonValue:
    for key in keys:
        assert isinstance(document, dict)
        document = document[key]
    return document


def _render_categories(document: dict[str, JsonValue]) -> None:
    costs = document["cost_by_category"]
    policy = document["policy"]
    assert isinstance(costs, dict)
    paid = policy["insured_by_category"] if isinstance(policy, dict) else None
    rows = [
        [name, _money_text(value)] + ([_money_text(paid[name])] if isinstance(paid, dict) else [])
        for name, value in costs.items()
    ]
    columns = ["cost category", "expected cost per year"]
    print_table(
        "Expected yearly cost by category",
        columns + (["expected payment per year"] if isinstance(paid, dict) else []),
        rows,
    )


def render_recommendations(document: dict[str, JsonValue]) -> None:
    """Print the ranked products with their premium, payment, net benefit and tail cut."""
    products = document["products"]
    assert isinstance(products, list)
    rows = []
    for item in products:
        assert isinstance(item, dict)
        gaps = item["gaps"]
        assert isinstance(gaps, list)
        rows.append(
            [
                str(item["rank"]),
                str(item["product"]),
                _money_text(item["net_premium"]),
                _money_text(item["expected_payment"]),
                _money_text(item["expected_net_benefit"]),
                _difference_text(item),
                f"{_money_text(item['tail_cut'])} ({float(str(item['tail_cut_share'])):.0%})",
                str(len(gaps)),
            ]
        )
    left_out = document["left_out"]
    assert isinstance(left_out, list)
    print_table(
        f"Products for {document['enterprise']}, ranked",
        [
            "rank",
            "product",
            "net premium",
            "expected payment",
            "net benefit",
            "vs top ± SE",
            "tail cut",
            "gaps",
        ],
        rows,
        caption=(
            f"TVaR 99 % of yearly 337 cost without insurance "
            f"{_money_text(document['tvar_99_without_insurance'])}, as an insured who defends "
            f"{_money_text(document['tvar_99_as_insured'])} (tail cuts are from the latter); "
            f"{len(left_out)} products cannot respond or be rated (see --format json); "
            "vs top: net benefit minus the top product's on the same years, ± the standard "
            "error of that difference; "
            f"{document['years']} simulated years, seed {document['seed']}"
        ),
    )
    if products and isinstance(products[0], dict):
        _render_gaps(products[0])


def _difference_text(item: dict[str, JsonValue]) -> str:
    """Return the net benefit's difference to the top product's, with its standard error."""
    difference, error = (
        item["net_benefit_difference_to_top"],
        item["net_benefit_difference_std_error"],
    )
    if not isinstance(difference, dict) or not isinstance(error, dict):
        return ""
    return f"{_money_text(difference)} ± {float(str(error['amount'])):,.0f}"


def _render_gaps(item: dict[str, JsonValue]) -> None:
    gaps = item["gaps"]
    assert isinstance(gaps, list)
    print_table(
        f"Coverage gaps of {item['product']} (the top-ranked product)",
        ["cost category", "cover", "expected cost per year"],
        [
            [str(gap["category"]), str(gap["cover"]), _money_text(gap["expected_cost"])]
            for gap in gaps
            if isinstance(gap, dict)
        ],
        caption="not covered: the exporter bears it; unclear: paid only if the insurer agrees",
    )

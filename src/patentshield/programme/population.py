"""A population of enterprises a subsidy what-if offers a policy to: from the database or drawn.

A :class:`Firm` is what the what-if needs of one enterprise: where it is (region code,
industry tags, applicant flags — what a programme tests), how many IP rights it would insure,
the HTS chapter and annual US sales the 337 engine reads, its modifier flags, and the catalog
product (and plan) it would buy. A :class:`Population` is a tuple of firms with the share of
them that would take a *free* policy (``participation``, J unless the file says otherwise).

A population file (``--population FILE``, JSON or YAML) describes groups of firms by region
and industry, drawn with the file's own ``seed`` (format :data:`POPULATION_FORMAT`)::

    format: patentshield-population/1
    name: Foshan Chancheng patent insurance cooperative, 2011
    seed: 2011
    participation: 1.0            # share of firms that take a free policy
    groups:
      - region: "440604"          # 6-digit division code
        firms: 94
        patents: 888              # total IP rights of the group (or patents_per_firm)
        product: picc-2013-enforcement
        plan: standard            # optional; the product's first plan otherwise
        industries: [ceramics]    # optional; absent = not known (assumed eligible)
        flags: [export_oriented]  # optional; absent = not known (assumed eligible)
        us_sales_median_usd: 2000000   # optional (J: as the synthetic book)
        chapters: {"69": 1.0}     # optional; US imports from China by chapter otherwise

Each firm holds at least one IP right; the rest of ``patents`` is spread over the group's firms
by a Dirichlet-multinomial draw (equal weights), so the total is exact and the count per firm
is spread like a geometric distribution (J). US sales are lognormal (median as given, sigma
1.2, capped at USD 500 million) and the flags past 337 case 3 %, own US patents 20 %,
compliance programme 30 % — the synthetic book's mix (:mod:`patentshield.programme.synth`, J).

This module is pure: no I/O, no clock; random draws come from ``np.random.default_rng(seed)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from patentshield.enterprises.model import Enterprise
from patentshield.kernel.errors import InvalidInput
from patentshield.risk.parameters import Parameters
from patentshield.subsidies.model import parse_region_code

POPULATION_FORMAT = "patentshield-population/1"
MAX_FIRMS = 1_000_000
DEFAULT_SALES_MEDIAN_USD = 2e6
SALES_SIGMA = 1.2
SALES_CAP_USD = 5e8
FLAG_SHARES = (0.03, 0.20, 0.30)
"""Past 337 case, own US patents, compliance programme (as the synthetic book, J)."""


@dataclass(frozen=True, slots=True)
class Firm:
    """One enterprise of a what-if population.

    ``industries`` and ``flags`` ``None`` mean "not known" (a programme then assumes the firm
    eligible and says so); ``product_id`` ``None`` means the product the what-if chooses.
    """

    id: str
    region_code: str
    patents: int
    chapter: int
    us_sales_usd: float
    industries: frozenset[str] | None = None
    flags: frozenset[str] | None = None
    past_itc_case: bool = False
    own_us_patents: bool = False
    compliance_programme: bool = False
    product_id: str | None = None
    plan: str | None = None


@dataclass(frozen=True, slots=True)
class Population:
    """Firms a programme's policy is offered to, and the share that would take it for free."""

    name: str
    firms: tuple[Firm, ...]
    participation: float = 1.0
    source: str = ""
    notes: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """Number of firms."""
        return len(self.firms)


def firm_of(enterprise: Enterprise) -> Firm:
    """Return an enterprise profile as a what-if firm.

    Its chapter is that of the product class with the largest US sales (the engine gives one
    chapter to a policy, J); its US sales are those of all its classes.
    """
    classes = sorted(
        enterprise.product_classes, key=lambda c: c.annual_us_sales.amount, reverse=True
    )
    chapter = int(classes[0].hts_codes[0][:2]) if classes and classes[0].hts_codes else 85
    return Firm(
        id=str(enterprise.id),
        region_code=enterprise.region.code,
        patents=max(1, len(enterprise.patents)),
        chapter=chapter,
        us_sales_usd=float(enterprise.total_us_sales().amount),
        industries=frozenset(enterprise.industries),
        flags=frozenset(flag.value for flag in enterprise.flags),
        past_itc_case=enterprise.has_itc_history(),
        own_us_patents=any(p.jurisdiction.value == "US" for p in enterprise.patents),
        compliance_programme=enterprise.has_compliance_programme,
    )


def _number(value: object, field: str, *, low: float, high: float) -> float:
    try:
        number = float(str(value))
    except ValueError:
        raise InvalidInput(field, f"{value!r} is not a number") from None
    if not low <= number <= high:
        raise InvalidInput(field, f"must be between {low:g} and {high:g}, got {value}")
    return number


def _whole(value: object, field: str, *, low: int, high: int) -> int:
    number = _number(value, field, low=low, high=high)
    if number != int(number):
        raise InvalidInput(field, f"must be a whole number, got {value}")
    return int(number)


def _tags(value: object, field: str) -> frozenset[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInput(field, "must be a list of tags")
    return frozenset(item.strip() for item in value)


def _chapter_weights(
    group: Mapping[str, object], field: str, parameters: Parameters
) -> tuple[np.ndarray, np.ndarray]:
    given = group.get("chapters")
    if given is None:
        weights = parameters.group("us_imports_from_china_usd.by_chapter")
    elif isinstance(given, Mapping) and given:
        weights = {
            str(key): _number(share, f"{field}.chapters.{key}", low=0, high=1e15)
            for key, share in given.items()
        }
    else:
        raise InvalidInput(f"{field}.chapters", "must map HTS chapters to weights")
    chapters = np.array([_whole(c, f"{field}.chapters", low=1, high=99) for c in weights])
    values = np.array(list(weights.values()), dtype=np.float64)
    if values.sum() <= 0:
        raise InvalidInput(f"{field}.chapters", "the weights must not all be zero")
    return chapters, values / values.sum()


def _patent_counts(
    group: Mapping[str, object], field: str, firms: int, rng: np.random.Generator
) -> np.ndarray:
    if "patents" in group:
        total = _whole(group["patents"], f"{field}.patents", low=firms, high=100 * MAX_FIRMS)
    else:
        per_firm = _number(
            group.get("patents_per_firm", 1), f"{field}.patents_per_firm", low=1, high=1e4
        )
        total = round(per_firm * firms)
    extra = (
        rng.multinomial(total - firms, rng.dirichlet(np.ones(firms)))
        if firms > 1
        else [total - firms]
    )
    return 1 + np.asarray(extra, dtype=np.int64)


def _group_firms(
    group: Mapping[str, object], index: int, rng: np.random.Generator, parameters: Parameters
) -> list[Firm]:
    field = f"groups[{index}]"
    region = parse_region_code(str(group.get("region", "")), field=f"{field}.region")
    firms = _whole(group.get("firms"), f"{field}.firms", low=1, high=MAX_FIRMS)
    product = group.get("product")
    if product is not None and not isinstance(product, str):
        raise InvalidInput(f"{field}.product", "must be a catalog product id")
    plan = group.get("plan")
    median = _number(
        group.get("us_sales_median_usd", DEFAULT_SALES_MEDIAN_USD),
        f"{field}.us_sales_median_usd",
        low=0,
        high=SALES_CAP_USD,
    )
    chapters, weights = _chapter_weights(group, field, parameters)
    chapter = rng.choice(chapters, size=firms, p=weights)
    sales = np.minimum(median * rng.lognormal(0.0, SALES_SIGMA, firms), SALES_CAP_USD).round(-3)
    flags = rng.random((3, firms)) < np.array(FLAG_SHARES)[:, None]
    patents = _patent_counts(group, field, firms, rng)
    industries = _tags(group.get("industries"), f"{field}.industries")
    applicant_flags = _tags(group.get("flags"), f"{field}.flags")
    return [
        Firm(
            id=f"g{index + 1}-{i + 1:06d}",
            region_code=region,
            patents=int(patents[i]),
            chapter=int(chapter[i]),
            us_sales_usd=float(sales[i]),
            industries=industries,
            flags=applicant_flags,
            past_itc_case=bool(flags[0, i]),
            own_us_patents=bool(flags[1, i]),
            compliance_programme=bool(flags[2, i]),
            product_id=product,
            plan=str(plan) if plan is not None else None,
        )
        for i in range(firms)
    ]


def population_from_document(
    document: Mapping[str, object], parameters: Parameters, *, source: str = ""
) -> Population:
    """Return the population a population document describes (drawn with its own seed)."""
    if document.get("format") != POPULATION_FORMAT:
        raise InvalidInput("format", f"a population file starts with format {POPULATION_FORMAT!r}")
    groups = document.get("groups")
    if not isinstance(groups, Sequence) or isinstance(groups, str) or not groups:
        raise InvalidInput("groups", "a population needs at least one group of firms")
    seed = _whole(document.get("seed", 0), "seed", low=0, high=2**63 - 1)
    rng = np.random.default_rng(seed)
    firms: list[Firm] = []
    for index, group in enumerate(groups):
        if not isinstance(group, Mapping):
            raise InvalidInput(f"groups[{index}]", "must be a mapping")
        firms += _group_firms(group, index, rng, parameters)
        if len(firms) > MAX_FIRMS:
            raise InvalidInput("groups", f"at most {MAX_FIRMS} firms in all")
    notes = document.get("notes", [])
    return Population(
        name=str(document.get("name", source)),
        firms=tuple(firms),
        participation=_number(
            document.get("participation", 1.0), "participation", low=1e-6, high=1
        ),
        source=source,
        notes=tuple(str(note) for note in notes) if isinstance(notes, list) else (),
    )


def database_population(enterprises: Sequence[Enterprise], *, participation: float) -> Population:
    """Return the enterprises of the database as a population."""
    if not enterprises:
        raise InvalidInput("population", "the database holds no enterprise: give --population")
    return Population(
        name="enterprises in the database",
        firms=tuple(firm_of(enterprise) for enterprise in enterprises),
        participation=participation,
        source="database",
    )

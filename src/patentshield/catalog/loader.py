"""Load a catalog file and answer "which version of which product?" with a ``Catalog`` value.

:func:`load_catalog` reads YAML — the catalog shipped in ``products/data/catalog.yaml`` (by
default, through :mod:`importlib.resources`, parsed once per process) or an insurer's own file
— and validates every record: shape and types (:mod:`.records`), then the rules that relate
fields and versions (:mod:`.checks`). ALL errors are collected, each naming the record
(``id v2``) and the field, before one :class:`~patentshield.kernel.errors.InvalidRecords` is
raised: a catalog with any error is not used at all.

The YAML dialect is safe YAML with three changes that keep terms exact: numbers with a
decimal point are read as :class:`~decimal.Decimal` (never float), dates stay text until the
validator parses them (so a bad date is reported, not raised), and only ``true``/``false`` are
booleans (``yes``/``no`` stay text: ``itc_counts_as_lawsuit: no`` means the answer "no").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from patentshield.catalog.checks import catalog_problems, product_problems, record_label
from patentshield.catalog.model import Product, ProductType
from patentshield.catalog.records import (
    CatalogFileRecord,
    ProductRecord,
    to_product,
    validation_errors,
)
from patentshield.kernel.errors import InvalidInput, InvalidRecords, NotFound, RecordError
from patentshield.kernel.inputs import load_yaml, read_text

SHIPPED_CATALOG = "patentshield/catalog/data/catalog.yaml"
"""How errors and outputs name the shipped catalog file."""


class _CatalogLoader(yaml.SafeLoader):
    """Safe YAML loader: decimals stay exact, dates stay text, only true/false are booleans."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | str:
    text = str(loader.construct_scalar(node))
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


_CatalogLoader.yaml_implicit_resolvers = {
    first: [
        (tag, pattern)
        for tag, pattern in resolvers
        if tag not in {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CatalogLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CatalogLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


@dataclass(frozen=True, slots=True)
class Catalog:
    """A validated catalog: every version of every product, in file order.

    Each version is valid on the days ``[valid_from, valid_to)``; versions of one id never
    overlap, so at most one version of a product is on sale on a given day.
    """

    entries: tuple[Product, ...]
    source: str = ""
    title: str = ""
    as_of: date | None = None

    @classmethod
    def shipped(cls) -> Catalog:
        """Return the catalog shipped in the package (parsed once per process)."""
        return _shipped_catalog()

    def ids(self) -> tuple[str, ...]:
        """Return the product ids, in file order."""
        return tuple(dict.fromkeys(product.id for product in self.entries))

    def versions(self, product_id: str) -> tuple[Product, ...]:
        """Return every version of ``product_id``, oldest version number first."""
        found = [product for product in self.entries if product.id == product_id]
        if not found:
            known = ", ".join(self.ids())
            raise NotFound(f"no product {product_id!r} in the catalog; known: {known}", field="id")
        return tuple(sorted(found, key=lambda product: product.version))

    def get(
        self, product_id: str, *, on: date | None = None, version: int | None = None
    ) -> Product:
        """Return one version of a product.

        Parameters
        ----------
        product_id
            The product id (``chancheng-package-10-c``).
        on
            A day: the version valid on that day (with ``version``: that version, which must
            be valid on that day).
        version
            A version number. With neither ``on`` nor ``version``, the latest version.
        """
        versions = self.versions(product_id)
        if version is not None:
            return _checked_on(_numbered(versions, version), on)
        if on is None:
            return versions[-1]
        valid = [product for product in versions if product.is_valid_on(on)]
        if not valid:
            windows = "; ".join(_describe_window(product) for product in versions)
            raise NotFound(f"no version of {product_id} is valid on {on} ({windows})", field="date")
        return valid[-1]

    def product_on(self, product_id: str, day: date) -> Product:
        """Return the version of ``product_id`` valid on ``day`` (field ``product`` if unknown)."""
        try:
            return self.get(product_id, on=day)
        except NotFound as error:
            if error.field != "id":
                raise
            raise NotFound(error.message, field="product") from None

    def products(
        self, on: date | None = None, *, product_type: ProductType | None = None
    ) -> tuple[Product, ...]:
        """Return one version per product: the one valid on ``on``, else the latest.

        Products with no version valid on ``on`` are left out; ``product_type`` keeps only
        products of that type.
        """
        chosen: list[Product] = []
        for product_id in self.ids():
            versions = self.versions(product_id)
            if on is not None:
                versions = tuple(product for product in versions if product.is_valid_on(on))
            if versions and product_type in (None, versions[-1].product_type):
                chosen.append(versions[-1])
        return tuple(chosen)


def _describe_window(product: Product) -> str:
    end = product.valid_to.isoformat() if product.valid_to else "open end"
    return f"v{product.version} {product.valid_from} to {end}"


def _numbered(versions: tuple[Product, ...], version: int) -> Product:
    for product in versions:
        if product.version == version:
            return product
    numbers = ", ".join(str(product.version) for product in versions)
    raise NotFound(
        f"{versions[0].id} has no version {version}; versions: {numbers}", field="version"
    )


def _checked_on(product: Product, on: date | None) -> Product:
    if on is not None and not product.is_valid_on(on):
        raise NotFound(
            f"{product.id} {_describe_window(product)} is not valid on {on}", field="date"
        )
    return product


def _yaml_document(text: str, source: str) -> object:
    try:
        return load_yaml(text, field="yaml", source=source, loader=_CatalogLoader)
    except InvalidInput as error:
        reason = error.reason.removeprefix(f"{source} is ")
        raise InvalidRecords(source, [RecordError("file", "yaml", reason)]) from None


def _file_record(text: str, source: str) -> CatalogFileRecord:
    document = _yaml_document(text, source)
    if not isinstance(document, dict):
        reason = "expected a mapping with a 'products' list (see docs/catalog.md)"
        raise InvalidRecords(source, [RecordError("file", "document", reason)])
    try:
        return CatalogFileRecord.model_validate(document)
    except ValidationError as error:
        raise InvalidRecords(source, validation_errors("file", error)) from None


def _row(raw: object, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return record_label(raw["id"], raw.get("version"))
    return f"products[{index}]"


def _product(raw: object, index: int) -> tuple[Product | None, list[RecordError]]:
    row = _row(raw, index)
    try:
        record = ProductRecord.model_validate(raw)
    except ValidationError as error:
        return None, validation_errors(row, error)
    product = to_product(record)
    return product, [RecordError(row, field, reason) for field, reason in product_problems(product)]


def parse_catalog(text: str, *, source: str) -> Catalog:
    """Parse and validate catalog YAML; raise :class:`InvalidRecords` listing every error.

    Parameters
    ----------
    text
        The YAML text.
    source
        How errors name the file (a path).
    """
    file = _file_record(text, source)
    products: list[Product] = []
    errors: list[RecordError] = []
    for index, raw in enumerate(file.products):
        product, problems = _product(raw, index)
        errors.extend(problems)
        if product is not None:
            products.append(product)
    errors.extend(catalog_problems(products))
    if errors:
        raise InvalidRecords(source, errors)
    return Catalog(tuple(products), source=source, title=file.title, as_of=file.as_of)


@lru_cache(maxsize=1)
def _shipped_catalog() -> Catalog:
    data = resources.files("patentshield.catalog").joinpath("data", "catalog.yaml")
    return parse_catalog(data.read_text("utf-8"), source=SHIPPED_CATALOG)


def load_catalog(path: Path | None = None) -> Catalog:
    """Return the catalog in ``path``, or the shipped catalog (parsed once) when ``None``.

    Raises
    ------
    InvalidInput
        The file cannot be read (field ``file``).
    InvalidRecords
        The file has errors; all of them are listed, each with its record and field.
    """
    if path is None:
        return _shipped_catalog()
    return parse_catalog(read_text(path, field="file"), source=str(path))

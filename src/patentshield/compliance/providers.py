"""The insurers' service providers per product: appraisal institutions and panel counsel.

He §5.3: an insurer brings appraisal and legal resources to the exporters it insures. The
shipped directory (``compliance/data/providers.yaml``) lists, for each product, the providers
its insurer offers, each with its kind, its names in English and Chinese, where it sits and
whether it is an example (no insurer publishes its panel: every shipped entry is an example,
as the file says). The claims' consent steps read it: the insurer's consent to *panel* counsel
is recorded only for a firm of the product's panel (:func:`check_panel`), and a counsel invoice
declined for want of consent names the panel to turn to.

The directory is reference data of the runtime (``runtime.reference.get(ProviderDirectory)``);
:meth:`ProviderDirectory.shipped` reads the packaged file. This module is pure otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.inputs import load_yaml


class ProviderKind(StrEnum):
    """What a provider does for the insured."""

    APPRAISAL_INSTITUTION = "appraisal_institution"
    PANEL_COUNSEL = "panel_counsel"

    @property
    def label(self) -> str:
        """Return the kind's English label."""
        return _LABELS[self][0]

    @property
    def label_zh(self) -> str:
        """Return the kind's Chinese label."""
        return _LABELS[self][1]


_LABELS = {
    ProviderKind.APPRAISAL_INSTITUTION: ("appraisal institution", "评估鉴定机构"),
    ProviderKind.PANEL_COUNSEL: ("panel counsel", "保险人认可律师"),
}


@dataclass(frozen=True, slots=True)
class Provider:
    """One service provider an insurer offers under a product."""

    id: str
    kind: ProviderKind
    name: str
    name_zh: str
    location: str = ""
    example: bool = False


def _same_name(left: str, right: str) -> bool:
    return " ".join(left.casefold().split()) == " ".join(right.casefold().split())


class ProviderDirectory:
    """The providers of each product, and where the list comes from."""

    def __init__(self, by_product: Mapping[str, tuple[Provider, ...]], *, source: str) -> None:
        self._by_product = dict(by_product)
        self.source = source

    @classmethod
    def shipped(cls) -> ProviderDirectory:
        """Return the directory shipped in ``compliance/data/providers.yaml``."""
        path = resources.files("patentshield.compliance").joinpath("data", "providers.yaml")
        return parse_directory(path.read_text("utf-8"), source="providers.yaml")

    def products(self) -> tuple[str, ...]:
        """Return the products that have a directory, in name order."""
        return tuple(sorted(self._by_product))

    def for_product(
        self, product_id: str, kind: ProviderKind | None = None
    ) -> tuple[Provider, ...]:
        """Return the providers of ``product_id`` (of one kind), none when it has no directory."""
        found = self._by_product.get(product_id, ())
        return tuple(p for p in found if kind is None or p.kind is kind)

    def panel(self, product_id: str) -> tuple[str, ...]:
        """Return the names of the product's panel counsel."""
        return tuple(p.name for p in self.for_product(product_id, ProviderKind.PANEL_COUNSEL))


def check_panel(directory: ProviderDirectory, product_id: str, firm: str) -> None:
    """Refuse to record ``firm`` as panel counsel when the product's panel does not list it.

    A product without a directory accepts any firm the insurer calls panel counsel.
    """
    panel = directory.panel(product_id)
    if panel and not any(_same_name(firm, name) for name in panel):
        raise InvalidInput(
            "firm",
            f"{firm} is not panel counsel of {product_id}; its panel: {'; '.join(panel)}",
            message_id="refusal.not_panel_counsel",
            params={"firm": firm, "panel": "; ".join(panel)},
        )


def _provider(product_id: str, entry: object) -> Provider:
    if not isinstance(entry, Mapping):
        raise InvalidInput("providers", f"{product_id}: each provider is a mapping")
    try:
        kind = ProviderKind(str(entry["kind"]))
        return Provider(
            id=str(entry["id"]),
            kind=kind,
            name=str(entry["name"]),
            name_zh=str(entry["name_zh"]),
            location=str(entry.get("location", "")),
            example=bool(entry.get("example", False)),
        )
    except KeyError as missing:
        raise InvalidInput("providers", f"{product_id}: a provider lacks {missing}") from None
    except ValueError:
        kinds = ", ".join(k.value for k in ProviderKind)
        raise InvalidInput(
            "providers", f"{product_id}: a provider's kind is not one of {kinds}"
        ) from None


def parse_directory(text: str, *, source: str) -> ProviderDirectory:
    """Return the directory a providers YAML text describes.

    Raises
    ------
    InvalidInput
        When the text is not a mapping with ``products``, or a provider lacks a field.
    """
    document = load_yaml(text, field="providers", source=source)
    products = document.get("products") if isinstance(document, Mapping) else None
    if not isinstance(products, Mapping):
        raise InvalidInput("providers", f"{source} has no products mapping")
    by_product = {}
    for product_id, entries in products.items():
        if not isinstance(entries, list):
            raise InvalidInput("providers", f"{source}: {product_id} lists no providers")
        by_product[str(product_id)] = tuple(_provider(str(product_id), e) for e in entries)
    return ProviderDirectory(by_product, source=source)

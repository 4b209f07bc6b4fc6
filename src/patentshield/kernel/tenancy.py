"""Which records a caller sees: the tenancy rules, as a pure decision on the caller.

Three kinds of organisation work on the same records without seeing each other's
(docs/security.md, "Tenancy"):

* the **platform** (a platform administrator, or the local operator of the CLI, ``None``) sees
  everything;
* an **exporter** or a **broker** sees the enterprises it owns (``enterprises.organisation_id``)
  and everything under them: quotes, policies, cases naming one of them, evidence, claims,
  joint defence, subsidy applications and grants;
* an **insurer** sees the quotes and policies of the catalog products it underwrites
  (``organisation_products``, loaded into :attr:`Caller.underwrites`), the enterprises holding
  them and the cases and claims on those policies;
* an **administration** sees the enterprises, subsidy applications, grants and programmes of
  its region (:func:`region_prefix`), never a quote, policy, case or evidence.

:func:`scope_of` turns a caller into a :class:`Scope`; the stores translate a scope into SQL
(``WHERE``), so that a list never loads another tenant's rows and a lookup of another
tenant's record answers "not found" exactly as a missing id does. What a caller may *do* to a
record it sees is its role's (:func:`~patentshield.kernel.access.require`: 403).

This module is pure: it imports no framework and reads no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from patentshield.kernel.access import Caller, OrganisationKind


class Reach(StrEnum):
    """How far a caller's view extends."""

    ALL = "all"
    """The platform: every record."""
    OWNER = "owner"
    """An exporter or broker: its own enterprises and what hangs from them."""
    UNDERWRITER = "underwriter"
    """An insurer: the quotes and policies of the products it underwrites, and their cases."""
    REGION = "region"
    """An administration: enterprises, applications, grants and programmes of its region."""


@dataclass(frozen=True, slots=True)
class Scope:
    """What one caller sees, ready to be turned into a query filter.

    ``organisation_id`` is the owner an exporter's enterprises carry; ``products`` the catalog
    products an insurer underwrites; ``region`` the region-code prefix of an administration.
    """

    reach: Reach
    organisation_id: str | None = None
    products: frozenset[str] = frozenset()
    region: str = ""

    @property
    def everything(self) -> bool:
        """Tell whether the scope holds every record (the platform)."""
        return self.reach is Reach.ALL

    @property
    def sees_cases(self) -> bool:
        """Tell whether cases and their evidence can be in the scope (never a region's)."""
        return self.reach is not Reach.REGION

    def covers_region(self, region_code: str | None) -> bool:
        """Tell whether a region code lies inside an administration's region.

        >>> Scope(Reach.REGION, region="4403").covers_region("440305")
        True
        >>> Scope(Reach.REGION, region="4403").covers_region("440604")
        False
        """
        if self.everything:
            return True
        return self.reach is Reach.REGION and (region_code or "").startswith(self.region)


EVERYTHING = Scope(Reach.ALL)
"""The scope of the platform and of the CLI's operator."""


def region_prefix(code: str) -> str:
    """Return the prefix every region code inside ``code`` starts with (GB/T 2260).

    A province ``440000`` holds every code starting ``44``; a city ``440300`` every code
    starting ``4403``; a district is only itself.

    >>> region_prefix("440000"), region_prefix("440300"), region_prefix("440604")
    ('44', '4403', '440604')
    """
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


_REACH_OF_KIND = {
    OrganisationKind.EXPORTER: Reach.OWNER,
    OrganisationKind.BROKER: Reach.OWNER,
    OrganisationKind.INSURER: Reach.UNDERWRITER,
    OrganisationKind.ADMINISTRATION: Reach.REGION,
    OrganisationKind.PLATFORM: Reach.ALL,
}


def scope_of(caller: Caller | None) -> Scope:
    """Return what ``caller`` sees (``None``, the CLI's operator, sees everything).

    An administration without a region sees nothing of a region (its prefix matches no code:
    accounts refuse to create one, so this is only a guard).
    """
    if caller is None or caller.is_platform:
        return EVERYTHING
    reach = _REACH_OF_KIND[caller.organisation_kind]
    if reach is Reach.REGION:
        prefix = region_prefix(caller.region) if caller.region else "-"
        return Scope(reach, organisation_id=caller.organisation_id, region=prefix)
    return Scope(reach, organisation_id=caller.organisation_id, products=caller.underwrites)


def owner_for_new_enterprise(caller: Caller | None) -> str | None:
    """Return the organisation that owns an enterprise ``caller`` creates.

    An exporter's or broker's enterprise is its own; the platform's (and the operator's) has
    no owner until it is assigned (``enterprise assign``).
    """
    if caller is None or scope_of(caller).reach is not Reach.OWNER:
        return None
    return caller.organisation_id

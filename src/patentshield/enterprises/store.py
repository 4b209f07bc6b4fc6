"""Tables of enterprise profiles and the repository that maps them to domain objects.

Tables (migration ``0001``): ``enterprises`` (one row per profile, unique credit code),
``enterprise_industries`` and ``enterprise_flags`` (one row per tag), and, kept in the user's
order by a ``position`` column, ``enterprise_product_classes`` (HTS codes joined with ``;``,
sales as ``Numeric(18, 2)`` + currency), ``enterprise_patents`` and ``enterprise_past_cases``.
Enums are stored as their text values. :meth:`EnterpriseRepository.save` is an upsert by id: it
tells whether the profile was created, updated or left unchanged, so re-importing a file is
idempotent. Commits belong to the caller's unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    column,
    false,
    select,
    table,
    true,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, QueryableAttribute, Session, mapped_column, relationship
from sqlalchemy.sql import ColumnElement

from patentshield.accounts.store import OrganisationRow
from patentshield.enterprises.model import (
    ApplicantFlag,
    CaseRole,
    Enterprise,
    EnterpriseId,
    ImportOutcome,
    PastCase,
    Patent,
    PatentJurisdiction,
    PatentKind,
    ProductClass,
)
from patentshield.enterprises.regions import resolve_region
from patentshield.kernel.db import Base, ExactNumeric, lock_rows_supported
from patentshield.kernel.errors import Conflict
from patentshield.kernel.money import Currency, Money
from patentshield.kernel.tenancy import Reach, Scope

_OWNED = "all, delete-orphan"
_PARENT = "enterprises.id"


class EnterpriseRow(Base):
    """One enterprise profile."""

    __tablename__ = "enterprises"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str | None] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    region_code: Mapped[str] = mapped_column(String(6))
    has_compliance_programme: Mapped[bool] = mapped_column(Boolean)
    organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey(OrganisationRow.id, name="fk_enterprises_organisation"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    industries: Mapped[list[IndustryRow]] = relationship(cascade=_OWNED, lazy="selectin")
    flags: Mapped[list[FlagRow]] = relationship(cascade=_OWNED, lazy="selectin")
    product_classes: Mapped[list[ProductClassRow]] = relationship(
        cascade=_OWNED, lazy="selectin", order_by="ProductClassRow.position"
    )
    patents: Mapped[list[PatentRow]] = relationship(
        cascade=_OWNED, lazy="selectin", order_by="PatentRow.position"
    )
    past_cases: Mapped[list[PastCaseRow]] = relationship(
        cascade=_OWNED, lazy="selectin", order_by="PastCaseRow.position"
    )


class IndustryRow(Base):
    """An industry tag of an enterprise."""

    __tablename__ = "enterprise_industries"

    enterprise_id: Mapped[str] = mapped_column(
        ForeignKey(_PARENT, ondelete="CASCADE"), primary_key=True
    )
    industry: Mapped[str] = mapped_column(String(64), primary_key=True)


class FlagRow(Base):
    """An applicant flag of an enterprise."""

    __tablename__ = "enterprise_flags"

    enterprise_id: Mapped[str] = mapped_column(
        ForeignKey(_PARENT, ondelete="CASCADE"), primary_key=True
    )
    flag: Mapped[str] = mapped_column(String(40), primary_key=True)


class ProductClassRow(Base):
    """A product class: name, HTS codes (``;``-joined) and annual US sales."""

    __tablename__ = "enterprise_product_classes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(ForeignKey(_PARENT, ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    hts_codes: Mapped[str] = mapped_column(Text)
    annual_us_sales: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3))


class PatentRow(Base):
    """A patent of an enterprise."""

    __tablename__ = "enterprise_patents"
    __table_args__ = (UniqueConstraint("enterprise_id", "jurisdiction", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(ForeignKey(_PARENT, ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    jurisdiction: Mapped[str] = mapped_column(String(2))
    number: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(500))
    expiry: Mapped[date | None] = mapped_column(Date)
    high_value: Mapped[bool] = mapped_column(Boolean)


class PastCaseRow(Base):
    """A past US case of an enterprise."""

    __tablename__ = "enterprise_past_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(ForeignKey(_PARENT, ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(Text)


# The quotes and policies of the layers above, named by their table only (an enterprise is
# below them): an insurer sees the enterprises holding a quote or policy of its products.
_QUOTES = table("quotes", column("enterprise_id"), column("product_id"))
_POLICIES = table("policies", column("enterprise_id"), column("product_id"))


def visible_enterprises(scope: Scope) -> ColumnElement[bool]:
    """Return the SQL condition on ``enterprises`` of the profiles ``scope`` sees."""
    if scope.reach is Reach.ALL:
        return true()
    if scope.reach is Reach.OWNER:
        return EnterpriseRow.organisation_id == scope.organisation_id
    if scope.reach is Reach.REGION:
        return EnterpriseRow.region_code.startswith(scope.region, autoescape=True)
    if not scope.products:
        return false()
    products = sorted(scope.products)
    held = select(_POLICIES.c.enterprise_id).where(_POLICIES.c.product_id.in_(products))
    quoted = select(_QUOTES.c.enterprise_id).where(_QUOTES.c.product_id.in_(products))
    return EnterpriseRow.id.in_(held.union(quoted))


def enterprise_in_scope(
    enterprise_id: QueryableAttribute[Any] | ColumnElement[Any], scope: Scope
) -> ColumnElement[bool]:
    """Return the SQL condition that the enterprise named by ``enterprise_id`` is in ``scope``.

    Other stores use it on their own enterprise column (policies, quotes, grants).
    """
    if scope.reach is Reach.ALL:
        return true()
    return enterprise_id.in_(select(EnterpriseRow.id).where(visible_enterprises(scope)))


def _to_domain(row: EnterpriseRow) -> Enterprise:
    return Enterprise(
        id=EnterpriseId(row.id),
        name=row.name,
        name_zh=row.name_zh,
        credit_code=row.credit_code,
        region=resolve_region(row.region_code),
        product_classes=tuple(
            ProductClass(
                p.name,
                tuple(p.hts_codes.split(";")),
                Money(p.annual_us_sales, Currency(p.currency)),
            )
            for p in row.product_classes
        ),
        patents=tuple(
            Patent(
                PatentJurisdiction(p.jurisdiction),
                p.number,
                PatentKind(p.kind),
                p.title,
                p.expiry,
                p.high_value,
            )
            for p in row.patents
        ),
        past_cases=tuple(
            PastCase(c.number, c.year, CaseRole(c.role), c.outcome) for c in row.past_cases
        ),
        has_compliance_programme=row.has_compliance_programme,
        industries=frozenset(i.industry for i in row.industries),
        flags=frozenset(ApplicantFlag(f.flag) for f in row.flags),
    )


@dataclass(frozen=True, slots=True)
class _ChildRows:
    industries: list[IndustryRow]
    flags: list[FlagRow]
    product_classes: list[ProductClassRow]
    patents: list[PatentRow]
    past_cases: list[PastCaseRow]


def _product_class_row(n: int, product_class: ProductClass) -> ProductClassRow:
    return ProductClassRow(
        position=n,
        name=product_class.name,
        hts_codes=";".join(product_class.hts_codes),
        annual_us_sales=product_class.annual_us_sales.amount,
        currency=product_class.annual_us_sales.currency.value,
    )


def _patent_row(n: int, patent: Patent) -> PatentRow:
    return PatentRow(
        position=n,
        jurisdiction=patent.jurisdiction.value,
        number=patent.number,
        kind=patent.kind.value,
        title=patent.title,
        expiry=patent.expiry,
        high_value=patent.high_value,
    )


def _child_rows(enterprise: Enterprise) -> _ChildRows:
    return _ChildRows(
        industries=[IndustryRow(industry=tag) for tag in sorted(enterprise.industries)],
        flags=[FlagRow(flag=flag.value) for flag in sorted(enterprise.flags)],
        product_classes=[
            _product_class_row(n, p) for n, p in enumerate(enterprise.product_classes)
        ],
        patents=[_patent_row(n, p) for n, p in enumerate(enterprise.patents)],
        past_cases=[
            PastCaseRow(
                position=n, number=c.number, year=c.year, role=c.role.value, outcome=c.outcome
            )
            for n, c in enumerate(enterprise.past_cases)
        ],
    )


def _write_scalars(row: EnterpriseRow, enterprise: Enterprise, now: datetime) -> None:
    row.name = enterprise.name
    row.name_zh = enterprise.name_zh
    row.credit_code = enterprise.credit_code
    row.region_code = enterprise.region.code
    row.has_compliance_programme = enterprise.has_compliance_programme
    row.updated_at = now


class EnterpriseRepository:
    """Load and save enterprise profiles in one session (the caller's unit of work)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, enterprise_id: str, *, lock: bool = False) -> EnterpriseRow | None:
        lock = lock and lock_rows_supported(self.session)
        return self.session.get(EnterpriseRow, enterprise_id, with_for_update=lock)

    def get(self, enterprise_id: str, scope: Scope | None = None) -> Enterprise | None:
        """Return the enterprise with ``enterprise_id`` (if ``scope`` sees it), or ``None``."""
        if scope is None or scope.everything:
            row = self._row(enterprise_id)
            return None if row is None else _to_domain(row)
        return self._first(EnterpriseRow.id == enterprise_id, scope)

    def get_by_credit_code(self, credit_code: str, scope: Scope | None = None) -> Enterprise | None:
        """Return the enterprise registered under ``credit_code`` (normalised), or ``None``."""
        return self._first(EnterpriseRow.credit_code == credit_code, scope)

    def _first(self, condition: ColumnElement[bool], scope: Scope | None) -> Enterprise | None:
        statement = select(EnterpriseRow).where(condition)
        if scope is not None:
            statement = statement.where(visible_enterprises(scope))
        row = self.session.scalars(statement).one_or_none()
        return None if row is None else _to_domain(row)

    def owner(self, enterprise_id: str) -> str | None:
        """Return the organisation owning the enterprise (``None``: the platform's)."""
        row = self._row(enterprise_id)
        return None if row is None else row.organisation_id

    def assign(self, enterprise_id: str, organisation_id: str | None, *, now: datetime) -> None:
        """Give the enterprise to ``organisation_id`` (``None``: back to the platform)."""
        row = self._row(enterprise_id, lock=True)
        if row is not None and row.organisation_id != organisation_id:
            row.organisation_id = organisation_id
            row.updated_at = now
            self._flush(enterprise_id)

    def owner_of_credit_code(self, credit_code: str) -> EnterpriseId | None:
        """Return the id of the enterprise holding ``credit_code``, or ``None``."""
        statement = select(EnterpriseRow.id).where(EnterpriseRow.credit_code == credit_code)
        found = self.session.scalars(statement).one_or_none()
        return None if found is None else EnterpriseId(found)

    def list_all(self, scope: Scope | None = None) -> tuple[Enterprise, ...]:
        """Return every enterprise ``scope`` sees (all without one), ordered by id."""
        statement = select(EnterpriseRow).order_by(EnterpriseRow.id)
        if scope is not None:
            statement = statement.where(visible_enterprises(scope))
        return tuple(_to_domain(row) for row in self.session.scalars(statement))

    def save(
        self, enterprise: Enterprise, *, now: datetime, owner: str | None = None
    ) -> ImportOutcome:
        """Insert or update ``enterprise`` (by id); say whether anything changed.

        A new profile belongs to ``owner`` (an organisation id; ``None``: the platform); an
        update keeps the profile's owner.

        Raises
        ------
        Conflict
            When a concurrent writer stored the same id or credit code first.
        """
        row = self._row(enterprise.id, lock=True)
        if row is not None and _to_domain(row) == enterprise:
            return ImportOutcome.UNCHANGED
        outcome = ImportOutcome.UPDATED
        if row is None:
            row = EnterpriseRow(id=enterprise.id, created_at=now, organisation_id=owner)
            self.session.add(row)
            outcome = ImportOutcome.CREATED
        _write_scalars(row, enterprise, now)
        self._replace_children(row, enterprise)
        return outcome

    def _replace_children(self, row: EnterpriseRow, enterprise: Enterprise) -> None:
        row.industries.clear()
        row.flags.clear()
        row.product_classes.clear()
        row.patents.clear()
        row.past_cases.clear()
        self._flush(enterprise.id)  # delete the old rows before their unique keys are reused
        children = _child_rows(enterprise)
        row.industries.extend(children.industries)
        row.flags.extend(children.flags)
        row.product_classes.extend(children.product_classes)
        row.patents.extend(children.patents)
        row.past_cases.extend(children.past_cases)
        self._flush(enterprise.id)

    def _flush(self, enterprise_id: str) -> None:
        try:
            self.session.flush()
        except IntegrityError as clash:
            raise Conflict(
                f"enterprise {enterprise_id!r} clashes with a row written concurrently "
                f"(same id or credit code); retry the import: {clash.orig}",
                field="id",
            ) from None

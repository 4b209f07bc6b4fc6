"""Parse one row of the IDS ``investigations.json`` in its current ("title-case") format.

Field names and shapes follow ``SCHEMA.md`` §2 (schema A): nested ``{ID, Name}`` objects
with ``Name`` or ``name``, mixed date formats, parties under ``Participants`` with their
country and disposition, IP rights, unfair acts, HTS numbers, remedial orders under
``Unfair Import Orders`` (their kind is read from the order title) and associated litigation.
The investigation number is ``Investigation Number``; ``official_investigation_number``
disagrees with it in many rows and is not used.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from patentshield.usitc import feed_values as fv
from patentshield.usitc.records import (
    FeedLayout,
    InvestigationDates,
    IpRight,
    Litigation,
    Party,
    PartyRole,
    PhaseRow,
    RecordKind,
    RemedialOrder,
)

NUMBER = "Investigation Number"
MARKER_FIELDS = frozenset({NUMBER, "Investigation ID", "Case ID", "Full Title"})
_ORDER_DATE_FIELDS = ("Order Date", "Order Issue Date", "Issue Date", "Date Issued", "Date")


def is_title_case_row(row: Mapping[str, object]) -> bool:
    """Tell whether ``row`` has the fields of the title-case IDS format."""
    return not MARKER_FIELDS.isdisjoint(row)


def is_section_337(row: Mapping[str, object]) -> bool:
    """Tell whether a title-case row is a Section 337 investigation (else it is skipped).

    A row is 337 when a category is "337 - Unfair Imports", the type is "Unfair Imports" /
    "Sec 337", or, for the few rows without category, the number starts with ``337-``.
    """
    categories = row.get("Investigation Categories")
    if isinstance(categories, list):
        for category in categories:
            name = category.get("Name") if isinstance(category, Mapping) else category
            if isinstance(name, str) and name.strip().startswith("337"):
                return True
    kind = row.get("Investigation Type")
    kind_name = kind.get("Name", kind.get("name")) if isinstance(kind, Mapping) else kind
    if isinstance(kind_name, str) and kind_name.strip().casefold() in {"unfair imports", "sec 337"}:
        return True
    return fv.is_section_337_number(row.get(NUMBER))


def parse_title_case_row(row: Mapping[str, object], position: int) -> PhaseRow:
    """Return the phase row read from one title-case feed row.

    Raises
    ------
    RowProblem
        When a field the importer relies on is malformed (named in the error).
    """
    number, kind = fv.investigation_number(row.get(NUMBER), NUMBER)
    status = fv.name_of(row.get("Investigation Status"), "Investigation Status")
    if status is not None and "preinstitution" in status.casefold().replace("-", ""):
        kind = RecordKind.PREINSTITUTION
    parties = _participants(row)
    return PhaseRow(
        number=number,
        kind=kind,
        layout=FeedLayout.IDS_TITLE_CASE,
        row=position,
        raw=dict(row),
        phase=fv.name_of(row.get("Investigation Phase"), "Investigation Phase"),
        phase_number=fv.integer(
            fv.name_of(row.get("Phase Number"), "Phase Number"), "Phase Number"
        ),
        docket=fv.text(row.get("Docket Number"), "Docket Number"),
        title=fv.text(row.get("Topic"), "Topic") or fv.text(row.get("Full Title"), "Full Title"),
        status=status,
        determination=_determination(row),
        dates=_dates(row),
        parties=parties,
        has_party_list=bool(parties),
        ip_rights=_ip_rights(row),
        unfair_acts=_unfair_acts(row),
        hts_numbers=_hts_numbers(row),
        orders=_orders(row),
        litigation=_litigation(row),
    )


def _date(row: Mapping[str, object], *fields: str) -> date | None:
    for field in fields:
        day = fv.feed_date(row.get(field), field)
        if day is not None:
            return day
    return None


def _dates(row: Mapping[str, object]) -> InvestigationDates:
    return InvestigationDates(
        complaint_filed=_date(row, "Initiating Document Received Date"),
        instituted=_date(row, "Start Date"),
        notice_published=_date(row, "Date of Publication of FR Notice (NOI)"),
        target=_date(row, "Target Date"),
        final_determination=_date(row, "Final Determination Date", "Determination Date"),
        terminated=_date(row, "Investigation Termination Date", "Investigation End Date"),
    )


def _determination(row: Mapping[str, object]) -> str | None:
    field = "Final Determination Type"
    value = row.get(field)
    if isinstance(value, Mapping) and value.get("isActive") is False:
        return None
    return fv.name_of(value, field, "finalDeterminationType")


def _role(value: str | None) -> PartyRole:
    folded = (value or "").casefold()
    if "respondent" in folded:
        return PartyRole.RESPONDENT
    if "complainant" in folded or "petitioner" in folded:
        return PartyRole.COMPLAINANT
    return PartyRole.OTHER


def _participants(row: Mapping[str, object]) -> tuple[Party, ...]:
    parties: list[Party] = []
    for item in fv.items(row, "Participants"):
        participant = fv.mapping(item.get("Participant"), "Participants.Participant")
        name = fv.name_of(participant, "Participants.Participant.Name")
        if name is None:
            raise fv.RowProblem("Participants.Participant.Name", "missing")
        place = fv.name_of(participant.get("Country"), "Participants.Participant.Country")
        disposition = fv.name_of(
            item.get("Participant Disposition"), "Participants.Participant Disposition"
        )
        parties.append(
            Party(
                role=_role(fv.name_of(item.get("Participant Type"), "Participant Type")),
                name=name,
                country=fv.country(place),
                disposition=disposition,
                disposition_kind=fv.disposition_kind(disposition),
                disposition_date=fv.feed_date(
                    item.get("Participant Disposition Date"), "Participant Disposition Date"
                ),
            )
        )
    return tuple(parties)


def _ip_rights(row: Mapping[str, object]) -> tuple[IpRight, ...]:
    rights: list[IpRight] = []
    for item in fv.items(row, "Intellectual Property"):
        right = fv.mapping(item.get("Intellectual Property ID"), "Intellectual Property ID")
        kind = fv.name_of(right.get("Type"), "Intellectual Property ID.Type")
        number = fv.text(right.get("Number"), "Intellectual Property ID.Number")
        rights.append(IpRight(kind=kind or "unknown", number=number))
    return tuple(rights)


def _unfair_acts(row: Mapping[str, object]) -> tuple[str, ...]:
    acts = (
        fv.name_of(item.get("Unfair Act in Notice"), "Unfair Act in Notice")
        for item in fv.items(row, "Unfair Act")
    )
    return tuple(act for act in acts if act is not None)


def _hts_numbers(row: Mapping[str, object]) -> tuple[str, ...]:
    codes = (
        fv.name_of(item.get("HTS Number & Description"), "HTS Number & Description")
        for item in fv.items(row, "HTS Number")
    )
    return tuple(code for code in codes if code is not None)


def _orders(row: Mapping[str, object]) -> tuple[RemedialOrder, ...]:
    orders: list[RemedialOrder] = []
    for item in fv.items(row, "Unfair Import Orders"):
        title = fv.text(item.get("Order Title"), "Unfair Import Orders.Order Title")
        issued = _date(item, *_ORDER_DATE_FIELDS)
        orders.extend(
            RemedialOrder(order_type=kind, title=title or "", issued=issued)
            for kind in fv.order_types(title)
        )
    return tuple(orders)


def _litigation(row: Mapping[str, object]) -> tuple[Litigation, ...]:
    cases: list[Litigation] = []
    for item in fv.items(row, "Associated Litigation"):
        cases.append(
            Litigation(
                case_number=fv.text(item.get("Case Number"), "Associated Litigation.Case Number"),
                case_name=fv.text(item.get("Case Name"), "Associated Litigation.Case Name"),
                court=fv.name_of(item.get("Court Forum"), "Associated Litigation.Court Forum"),
                status=fv.name_of(
                    item.get("Proceeding Status"), "Associated Litigation.Proceeding Status"
                ),
                docketed=fv.feed_date(item.get("Docketing Date"), "Docketing Date"),
            )
        )
    return tuple(cases)

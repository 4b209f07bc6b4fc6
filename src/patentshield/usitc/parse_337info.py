"""Parse one 337Info record (``pubapps2.usitc.gov/337external``, as loaded in BigQuery).

Field names follow ``SCHEMA.md`` §4 (schema C). Every date is a string. Per-respondent
country, disposition and remedial orders live under ``respondent[]``; fields with the suffix
``_a`` are the text renderings of coded values and are preferred when present. A Commission
final determination is recorded as the date in ``finalDetViolation`` or ``finalDetNoViolation``.

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

NUMBER = "investigationNo"
MARKER_FIELDS = frozenset({NUMBER, "docketNo", "currentStatus", "dateComplaintFiled"})
_RIGHTS = (
    ("patentNumbers", "patentNumber", "Patent"),
    ("trademarkNumbers", "trademarkNumber", "Trademark"),
    ("copyrightNumbers", "copyrightNumber", "Copyright"),
)


def is_337info_record(row: Mapping[str, object]) -> bool:
    """Tell whether ``row`` has the fields of a 337Info record."""
    return not MARKER_FIELDS.isdisjoint(row)


def parse_337info_record(row: Mapping[str, object], position: int) -> PhaseRow:
    """Return the phase row read from one 337Info record (every record is Section 337).

    Raises
    ------
    RowProblem
        When a field the importer relies on is malformed (named in the error).
    """
    number, kind = fv.investigation_number(row.get(NUMBER), NUMBER)
    status = fv.text(row.get("currentStatus"), "currentStatus")
    if status is not None and "preinstitution" in status.casefold().replace("-", ""):
        kind = RecordKind.PREINSTITUTION
    determination, determined = _determination(row)
    parties = _parties(row, "complainant", PartyRole.COMPLAINANT) + _parties(
        row, "respondent", PartyRole.RESPONDENT
    )
    return PhaseRow(
        number=number,
        kind=kind,
        layout=FeedLayout.INFO_337,
        row=position,
        raw=dict(row),
        phase=fv.text(row.get("investigationType"), "investigationType"),
        docket=fv.text(row.get("docketNo"), "docketNo"),
        title=fv.text(row.get("title"), "title"),
        status=status,
        determination=determination,
        dates=_dates(row, determined),
        parties=parties,
        has_party_list=bool(parties),
        ip_rights=_ip_rights(row),
        unfair_acts=_unfair_acts(row),
        hts_numbers=_hts_numbers(row),
        orders=_orders(row),
        litigation=_appeals(row),
    )


def _day(row: Mapping[str, object], field: str) -> date | None:
    return fv.feed_date(row.get(field), field)


def _coded(item: Mapping[str, object], field: str, prefix: str) -> str | None:
    """Return the text rendering ``field_a`` of a coded value, else the value itself."""
    return fv.text(item.get(f"{field}_a"), f"{prefix}.{field}_a") or fv.text(
        item.get(field), f"{prefix}.{field}"
    )


def _determination(row: Mapping[str, object]) -> tuple[str | None, date | None]:
    violation = _day(row, "finalDetViolation")
    no_violation = _day(row, "finalDetNoViolation")
    if no_violation is not None and (violation is None or no_violation >= violation):
        return "No Violation", no_violation
    if violation is not None:
        return "Violation", violation
    return None, None


def _dates(row: Mapping[str, object], determined: date | None) -> InvestigationDates:
    return InvestigationDates(
        complaint_filed=_day(row, "dateComplaintFiled"),
        notice_published=_day(row, "dateOfPublicationFrNotice"),
        target=_day(row, "targetDate"),
        final_initial_determination=_day(row, "finalIdOnViolationIssue"),
        final_determination=determined,
        terminated=_day(row, "investigationTermDate"),
    )


def _parties(row: Mapping[str, object], field: str, role: PartyRole) -> tuple[Party, ...]:
    parties: list[Party] = []
    for item in fv.items(row, field):
        outside = fv.mapping(item.get("outsideParty"), f"{field}.outsideParty")
        name = fv.text(outside.get("partyName"), f"{field}.outsideParty.partyName")
        if name is None:
            raise fv.RowProblem(f"{field}.outsideParty.partyName", "missing")
        disposition, decided = _latest_disposition(item, field)
        parties.append(
            Party(
                role=role,
                name=name,
                country=fv.country(fv.text(outside.get("country"), f"{field}.country")),
                disposition=disposition,
                disposition_kind=fv.disposition_kind(disposition),
                disposition_date=decided,
            )
        )
    return tuple(parties)


def _latest_disposition(item: Mapping[str, object], field: str) -> tuple[str | None, date | None]:
    prefix = f"{field}.respondentDisposition"
    latest: tuple[str | None, date | None] = (None, None)
    for entry in fv.items(item, "respondentDisposition"):
        text = _coded(entry, "dispositionByRespondent", prefix)
        day = fv.feed_date(entry.get("dateDispositionRespondent"), f"{prefix}.date")
        if text is None:
            continue
        if latest[0] is None or (day is not None and (latest[1] is None or day >= latest[1])):
            latest = (text, day)
    return latest


def _orders(row: Mapping[str, object]) -> tuple[RemedialOrder, ...]:
    orders: list[RemedialOrder] = []
    for item in fv.items(row, "respondent"):
        name = fv.text(fv.mapping(item.get("outsideParty"), "respondent").get("partyName"), "")
        for entry in fv.items(item, "respondentDisposition"):
            prefix = "respondent.respondentDisposition"
            title = _coded(entry, "typeOfRemedialOrder", prefix)
            issued = fv.feed_date(entry.get("dateOfRemedialOrder"), f"{prefix}.dateOfRemedialOrder")
            orders.extend(
                RemedialOrder(order_type=kind, title=title or "", issued=issued, respondent=name)
                for kind in fv.order_types(title)
            )
    return tuple(orders)


def _ip_rights(row: Mapping[str, object]) -> tuple[IpRight, ...]:
    rights: list[IpRight] = []
    for field, key, kind in _RIGHTS:
        for item in fv.items(row, field):
            rights.append(IpRight(kind=kind, number=fv.text(item.get(key), f"{field}.{key}")))
    single = fv.text(row.get("patentNumber"), "patentNumber")
    if single is not None and all(right.number != single for right in rights):
        rights.append(IpRight(kind="Patent", number=single))
    return tuple(rights)


def _unfair_acts(row: Mapping[str, object]) -> tuple[str, ...]:
    acts = (
        _coded(item, "unfairActInNotice", "invUnfairAct") for item in fv.items(row, "invUnfairAct")
    )
    return tuple(act for act in acts if act is not None)


def _hts_numbers(row: Mapping[str, object]) -> tuple[str, ...]:
    codes = (fv.text(item.get("hts8"), "htsNumbers.hts8") for item in fv.items(row, "htsNumbers"))
    return tuple(code for code in codes if code is not None)


def _appeals(row: Mapping[str, object]) -> tuple[Litigation, ...]:
    return tuple(
        Litigation(
            case_number=fv.text(item.get("caseNumber"), "cafcAppeals.caseNumber"),
            case_name=fv.text(item.get("caseName"), "cafcAppeals.caseName"),
            court="Federal Circuit",
            status=fv.text(item.get("appealLitStatus"), "cafcAppeals.appealLitStatus"),
            docketed=fv.feed_date(
                item.get("dateAppealPettionFiled"), "cafcAppeals.dateAppealPettionFiled"
            ),
        )
        for item in fv.items(row, "cafcAppeals")
    )

"""Use cases of the compliance watch: match a product, run the watch, alerts, profiles, patents.

Every use case takes the :class:`~patentshield.kernel.runtime.Runtime` first and reads the
clock, the vocabulary, the complainant classification, the risk parameters and the database
from it. The record is the shipped USITC sample plus imported feeds (``usitc`` service, a
number in both counts once). A run of the watch writes its alerts in one transaction; an
alert already recorded for the enterprise is not recorded again, so ``watch alerts`` lists
what each run found new.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.compliance import store
from patentshield.compliance.complainants import (
    ComplainantReference,
    Profile,
    find_profiles,
    npe_share,
    profiles,
)
from patentshield.compliance.consequences import IfNamed, if_named
from patentshield.compliance.matching import Match, Subject, WatchIndex, record_subjects
from patentshield.compliance.model import Alert, AlertKind, WatchList, watch_hits
from patentshield.compliance.patents import TABLES, PatentParse, UsPatent, parse_patentsview
from patentshield.compliance.text import analyser_for
from patentshield.compliance.vocabulary import Vocabulary
from patentshield.enterprises.model import Enterprise, ProductClass
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel import inputs
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import Conflict, InvalidInput, InvalidRecords
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import scope_of
from patentshield.procedure.steps import load_procedure
from patentshield.risk.parameters import Parameters
from patentshield.usitc.records import RecordKind
from patentshield.usitc.service import Selection, load_investigations

ALERT_SCORE = 0.25
"""Lowest score that makes an alert (``watch match`` shows everything above the floor)."""

MAX_TOP = 100
MAX_TEXT = 2000
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class MatchReport:
    """The investigations that concern a product, and what follows if the exporter is named."""

    matches: tuple[Match, ...]
    if_named: IfNamed


@dataclass(frozen=True, slots=True)
class ProductRun:
    """One product of a run: what follows if named for it (its own US sales)."""

    product: ProductClass
    if_named: IfNamed


@dataclass(frozen=True, slots=True)
class RunReport:
    """A run of the watch: its id, the products checked, all it found and what was new."""

    run_id: int
    enterprise_id: str
    products: tuple[ProductRun, ...]
    found: tuple[Alert, ...]
    new: tuple[Alert, ...]


@dataclass(frozen=True, slots=True)
class ComplainantReport:
    """Complainant profiles with the record's NPE share beside the published ones."""

    profiles: tuple[Profile, ...]
    npe_investigations: int
    investigations: int
    reference: ComplainantReference


@dataclass(frozen=True, slots=True)
class PatentImportReport:
    """What a patent import did: rows read per file, patents added/updated, rows refused."""

    source: str
    parse: PatentParse
    added: int
    updated: int


def _record_index(runtime: Runtime) -> WatchIndex:
    records = load_investigations(runtime, Selection.ALL)
    return WatchIndex(record_subjects(records), analyser_for(runtime.reference.get(Vocabulary)))


def _if_named(runtime: Runtime, sales: Money | None) -> IfNamed:
    return if_named(
        runtime.clock.today(),
        procedure=load_procedure(),
        parameters=runtime.reference.get(Parameters),
        annual_us_sales=sales,
    )


def check_query(text: str, hts: Sequence[str], top: int) -> None:
    """Refuse an empty or oversized description, a code without digits, or a bad ``top``."""
    if not text.strip():
        raise InvalidInput("text", "describe the product (English or Chinese)")
    if len(text) > MAX_TEXT:
        raise InvalidInput("text", f"at most {MAX_TEXT} characters")
    for code in hts:
        if sum(character.isdigit() for character in code) < 4:
            raise InvalidInput("hts", f"{code!r} is not an HS/HTS code (4 digits or more)")
    if not 1 <= top <= MAX_TOP:
        raise InvalidInput("top", f"{top} is not between 1 and {MAX_TOP}")


def match_product(
    runtime: Runtime, text: str, *, hts: Sequence[str] = (), top: int = 10
) -> MatchReport:
    """Rank the record's investigations for a product description (English or Chinese)."""
    check_query(text, hts, top)
    matches = _record_index(runtime).rank(text, hts=hts, top=top)
    return MatchReport(tuple(matches), _if_named(runtime, None))


def _kind(subject: Subject) -> AlertKind:
    if subject.kind == "patent":
        return AlertKind.PATENT
    if subject.kind == RecordKind.PREINSTITUTION.value:
        return AlertKind.COMPLAINT
    return AlertKind.INVESTIGATION


def _alert(enterprise: str, product: str, match: Match, run_id: int, runtime: Runtime) -> Alert:
    return Alert(
        enterprise_id=enterprise,
        product=product,
        kind=_kind(match.subject),
        subject=match.subject.key,
        title=match.subject.title,
        score=match.score,
        reasons=match.reasons,
        run_id=run_id,
        created_at=runtime.clock.now(),
    )


def _watched_patents(
    session: Session, runtime: Runtime, enterprise_id: str
) -> list[tuple[UsPatent, tuple[str, ...]]]:
    """Patents in force today that meet one of the enterprise's watch lists, with why."""
    lists = store.watch_lists(session, enterprise_id)
    today = runtime.clock.today()
    found: list[tuple[UsPatent, tuple[str, ...]]] = []
    for patent in store.patents(session):
        expiry = patent.expiry()
        hits = tuple(hit for watch_list in lists for hit in watch_hits(watch_list, patent))
        if hits and not patent.withdrawn and expiry.is_in_force(today) is not False:
            found.append((patent, hits))
    return found


def _patent_alerts(
    runtime: Runtime, enterprise: Enterprise, watched: list[tuple[UsPatent, tuple[str, ...]]]
) -> list[Alert]:
    """Watched patents matched against the products (a patent no product meets: one alert)."""
    if not watched:
        return []
    subjects = [Subject(p.number, p.title, kind="patent") for p, _ in watched]
    index = WatchIndex(subjects, analyser_for(runtime.reference.get(Vocabulary)))
    hits = {patent.number: reasons for patent, reasons in watched}
    expiries = {p.number: p.expiry().last_day for p, _ in watched}
    alerts: list[Alert] = []
    matched: set[str] = set()
    for product in enterprise.product_classes:
        for match in index.rank(product.name, hts=product.hts_codes, top=len(subjects)):
            if match.score >= ALERT_SCORE:
                matched.add(match.subject.key)
                reasons = hits[match.subject.key] + match.reasons
                alert = _alert(enterprise.id, product.name, match, 0, runtime)
                alerts.append(_with(alert, reasons, expiries[match.subject.key]))
    for subject in subjects:
        if subject.key not in matched:
            bare = Match(subject, 0.0, ())
            alert = _alert(enterprise.id, "", bare, 0, runtime)
            alerts.append(_with(alert, hits[subject.key], expiries[subject.key]))
    return alerts


def _with(alert: Alert, reasons: tuple[str, ...], expires: date | None) -> Alert:
    return replace(alert, reasons=reasons, expires=expires)


def _investigation_alerts(runtime: Runtime, enterprise: Enterprise) -> list[Alert]:
    index = _record_index(runtime)
    return [
        _alert(enterprise.id, product.name, match, 0, runtime)
        for product in enterprise.product_classes
        for match in index.rank(product.name, hts=product.hts_codes, top=10)
        if match.score >= ALERT_SCORE
    ]


def run_watch(runtime: Runtime, enterprise_key: str) -> RunReport:
    """Check every product of an enterprise; record the alerts not recorded before."""
    with runtime.unit_of_work() as session:
        enterprise = visible_enterprise(
            session, runtime, enterprise_key, Permission.ENTERPRISES_WRITE
        )
        watched = _watched_patents(session, runtime, enterprise.id)
    found = _investigation_alerts(runtime, enterprise) + _patent_alerts(
        runtime, enterprise, watched
    )
    products = tuple(
        ProductRun(product, _if_named(runtime, product.annual_us_sales))
        for product in enterprise.product_classes
    )
    try:
        with runtime.unit_of_work() as session:
            run_id = store.start_run(session, enterprise.id, len(products), runtime.clock.now())
            known = store.known_alerts(session, enterprise.id)
            stamped = [_stamp(alert, run_id) for alert in found]
            new = [a for a in stamped if (a.product, a.kind.value, a.subject) not in known]
            store.add_alerts(session, new)
            store.finish_run(session, run_id, found=len(stamped), new=len(new))
    except IntegrityError:
        raise Conflict(
            "another run of the watch for this enterprise wrote the same alerts; run it again",
            field="enterprise",
        ) from None
    return RunReport(run_id, enterprise.id, products, tuple(stamped), tuple(new))


def _stamp(alert: Alert, run_id: int) -> Alert:
    return replace(alert, run_id=run_id)


def list_alerts(runtime: Runtime, enterprise_key: str | None = None) -> list[Alert]:
    """Return the recorded alerts (of one enterprise, or all the caller sees), newest run first."""
    require(runtime.caller, Permission.ENTERPRISES_READ)
    with runtime.unit_of_work() as session:
        enterprise_id = _visible_id(session, runtime, enterprise_key)
        return store.alerts(session, enterprise_id, scope_of(runtime.caller))


def complainant_profiles(runtime: Runtime, name: str) -> ComplainantReport:
    """Return the profiles of the complainants named ``name`` and the record's NPE share."""
    records = load_investigations(runtime, Selection.ALL)
    reference = runtime.reference.get(ComplainantReference)
    found = find_profiles(records, reference, name)
    flagged, total = npe_share(profiles(records, reference))
    return ComplainantReport(tuple(found), flagged, total, reference)


def read_patent_files(paths: Sequence[Path]) -> dict[str, bytes]:
    """Read PatentsView tables from files or folders (a folder: every table it holds)."""
    files: dict[str, bytes] = {}
    for path in paths:
        candidates = [path / name for name in TABLES] if path.is_dir() else [path]
        for candidate in candidates:
            if path.is_dir() and not candidate.exists():
                continue
            files[candidate.name] = _read(candidate)
    if not files:
        raise InvalidInput("file", "no PatentsView table (g_patent.tsv, …) was given")
    return files


def _read(path: Path) -> bytes:
    return inputs.read_bytes(path, field="file", limit=MAX_FILE_BYTES)


def shipped_patent_files() -> dict[str, bytes]:
    """Return the sample of PatentsView tables shipped in ``compliance/data/patentsview``."""
    folder = resources.files("patentshield.compliance").joinpath("data", "patentsview")
    return {
        name: folder.joinpath(name).read_bytes()
        for name in TABLES
        if folder.joinpath(name).is_file()
    }


def import_patents(
    runtime: Runtime, files: Mapping[str, bytes], *, source: str, strict: bool
) -> PatentImportReport:
    """Import US patents in one transaction; with ``strict`` any refused row refuses all."""
    parsed = parse_patentsview(files)
    if strict and parsed.rejected:
        raise InvalidRecords(source, parsed.rejected)
    with runtime.unit_of_work() as session:
        added, updated = store.save_patents(session, parsed.patents.values(), runtime.clock.now())
    return PatentImportReport(source, parsed, added, updated)


def list_patents(runtime: Runtime) -> list[UsPatent]:
    """Return the imported US patents, by number."""
    with runtime.unit_of_work() as session:
        return store.patents(session)


def add_watch_list(runtime: Runtime, watch_list: WatchList) -> WatchList:
    """Add a watch list to an existing enterprise the caller sees and may change."""
    with runtime.unit_of_work() as session:
        enterprise = visible_enterprise(
            session, runtime, watch_list.enterprise_id, Permission.ENTERPRISES_WRITE
        )
        saved = replace(watch_list, enterprise_id=enterprise.id)
        store.add_watch_list(session, saved, runtime.clock.now())
    return saved


def list_watch_lists(runtime: Runtime, enterprise_key: str | None = None) -> list[WatchList]:
    """Return the watch lists (of one enterprise, or all the caller sees)."""
    require(runtime.caller, Permission.ENTERPRISES_READ)
    with runtime.unit_of_work() as session:
        enterprise_id = _visible_id(session, runtime, enterprise_key)
        return store.watch_lists(session, enterprise_id, scope_of(runtime.caller))


def visible_enterprise(
    session: Session, runtime: Runtime, key: str, permission: Permission
) -> Enterprise:
    """Return the enterprise ``key`` if the caller sees it, once the caller holds ``permission``.

    Another tenant's profile is not found, exactly as a missing one (404), whatever the role;
    a profile the caller sees but may not act on is forbidden (403).
    """
    enterprise = get_enterprise(session, key, scope_of(runtime.caller))
    require(runtime.caller, permission)
    return enterprise


def _visible_id(session: Session, runtime: Runtime, key: str | None) -> str | None:
    if key is None:
        return None
    return visible_enterprise(session, runtime, key, Permission.ENTERPRISES_READ).id

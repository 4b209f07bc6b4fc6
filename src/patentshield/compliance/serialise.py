"""JSON shapes of the compliance watch (money as ``{"amount", "currency"}``, dates ISO).

This module is pure: it turns values into JSON-ready dictionaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from patentshield.compliance.complainants import Profile, PublishedShare
from patentshield.compliance.consequences import IfNamed
from patentshield.compliance.matching import Match
from patentshield.compliance.model import Alert, WatchList
from patentshield.compliance.patents import UsPatent
from patentshield.kernel.jsonvalue import JsonValue


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def match_to_json(match: Match) -> dict[str, JsonValue]:
    """Return one match: the investigation, its score and the reasons."""
    subject = match.subject
    return {
        "investigation": subject.key,
        "score": match.score,
        "reasons": list(match.reasons),
        "title": subject.title,
        "kind": subject.kind,
        "source": subject.source,
        "year": subject.year,
    }


def if_named_to_json(found: IfNamed) -> dict[str, JsonValue]:
    """Return what follows if named: the answer deadline and the typical cost, with bases."""
    return {
        "if_served_on": found.served_on.isoformat(),
        "answer_due": found.answer_due.isoformat(),
        "answer_rule": found.answer_rule,
        "stake": found.stake.to_json(),
        "stake_basis": found.stake_basis,
        "typical_defence_cost": found.typical_cost.to_json(),
        "answer_phase_cost": found.answer_phase_cost.to_json(),
        "cost_basis": found.cost_basis,
    }


def matches_to_json(matches: Sequence[Match], if_named: IfNamed) -> dict[str, JsonValue]:
    """Return ``{"matches": [...], "if_named": {...}}``."""
    return {"matches": [match_to_json(m) for m in matches], "if_named": if_named_to_json(if_named)}


def alert_to_json(alert: Alert) -> dict[str, JsonValue]:
    """Return one alert."""
    return {
        "enterprise": alert.enterprise_id,
        "product": alert.product,
        "kind": alert.kind.value,
        "subject": alert.subject,
        "title": alert.title,
        "score": alert.score,
        "reasons": list(alert.reasons),
        "expires": _day(alert.expires),
        "run": alert.run_id,
        "created_at": alert.created_at.isoformat(),
    }


def profile_to_json(profile: Profile) -> dict[str, JsonValue]:
    """Return a complainant's profile: history, rank, NPE flag with its basis."""
    flag = profile.classification
    return {
        "complainant": profile.name,
        "investigations": [
            {
                "investigation": case.number,
                "year": case.year,
                "title": case.title,
                "respondents": case.respondents,
                "chinese_respondents": case.chinese_respondents,
                "respondents_complete": case.respondents_complete,
                "outcome": case.outcome,
                "orders": list(case.orders),
            }
            for case in profile.cases
        ],
        "respondents_named": profile.respondents(),
        "chinese_respondents": profile.chinese_respondents(),
        "outcomes": dict(profile.outcomes()),
        "orders": dict(profile.orders()),
        "repeat_filer_rank": profile.rank,
        "complainants_in_record": profile.complainants,
        "npe": {
            "is_npe": flag.category.is_npe(),
            "category": flag.category.value,
            "basis": flag.basis,
            "tag": flag.tag,
        },
    }


def patent_to_json(patent: UsPatent) -> dict[str, JsonValue]:
    """Return an imported patent with its expiry, the rule and the assumptions."""
    expiry = patent.expiry()
    return {
        "patent": patent.label(),
        "number": patent.number,
        "kind": patent.kind,
        "title": patent.title,
        "granted": patent.granted.isoformat(),
        "filed": _day(patent.filed),
        "assignees": list(patent.assignees),
        "cpc": list(patent.cpc),
        "expires": _day(expiry.last_day),
        "expiry_rule": expiry.rule,
        "expiry_assumptions": list(expiry.assumptions),
    }


def watch_list_to_json(watch_list: WatchList) -> dict[str, JsonValue]:
    """Return a watch list."""
    return {
        "id": watch_list.id,
        "enterprise": watch_list.enterprise_id,
        "assignees": list(watch_list.assignees),
        "cpc": list(watch_list.cpc),
        "keywords": list(watch_list.keywords),
    }


def complainant_report_to_json(
    profiles: Sequence[Profile],
    npe_investigations: int,
    investigations: int,
    shares: Sequence[PublishedShare],
) -> dict[str, JsonValue]:
    """Return the profiles and the record's NPE share beside the published shares."""
    return {
        "complainants": [profile_to_json(profile) for profile in profiles],
        "npe_calibration": {
            "record_npe_investigations": npe_investigations,
            "record_investigations": investigations,
            "published": [
                {
                    "period": share.period,
                    "share": share.share,
                    "note": share.note,
                    "source": f"{share.tag} {share.source}",
                }
                for share in shares
            ],
        },
    }

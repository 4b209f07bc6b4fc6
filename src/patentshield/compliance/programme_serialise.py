"""JSON forms of the compliance programme: control records, the score, FTO opinions, providers.

They are the contract of ``patentshield compliance … --format json`` and of the HTTP API.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from patentshield.compliance.fto import FtoOpinion
from patentshield.compliance.providers import Provider
from patentshield.compliance.score import (
    CONTROL_BY_ID,
    EVIDENCE_FRESH_DAYS,
    TOTAL_POINTS,
    WATCH_FRESH_DAYS,
    ControlRecord,
    ControlState,
    Score,
)
from patentshield.kernel.jsonvalue import JsonValue


def control_record_to_json(record: ControlRecord) -> dict[str, JsonValue]:
    """Return one declaration of a control as JSON."""
    control = CONTROL_BY_ID[record.control]
    return {
        "enterprise": record.enterprise_id,
        "control": record.control,
        "label": control.label,
        "label_zh": control.label_zh,
        "in_place": record.in_place,
        "evidence": record.evidence,
        "date": record.day.isoformat(),
        "recorded_by": record.recorded_by or None,
    }


def _line_to_json(line: ControlState) -> dict[str, JsonValue]:
    return {
        "control": line.control.id,
        "label": line.control.label,
        "label_zh": line.control.label_zh,
        "source": line.control.source.value,
        "points": line.control.points,
        "earned": format(line.earned.normalize(), "f"),
        "met": line.met,
        "evidence": line.evidence,
        "date": line.day.isoformat() if line.day else None,
    }


def score_to_json(score: Score) -> dict[str, JsonValue]:
    """Return a score with every control's line and the rubric's constants."""
    return {
        "enterprise": score.enterprise_id,
        "date": score.day.isoformat(),
        "points": format(score.points.normalize(), "f"),
        "out_of": TOTAL_POINTS,
        "fraction": format(score.fraction.normalize(), "f"),
        "controls_declared": score.recorded,
        "rubric": {
            "evidence_fresh_days": EVIDENCE_FRESH_DAYS,
            "watch_fresh_days": WATCH_FRESH_DAYS,
        },
        "controls": [_line_to_json(line) for line in score.lines],
    }


def opinion_to_json(opinion: FtoOpinion) -> dict[str, JsonValue]:
    """Return an FTO opinion as JSON."""
    return {
        "id": opinion.id,
        "enterprise": opinion.enterprise_id,
        "counsel": opinion.counsel,
        "issued_on": opinion.issued_on.isoformat(),
        "patents": list(opinion.patents),
        "products": list(opinion.products),
        "conclusion": opinion.conclusion.value,
        "conclusion_label": opinion.conclusion.label,
        "conclusion_label_zh": opinion.conclusion.label_zh,
        "sha256": opinion.sha256,
        "size": opinion.size,
        "filename": opinion.filename,
        "added_at": opinion.added_at.isoformat(),
        "note": opinion.note,
    }


def provider_to_json(provider: Provider) -> dict[str, JsonValue]:
    """Return a service provider as JSON."""
    return {
        "id": provider.id,
        "kind": provider.kind.value,
        "kind_label": provider.kind.label,
        "kind_label_zh": provider.kind.label_zh,
        "name": provider.name,
        "name_zh": provider.name_zh,
        "location": provider.location,
        "example": provider.example,
    }

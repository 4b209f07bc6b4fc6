"""JSON documents of the watch's reports, shared by ``patentshield watch`` and the HTTP API.

The pure serialisers (:mod:`patentshield.compliance.serialise`) turn values into JSON; this
module assembles the documents of the use cases' reports (:mod:`patentshield.compliance.service`)
once, so the command line and the API answer with the same contract.
"""

from __future__ import annotations

from patentshield.compliance import serialise
from patentshield.compliance.service import ComplainantReport, RunReport
from patentshield.kernel.jsonvalue import JsonValue


def run_document(report: RunReport) -> dict[str, JsonValue]:
    """Return a run of the watch: every product checked and the alerts new in this run."""
    return {
        "run": report.run_id,
        "enterprise": report.enterprise_id,
        "products": [
            {
                "product": p.product.name,
                "hts": list(p.product.hts_codes),
                "if_named": serialise.if_named_to_json(p.if_named),
            }
            for p in report.products
        ],
        "found": len(report.found),
        "new": [serialise.alert_to_json(alert) for alert in report.new],
    }


def complainant_document(report: ComplainantReport) -> dict[str, JsonValue]:
    """Return the profiles of a complainant search with the record's NPE share."""
    return serialise.complainant_report_to_json(
        report.profiles, report.npe_investigations, report.investigations, report.reference.shares
    )

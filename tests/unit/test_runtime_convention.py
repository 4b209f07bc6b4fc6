"""Services take reference data and the clock from the runtime, never from globals.

The capabilities below read the catalog, the subsidy programmes, the risk parameters, the
USD/CNY table, today and now only through the :class:`~patentshield.kernel.runtime.Runtime`
(or as arguments); the shipped singletons stay behind each kind's ``shipped()`` method, which
only the runtime calls. The loaders' own modules are the one place the singletons live.
"""

import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "patentshield"
ON_THE_RUNTIME = (
    "assessment",
    "cases",
    "catalog",
    "claims",
    "compliance",
    "enterprises",
    "policies",
    "programme",
    "quotes",
    "subsidies",
    "usitc",
)
LOADERS = {
    SOURCE / "catalog" / "loader.py",
    SOURCE / "subsidies" / "catalog.py",
    SOURCE / "subsidies" / "pilots.py",
}
FORBIDDEN = re.compile(
    r"date\.today\(|datetime\.now\(|utc_now\(|load_catalog\(\)|load_programmes\(\)"
    r"|load_parameters\(|\.shipped\(\)|_shipped\w*\("
)
MODULES = sorted(
    path
    for package in ON_THE_RUNTIME
    for path in (SOURCE / package).rglob("*.py")
    if path not in LOADERS
)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(SOURCE)))
def test_a_module_reads_no_clock_and_no_shipped_singleton_itself(path: Path):
    found = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if FORBIDDEN.search(line)
    ]
    assert found == []


def test_the_convention_covers_every_module_of_those_capabilities():
    assert len(MODULES) > 60

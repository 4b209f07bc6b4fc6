"""Regenerate the two generated tables of docs/model.md: the parameters and the calibration check.

* §8's table lists every shipped parameter (``risk/data/parameters.yaml``) with its value,
  unit, tag and source;
* §9's table is ``patentshield risk calibration-check --format json`` (shipped parameters,
  20,000 simulated years, seed 0): each check's key, figure, model value and standard error,
  published value, range of the record, whether the model lies within it, and source.

Each table sits between ``<!-- name:begin -->`` and ``<!-- name:end -->`` markers.

    .venv/bin/python scripts/model_doc.py          # rewrite docs/model.md
    .venv/bin/python scripts/model_doc.py --check  # exit 1 if docs/model.md is out of date

``tests/unit/risk/test_parameters.py`` and ``tests/e2e/test_risk_aggregate_cli.py`` check that
docs/model.md holds what this script generates.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from typer.testing import CliRunner

from patentshield.cli.main import app
from patentshield.risk.data_files import shipped_defaults

PAGE = Path(__file__).resolve().parents[1] / "docs" / "model.md"
YEARS, SEED = 20_000, 0
META = ("unit", "tag", "source", "note")


def _leaves(node: Mapping[str, object], path: str = "") -> Iterator[tuple[str, object]]:
    for key, value in node.items():
        if key in META:
            continue
        dotted = f"{path}{key}"
        if isinstance(value, Mapping) and "value" not in value:
            yield from _leaves(value, dotted + ".")
        else:
            yield dotted, value


def _number(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_number(item) for item in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer() and abs(value) >= 1000:
        return f"{int(value):,}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _cell(text: object) -> str:
    return str(text).replace("|", "/").replace("\n", " ").strip()


def parameter_table(document: Mapping[str, object]) -> str:
    """Return the Markdown table of every parameter of ``document``."""
    rows = ["| parameter | value | unit | tag | source / note |", "|---|---|---|---|---|"]
    for path, leaf in _leaves(document):
        entry = leaf if isinstance(leaf, Mapping) else {"value": leaf}
        notes = " ".join(_cell(entry[key]) for key in ("source", "note") if entry.get(key))
        cells = [
            f"`{path}`",
            _number(entry["value"]),
            _cell(entry.get("unit", "")),
            _cell(entry.get("tag", "")),
            notes,
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def calibration_check_json() -> dict[str, object]:
    """Return ``risk calibration-check --format json`` on the shipped parameters."""
    result = CliRunner().invoke(
        app,
        ["--database-url", "sqlite://", "risk", "calibration-check"]
        + ["--years", str(YEARS), "--seed", str(SEED), "--format", "json"],
    )
    if result.exit_code != 0:
        raise RuntimeError(result.output)
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _figure(value: object, spec: str = ".4g") -> str:
    return "" if value is None else format(float(str(value)), spec)


def check_table(document: Mapping[str, object]) -> str:
    """Return the Markdown table of the checks of a calibration-check JSON document."""
    rows = [
        "| key | figure | model | ± SE | published | record | within | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    checks = document["checks"]
    assert isinstance(checks, list)
    for check in checks:
        low, high = check["low"], check["high"]
        span = "" if low is None or high is None else f"{_figure(low)}–{_figure(high)}"
        within = {True: "yes", False: "**no**", None: ""}[check["within"]]
        cells = [
            f"`{check['key']}`",
            _cell(check["figure"]),
            _figure(check["model"]),
            _figure(check["std_error"], ".2g"),
            _figure(check["published"]),
            span,
            within,
            _cell(check["source"]),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def tables() -> dict[str, str]:
    """Return the generated tables by marker name."""
    return {
        "parameters": parameter_table(shipped_defaults()),
        "calibration-check": check_table(calibration_check_json()),
    }


def replaced(page: str, generated: Mapping[str, str]) -> str:
    """Return ``page`` with each marked table replaced by its generated text."""
    for name, table in generated.items():
        begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
        head, rest = page.split(begin, 1)
        _, tail = rest.split(end, 1)
        page = f"{head}{begin}\n{table}\n{end}{tail}"
    return page


def main() -> int:
    """Rewrite docs/model.md, or with ``--check`` tell whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    page = PAGE.read_text("utf-8")
    updated = replaced(page, tables())
    if args.check:
        return 0 if updated == page else 1
    PAGE.write_text(updated, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

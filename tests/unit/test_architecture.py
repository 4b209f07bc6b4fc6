"""The architecture page and the import-linter contract must name the same capabilities."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _contract_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    return {name.strip() for layer in layers for name in layer.split("|")}


def test_the_architecture_page_lists_every_layer_of_the_contract():
    page = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    documented = set(re.findall(r"`(patentshield\.[a-z_]+)`", page))
    assert _contract_packages() <= documented


def test_every_capability_package_is_in_the_contract():
    packages = {
        f"patentshield.{path.parent.name}"
        for path in (ROOT / "src" / "patentshield").glob("*/__init__.py")
    }
    assert packages == _contract_packages()

"""`make serve` runs `patentshield serve --demo`: the demo data, one login per role, the server.

`serve --demo` loads the demo by running scripts/demo.sh (what `make demo` runs) into a fresh
SQLite database under var/serve/ of the folder it is started in, prints the logins and serves.
The demo is run once for this module: the script must keep running every step and printing the
seed's figures, and each login must see its own records through the pages and the API.
"""

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.e2e.serving import free_port, wait_for_health

pytestmark = pytest.mark.slow

EXPORTERS = (
    "sz-led-lighting",
    "nb-standing-desks",
    "dg-vape-devices",
    "fs-kitchen-appliances",
    "jn-laser-machinery",
)


@dataclass(frozen=True)
class ServedDemo:
    """A running `serve --demo`: its address, folder and what it printed."""

    base: str
    folder: Path
    printed: str


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedDemo]:
    folder = tmp_path_factory.mktemp("serve-demo")
    port = free_port()
    command = [str(Path(sys.executable).parent / "patentshield"), "serve", "--demo"]
    command += ["--port", str(port), "--threads", "2"]
    env = {**os.environ, "COLUMNS": "150"}
    env.pop("PATENTSHIELD_DATABASE_URL", None)
    with (folder / "serve.out").open("wb") as out, (folder / "serve.err").open("wb") as err:
        server = subprocess.Popen(command, cwd=folder, env=env, stdout=out, stderr=err)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(server, base, folder / "serve.err", seconds=900)  # minutes when busy
        yield ServedDemo(base, folder, (folder / "serve.out").read_text())
    finally:
        server.terminate()
        server.wait(timeout=30)


def assert_issue_12(out: str) -> None:
    """The early warning for every exporter; one compliance score changes a quote."""
    for exporter in EXPORTERS:
        assert f"337 early warning for {exporter}" in out
    assert "run 2: 3 found, 3 new" in out  # the Ningbo desk maker: 337-TA-1054 among them
    assert "score 90 of 100" in out
    assert "premium CNY 2,200.00 − CNY 198.00 = CNY 2,002.00" in out  # was CNY 2,156.00 at 20
    assert "aggregate limit CNY 33,000.00 → CNY 35,970.00" in out


def test_the_demo_script_runs_every_step_and_prints_the_seed_figures(served: ServedDemo):
    demo = served.folder / "var" / "serve"
    assert (demo / "demo-errors.log").read_text() == ""
    out = (demo / "demo.log").read_text()
    assert "5 created, 0 updated, 0 unchanged" in out
    assert "CNY 1,440,000.00" in out  # chancheng-package-10-c aggregate limit
    assert "CNY 200,000.00" in out  # Shenzhen cap on a CNY 500,000 premium
    assert "CNY 20,000.00" in out  # with CNY 180,000 already granted
    assert "Quote comparison" in out
    assert (demo / "calibration.yaml").stat().st_size > 0
    assert sorted(p.suffix for p in (demo / "charts").iterdir()) == [".png"] * 4 + [".svg"] * 4
    # Issue 5: the 337 case manager and claims scenario
    assert "Policy PS-2026-0001" in out
    assert "AT_RISK" in out  # answer and counsel consent due within a week on 30 April
    assert "no_counsel_consent" in out  # the unapproved firm's invoice is declined
    # issue 9: sub-limits cap the payment after retention, so e-discovery (3,550,000 x 80 %)
    # stays under its CNY 3 M sub-limit (was: capped, sub_limit CNY -550,000.00)
    assert "CNY 2,840,000.00" in out
    assert "settlement_consented" in out  # the settlement carries the insurer's consent
    assert "aggregate_limit CNY -3,786,666.67" in out  # the settlement takes the aggregate left
    assert "337-TA-1501: settlement on 2026-07-20" in out  # one co-respondent's own part
    assert "Adjudication v1: payable CNY 5,000,000.00 of CNY 11,783,333.34" in out
    assert "adjudicated on the policy: CNY 20,000,000.00 of the CNY 20,000,000.00" in out
    assert "case terminated" in out
    assert (demo / "dossier-337-TA-1501.zip").stat().st_size > 0
    for exporter in EXPORTERS:
        assert f"Section 337 risk of {exporter}" in out
        assert f"Products for {exporter}, ranked" in out
    assert "Model-implied figures beside the published ones" in out
    assert "Pool-size effect" in out
    assert "risk-rated: the engine's indicated premium" in out
    assert (demo / "book.json").stat().st_size > 0
    # Issue 13: the Chancheng what-if reproduces about 29 firms; the statistics of the book
    assert "Subsidy what-if: foshan-chancheng-2012 v1 on 2012-01-01" in out
    assert re.search(r"│ as today\s+│ 100\.0%\s+│ —\s+│ pro-rata\s+│ (28|29|30)\.\d", out)
    assert_issue_12(out)
    assert "IP insurance statistics of the book" in out
    assert "China (national white paper)" in out and "28,000" in out


def printed_logins(printed: str) -> tuple[str, dict[str, str]]:
    """Return the printed demo password and each role's email."""
    password = re.search(r"demo logins \(password (\S+)\):", printed)
    assert password is not None, printed
    roles = dict(re.findall(r"^  (\w+)\s+(\S+@\S+)", printed, re.MULTILINE))
    return password.group(1), roles


def signed_in(served: ServedDemo, email: str, password: str) -> tuple[httpx.Client, str]:
    """Return a client signed in through the login page, and the page it was sent to."""
    client = httpx.Client(base_url=served.base, timeout=30.0)
    answer = client.post("/login", data={"email": email, "password": password})
    assert answer.status_code == 303, answer.text
    return client, answer.headers["location"]


def ids(client: httpx.Client, path: str, key: str) -> list[str] | int:
    """Return the ``key`` of every item the API lists at ``path``, or the refusal's status."""
    answer = client.get(path)
    return (
        sorted(item[key] for item in answer.json())
        if answer.status_code == 200
        else answer.status_code
    )


def test_serve_demo_prints_one_login_per_role_and_each_sees_only_its_own_records(
    served: ServedDemo,
):
    password, roles = printed_logins(served.printed)
    assert sorted(roles) == [
        "claims_handler",
        "exporter_admin",
        "platform_admin",
        "programme_officer",
        "underwriter",
    ]
    assert (served.folder / "var" / "serve" / "demo.db").stat().st_size > 0
    seen: dict[str, tuple[str, list[str] | int, list[str] | int]] = {}
    for role, email in roles.items():
        client, home = signed_in(served, email, password)
        with closing(client):
            page = client.get(home)
            assert page.status_code == 200 and 'lang="zh' in page.text
            seen[role] = (
                home,
                ids(client, "/api/v1/enterprises", "id"),
                ids(client, "/api/v1/cases", "number"),
            )
    # The Shenzhen exporter sees its own firm and the cases naming it; the insurer the firms and
    # cases of the products it underwrites; the administration its region's firms and no case.
    assert seen["exporter_admin"] == (
        "/dashboard",
        ["sz-led-lighting"],
        ["337-TA-1498", "337-TA-1501"],
    )
    assert seen["claims_handler"][0] == "/desk"
    assert seen["underwriter"][0] == "/underwriting"
    assert seen["underwriter"][1] == ["dg-vape-devices", "sz-led-lighting"]
    assert seen["programme_officer"] == ("/programme", ["sz-led-lighting"], 403)
    assert seen["platform_admin"][1] == sorted(EXPORTERS)


def test_a_demo_administration_cannot_open_a_case_the_demo_exporter_can(served: ServedDemo):
    password, roles = printed_logins(served.printed)
    exporter, _ = signed_in(served, roles["exporter_admin"], password)
    officer, _ = signed_in(served, roles["programme_officer"], password)
    with closing(exporter), closing(officer):
        case = exporter.get("/api/v1/cases").json()[0]["id"]
        assert exporter.get(f"/cases/{case}").status_code == 200
        assert officer.get(f"/cases/{case}").status_code == 404
        desk = signed_in(served, roles["claims_handler"], password)[0]
        with closing(desk):
            assert "PS-2026-0001" in desk.get("/desk").text

"""Browser tests: the application served by uvicorn, driven by Playwright in Debian's Chromium.

Every test here is marked ``browser`` (run them alone with ``make browser`` or
``pytest tests/browser -m browser``). Without ``/usr/bin/chromium`` they are skipped with a
message, except under CI (``CI=true``), where a missing browser fails the run: ``make
browsers`` installs it. Screenshots of every page visited go to ``tests/browser/artifacts/``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from patentshield import migrations
from patentshield.api.app import create_app
from patentshield.kernel.db import Database, create_engine_for
from tests.web_world import world

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = Path(__file__).resolve().parents[2] / "src/patentshield/web/static/vendor/axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing under CI: run `make browsers`")
        pytest.skip(f"{CHROMIUM} is missing: run `make browsers` (apt-get install chromium)")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def site(tmp_path: Path, chromium: Path) -> Iterator[str]:
    """Serve the web world on a free port; yield its base URL."""
    engine = create_engine_for(f"sqlite:///{tmp_path / 'web.db'}")
    migrations.upgrade(engine)
    database = Database(engine)
    runtime, _ = world(database, tmp_path / "home")
    port = _free_port()
    config = uvicorn.Config(
        create_app(runtime.settings, runtime=runtime),
        host="127.0.0.1",
        port=port,
        log_level="error",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    database.dispose()


@pytest.fixture
def browser(chromium: Path) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()

"""``patentshield serve --workers 2`` answers on loopback from the settings it was started with."""

import os
import subprocess
import sys
from pathlib import Path

import httpx

from tests.e2e.serving import free_port, wait_for_health


def test_two_worker_processes_serve_the_api_on_the_commands_database(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "PATENTSHIELD_HOME": str(tmp_path), "PATENTSHIELD_TODAY": "2026-03-01"}
    command = [str(Path(sys.executable).parent / "patentshield"), "serve", "--port", str(port)]
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([*command, "--workers", "2"], env=env, stdout=log, stderr=log)
    try:
        wait_for_health(server, f"http://127.0.0.1:{port}", tmp_path / "serve.log", seconds=60)
        health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5.0)
        assert health.json()["status"] == "ok"
        refused = httpx.get(f"http://127.0.0.1:{port}/api/v1/catalog", timeout=5.0)
        assert refused.status_code == 401
        assert (tmp_path / "patentshield.db").exists()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert "2 worker(s)" in (tmp_path / "serve.log").read_text()

"""Starting ``patentshield serve`` as a user would, for the tests that need a real server."""

import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    """Return a loopback port nobody listens on (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_health(server: subprocess.Popen[bytes], base: str, log: Path, seconds: float) -> None:
    """Wait until the server at ``base`` answers its health check; fail with its log if not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(log.read_text())
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"the server did not answer within {seconds:.0f} s: {log.read_text()}")

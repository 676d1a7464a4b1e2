"""``pyserverless serve``: the command starts, answers, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT semantics")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_answers_and_stops_on_ctrl_c() -> None:
    """The server prints where it listens, answers GET /, and exits 0 on SIGINT."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyserverless", "serve", "--port", str(port), "--seed", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stderr is not None
        banner = proc.stderr.readline()  # printed once the socket is bound
        assert f"http://127.0.0.1:{port}" in banner
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.read() == b"healthy: dynamodb.us-east-1.amazonaws.com "
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

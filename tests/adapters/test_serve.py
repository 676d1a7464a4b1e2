"""``pyserverless serve``: the command starts, answers, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
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
            assert response.read() == f"healthy: 127.0.0.1:{port} ".encode()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _start(*extra: str) -> tuple[subprocess.Popen[str], int, list[str]]:
    """Start ``pyserverless serve`` on a free port; the process, the port and its banner."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyserverless", "serve", "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stderr is not None
    banner = [proc.stderr.readline() for _ in range(3)]
    return proc, port, banner


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.stderr is not None
    return proc.stderr.read()


class TestServeCommand:
    def test_fresh_random_seed_is_printed_for_replay(self) -> None:
        """Without --seed, each run draws its own seed and prints how to replay it."""
        seeds = []
        for _ in range(2):
            proc, _port, banner = _start("--quiet")
            _stop(proc)
            match = re.search(r"\(seed (\d+): replay with --seed \1\)", banner[0])
            assert match, banner[0]
            seeds.append(int(match.group(1)))
        assert seeds[0] != seeds[1]

    def test_given_seed_and_export_lines(self) -> None:
        """--seed is used as given; the banner shows fake keys to export for the CLI."""
        proc, port, banner = _start("--seed", "3", "--quiet", "--region", "eu-west-1")
        try:
            assert "(seed 3: replay with --seed 3)" in banner[0]
            assert "export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing" in banner[2]
            assert (
                f"AWS_DEFAULT_REGION=eu-west-1 AWS_ENDPOINT_URL=http://127.0.0.1:{port}"
                in (banner[2])
            )
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                assert response.read() == f"healthy: 127.0.0.1:{port} ".encode()
        finally:
            rest = _stop(proc)
        assert "GET /" not in rest  # --quiet: no request lines

    def test_one_line_per_request(self) -> None:
        """Without --quiet, each request is logged as one line: what, status, milliseconds."""
        proc, port, _banner = _start("--seed", "1")
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/",
                data=b"{}",
                headers={
                    "X-Amz-Target": "DynamoDB_20120810.ListTables",
                    "Content-Type": "application/x-amz-json-1.0",
                    "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20250101/"
                    "us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=abc",
                },
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    status = response.status
            except urllib.error.HTTPError as err:  # the log shows refusals too
                status = err.code
            assert proc.stderr is not None
            line = proc.stderr.readline()
        finally:
            _stop(proc)
        assert re.fullmatch(rf"DynamoDB_20120810\.ListTables {status} \d+\.\d ms\n", line), line

    def test_port_in_use_is_one_line(self) -> None:
        """A busy port gives one line and exit status 1, not a traceback."""
        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen()
            port = busy.getsockname()[1]
            done = subprocess.run(
                [sys.executable, "-m", "pyserverless", "serve", "--port", str(port)],
                capture_output=True,
                text=True,
                timeout=60,
            )
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1
        assert f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_idle_connections_do_not_stop_service() -> None:
    """150 idle connections (waitress's default limit is 100) leave the server answering."""
    from pyserverless import Cloud
    from pyserverless.adapters.http import Server

    with Server(Cloud.manual()) as server:
        idle = [
            socket.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(150)
        ]
        try:
            with urllib.request.urlopen(server.url + "/", timeout=10) as response:
                assert response.read().startswith(b"healthy")
        finally:
            for sock in idle:
                sock.close()


class TestVerifySignatures:
    def _call(self, port: int, key: str, secret: str) -> str:
        import boto3
        from botocore.exceptions import ClientError

        client = boto3.client(
            "dynamodb",
            endpoint_url=f"http://127.0.0.1:{port}",
            region_name="us-east-1",
            aws_access_key_id=key,
            aws_secret_access_key=secret,
        )
        try:
            client.list_tables()
        except ClientError as err:
            return str(err.response["Error"]["Code"])
        return "ok"

    def test_flag_verifies_against_known_keys(self) -> None:
        """--verify-signatures with --access-key: known keys pass, others are refused."""
        proc, port, banner = _start("--quiet", "--verify-signatures", "--access-key", "AK1:sec1")
        try:
            assert "signatures are verified" in banner[1]
            assert self._call(port, "testing", "testing") == "ok"
            assert self._call(port, "AK1", "sec1") == "ok"
            assert self._call(port, "AK1", "wrong") == "InvalidSignatureException"
            assert self._call(port, "AK2", "sec1") == "UnrecognizedClientException"
        finally:
            _stop(proc)

    def test_default_accepts_any_key(self) -> None:
        """Without the flag, any complete signature is accepted."""
        proc, port, banner = _start("--quiet")
        try:
            assert "any access key works" in banner[1]
            assert self._call(port, "AK2", "whatever") == "ok"
        finally:
            _stop(proc)


def test_stop_survives_a_closed_wake_up_pipe() -> None:
    """If waitress's wake-up pipe is already closed, stop() still ends the serving thread
    (it once raised EBADF at a test's teardown)."""
    import threading

    from pyserverless import Cloud
    from pyserverless.adapters.http import Server

    server = Server(Cloud.manual()).start()
    os.close(server._server._server.trigger.trigger)
    server.stop()
    assert repr(server).endswith("running=False>")
    assert not [t for t in threading.enumerate() if t.name == f"pyserverless-{server.port}"]

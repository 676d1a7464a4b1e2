"""The AWS CLI against ``pyserverless serve`` on a free port: ``aws s3 cp`` up and down
(multipart above 8 MiB, the CLI's threshold), ``aws s3 ls``, ``aws s3 sync`` and
``aws s3api list-objects-v2``, run as users run them."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [
    pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGINT semantics"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def _serve(*extra: str) -> Iterator[str]:
    """``pyserverless serve`` on a free port, stopped with Ctrl-C at the end."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyserverless", "serve", "--port", str(port), "--quiet", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stderr is not None
        banner = proc.stderr.readline()  # printed once the socket is bound
        assert f"http://127.0.0.1:{port}" in banner
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with _serve() as url:
        yield url


def _runner(endpoint: str, home: Path, secret: str = "testing") -> Any:
    home.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "PYTHONPATH"
    }
    env.update(
        HOME=str(home),
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY=secret,
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=str(home / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
    )

    def run(*args: str) -> str:
        done = subprocess.run(
            ["aws", *args, "--endpoint-url", endpoint],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"aws {' '.join(args)} failed ({done.returncode}): {done.stderr}")
        return done.stdout

    return run


@pytest.fixture(scope="module")
def aws(endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _runner(endpoint, tmp_path_factory.mktemp("aws-home"))


def test_cp_ls_sync_and_list(aws: Any, tmp_path: Path) -> None:
    aws("s3", "mb", "s3://cli-bucket")
    small = tmp_path / "hello.txt"
    small.write_bytes(b"hello\n")
    big = tmp_path / "big.bin"
    data = os.urandom(9 * 1024 * 1024 + 5)  # above the CLI's 8 MiB multipart threshold
    big.write_bytes(data)
    aws("s3", "cp", str(small), "s3://cli-bucket/hello.txt", "--no-progress")
    aws("s3", "cp", str(big), "s3://cli-bucket/big.bin", "--no-progress")
    listing = aws("s3", "ls", "s3://cli-bucket")
    assert " 6 hello.txt" in listing and f" {len(data)} big.bin" in listing
    down = tmp_path / "down.bin"
    aws("s3", "cp", "s3://cli-bucket/big.bin", str(down), "--no-progress")
    assert down.read_bytes() == data

    folder = tmp_path / "site"
    (folder / "css").mkdir(parents=True)
    (folder / "index.html").write_text("<h1>hi</h1>")
    (folder / "css" / "main.css").write_text("h1{}")
    first = aws("s3", "sync", str(folder), "s3://cli-bucket/site", "--no-progress")
    assert first.count("upload:") == 2
    again = aws("s3", "sync", str(folder), "s3://cli-bucket/site", "--no-progress")
    assert "upload:" not in again  # sizes and times match: nothing to send
    (folder / "index.html").write_text("<h1>changed</h1>")
    third = aws("s3", "sync", str(folder), "s3://cli-bucket/site", "--no-progress")
    assert third.count("upload:") == 1

    listed = json.loads(
        aws(
            "s3api", "list-objects-v2", "--bucket", "cli-bucket", "--prefix", "site/",
            "--output", "json",
        )
    )  # fmt: skip
    assert [o["Key"] for o in listed["Contents"]] == ["site/css/main.css", "site/index.html"]
    buckets = aws("s3", "ls")
    assert "cli-bucket" in buckets
    aws("s3", "rb", "s3://cli-bucket", "--force")
    assert "cli-bucket" not in aws("s3", "ls")


def test_with_verified_signatures(tmp_path: Path) -> None:
    """``serve --verify-signatures``: the CLI's S3 signatures verify (a key with a space
    and a plus, a multipart upload); a wrong secret is SignatureDoesNotMatch."""
    with _serve("--verify-signatures") as url:
        aws = _runner(url, tmp_path / "home")
        aws("s3", "mb", "s3://signed")
        src = tmp_path / "a b+c.bin"
        src.write_bytes(os.urandom(9 * 1024 * 1024))
        aws("s3", "cp", str(src), "s3://signed/a b+c.bin", "--no-progress")
        assert "a b+c.bin" in aws("s3", "ls", "s3://signed")
        wrong = _runner(url, tmp_path / "home2", secret="wrong")
        with pytest.raises(AssertionError, match="SignatureDoesNotMatch"):
            wrong("s3", "ls", "s3://signed")

"""`pyserverless serve` runs uploaded code in process isolation, and its handlers reach it."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import LAMBDA_TRUST as TRUST

boto3 = pytest.importorskip("boto3")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGINT")

ROLE = "arn:aws:iam::123456789012:role/lambda-role"
HANDLER = """
import os, boto3
def handler(event, context):
    tables = boto3.client("dynamodb").list_tables()["TableNames"]
    return {"pid": os.getpid(), "tables": tables,
            "endpoint": os.environ.get("AWS_ENDPOINT_URL"),
            "key": os.environ.get("AWS_ACCESS_KEY_ID", "")[:4]}
"""


def _zip(source: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("app.py", source)
    return buf.getvalue()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(params=[(), ("--inline-lambda",)], ids=["default", "inline-flag"])
def served(request: pytest.FixtureRequest) -> Iterator[tuple[subprocess.Popen[str], str, bool]]:
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "PYTEST_ADDOPTS"
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyserverless", "serve", "--port", str(port), "--quiet",
         *request.param],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**env, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert proc.stderr is not None
    proc.stderr.readline()
    try:
        yield proc, f"http://127.0.0.1:{port}", bool(request.param)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def _client(url: str, service: str) -> Any:
    return boto3.client(
        service, endpoint_url=url, region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )  # fmt: skip


class TestServe:
    """The process's isolation default, and a handler's boto3 under serve."""

    def test_handler_reaches_the_server(
        self, served: tuple[subprocess.Popen[str], str, bool]
    ) -> None:
        """Process mode by default (another pid); boto3 in the handler lands in the server."""
        proc, url, inline = served
        _client(url, "dynamodb").create_table(
            TableName="orders", BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        )  # fmt: skip
        _client(url, "iam").create_role(RoleName="lambda-role", AssumeRolePolicyDocument=TRUST)
        lam = _client(url, "lambda")
        lam.create_function(
            FunctionName="probe", Runtime="python3.12", Handler="app.handler", Role=ROLE,
            Code={"ZipFile": _zip(HANDLER)}, Timeout=30,
        )  # fmt: skip
        resp = lam.invoke(FunctionName="probe", Payload=b"{}")
        body = json.loads(resp["Payload"].read())
        assert "FunctionError" not in resp, body
        assert body["tables"] == ["orders"]
        assert body["key"] == "ASIA"
        if inline:
            assert body["pid"] == proc.pid
        else:
            assert body["pid"] != proc.pid
            assert body["endpoint"] == url


def test_inline_flag_help_says_what_it_risks() -> None:
    """--inline-lambda's help names what uploaded code could do to the server."""
    out = subprocess.run(
        [sys.executable, "-m", "pyserverless", "serve", "--help"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "--inline-lambda" in out
    flat = " ".join(out.split())
    assert "os._exit" in flat
    assert "the server" in flat

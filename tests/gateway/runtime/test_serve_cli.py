"""``requests`` against a real ``pyserverless serve`` process: an API made with boto3 over
the wire, then called at its stage's two addresses."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator

import boto3
import pytest
import requests

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT semantics")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def endpoint() -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyserverless", "serve", "--port", str(port), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stderr is not None
        proc.stderr.readline()  # the banner: the socket is bound
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_mock_api_over_the_wire(endpoint: str) -> None:
    """A REST API with a MOCK method, made by boto3 against serve, answers over HTTP."""
    gw = boto3.client(
        "apigateway",
        region_name="us-east-1",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    api = gw.create_rest_api(name="wire")
    items = gw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="ping")
    common = {"restApiId": api["id"], "resourceId": items["id"], "httpMethod": "GET"}
    gw.put_method(**common, authorizationType="NONE")
    gw.put_integration(
        **common, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
    )
    gw.put_method_response(**common, statusCode="200")
    gw.put_integration_response(
        **common, statusCode="200", responseTemplates={"application/json": '{"pong": true}'}
    )
    gw.create_deployment(restApiId=api["id"], stageName="prod")
    path_style = requests.get(f"{endpoint}/_api/{api['id']}/prod/ping", timeout=10)
    assert (path_style.status_code, path_style.json()) == (200, {"pong": True})
    port = endpoint.rsplit(":", 1)[1]
    host_style = requests.get(
        f"{endpoint}/prod/ping",
        headers={"Host": f"{api['id']}.execute-api.localhost:{port}"},
        timeout=10,
    )
    assert host_style.json() == {"pong": True}
    missing = requests.get(f"{endpoint}/_api/{api['id']}/prod/pong", timeout=10)
    assert (missing.status_code, missing.json()) == (
        403,
        {"message": "Missing Authentication Token"},
    )

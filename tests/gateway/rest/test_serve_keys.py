"""``pyserverless serve --access-key``: AWS_IAM routes of API Gateway accept the keys given
on the command line (verified against their secrets), as AWS's own doors do."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import boto3
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT semantics")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _signed(url: str, key: str, secret: str) -> dict[str, str]:
    request = AWSRequest(method="GET", url=url)
    SigV4Auth(Credentials(key, secret), "execute-api", "us-east-1").add_auth(request)
    return {k: str(v) for k, v in request.headers.items()}


def test_access_key_reaches_aws_iam_routes() -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyserverless", "serve", "--port", str(port), "--quiet",
         "--verify-signatures", "--access-key", "AK1:sec1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        proc.stderr.readline()  # the banner: the socket is bound
        endpoint = f"http://127.0.0.1:{port}"
        gw = boto3.client(
            "apigateway",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        api = gw.create_rest_api(name="signed")
        where = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
        gw.put_method(**where, authorizationType="AWS_IAM")
        gw.put_method_response(**where, statusCode="200")
        gw.put_integration(
            **where, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
        )
        gw.put_integration_response(
            **where,
            statusCode="200",
            selectionPattern="",
            responseTemplates={"application/json": "signed"},
        )
        gw.create_deployment(restApiId=api["id"], stageName="prod")
        url = f"{endpoint}/_api/{api['id']}/prod/"
        ok = requests.get(url, headers=_signed(url, "AK1", "sec1"), timeout=10)
        assert (ok.status_code, ok.text) == (200, "signed")
        wrong = requests.get(url, headers=_signed(url, "AK1", "nope"), timeout=10)
        assert wrong.status_code == 403
        unknown = requests.get(url, headers=_signed(url, "AK9", "sec1"), timeout=10)
        assert unknown.status_code == 403
        assert unknown.json() == {
            "message": "The security token included in the request is invalid."
        }
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

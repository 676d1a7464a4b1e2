"""The import operations over the wire: boto3 against the endpoint, and the AWS CLI
against ``pyserverless serve``."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml

from pyserverless import Cloud, ManualClock
from pyserverless.adapters.http import Server

from .conftest import petstore


def _client(service: str, url: str) -> Any:
    return boto3.client(
        service,
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )


def _mock_petstore() -> dict[str, Any]:
    """PetStore with MOCK integrations (a served process has no Python backend)."""
    doc = petstore()
    for item in doc["paths"].values():
        for op in item.values():
            op["x-amazon-apigateway-integration"] = {
                "type": "mock",
                "requestTemplates": {"application/json": '{"statusCode": 200}'},
                "responses": {"default": {"statusCode": "200"}},
            }
    return doc


def test_boto3_over_http() -> None:
    with Cloud(clock=ManualClock(1_700_000_000), seed=3) as cloud, Server(cloud) as server:
        gw = _client("apigateway", server.url)
        body = yaml.safe_dump(_mock_petstore()).encode()
        api = gw.import_rest_api(
            body=body, failOnWarnings=True, parameters={"endpointConfigurationTypes": "REGIONAL"}
        )
        assert api["endpointConfiguration"]["types"] == ["REGIONAL"]
        paths = {r["path"] for r in gw.get_resources(restApiId=api["id"])["items"]}
        assert paths == {"/", "/pets", "/pets/{petId}"}
        gw.put_rest_api(
            restApiId=api["id"], mode="overwrite", body=json.dumps(_mock_petstore()).encode()
        )
        v2 = _client("apigatewayv2", server.url)
        doc = {"openapi": "3.0.1", "info": {"title": "h"}, "paths": {"/a": {"get": {}}}}
        made = v2.import_api(Body=json.dumps(doc), FailOnWarnings=True)
        assert [r["RouteKey"] for r in v2.get_routes(ApiId=made["ApiId"])["Items"]] == ["GET /a"]
        exported = v2.export_api(ApiId=made["ApiId"], Specification="OAS30", OutputType="JSON")
        assert list(json.loads(exported["body"].read())["paths"]) == ["/a"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not installed")
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT semantics")
def test_cli_import_and_export(tmp_path: Path) -> None:
    """``aws apigateway import-rest-api --body fileb://...`` and ``get-export``."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyserverless", "serve", "--port", str(port), "--seed", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "PYTHONPATH"}
    env.update(
        HOME=str(tmp_path),
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=str(tmp_path / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
    )

    def aws(*args: str) -> Any:
        done = subprocess.run(
            ["aws", "apigateway", *args, "--endpoint-url", f"http://127.0.0.1:{port}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"aws {args[0]} failed ({done.returncode}): {done.stderr}")
        return json.loads(done.stdout) if done.stdout.strip() else None

    source = tmp_path / "petstore.json"
    source.write_text(json.dumps(_mock_petstore()))
    try:
        assert proc.stderr is not None
        assert f"127.0.0.1:{port}" in proc.stderr.readline()  # bound and listening
        api = aws("import-rest-api", "--body", f"fileb://{source}", "--fail-on-warnings")
        assert api["name"] == "PetStore"
        aws("create-deployment", "--rest-api-id", api["id"], "--stage-name", "prod")
        out = tmp_path / "export.json"
        aws(
            "get-export",
            "--rest-api-id",
            api["id"],
            "--stage-name",
            "prod",
            "--export-type",
            "oas30",
            "--parameters",
            "extensions=apigateway",
            str(out),
        )
        exported = json.loads(out.read_text())
        assert sorted(exported["paths"]) == ["/pets", "/pets/{petId}"]
        assert "NewPet" in exported["components"]["schemas"]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

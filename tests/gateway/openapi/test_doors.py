"""The import operations over the wire: boto3 against the endpoint, and the AWS CLI
against ``pyserverless serve``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
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


def test_cli_import_and_export(aws_cli: Any, tmp_path: Path) -> None:
    """``aws apigateway import-rest-api --body fileb://...`` and ``get-export``."""
    source = tmp_path / "petstore.json"
    source.write_text(json.dumps(_mock_petstore()))
    api = aws_cli(
        "apigateway", "import-rest-api", "--body", f"fileb://{source}", "--fail-on-warnings"
    )
    assert api["name"] == "PetStore"
    aws_cli("apigateway", "create-deployment", "--rest-api-id", api["id"], "--stage-name", "prod")
    out = tmp_path / "export.json"
    aws_cli(
        "apigateway",
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

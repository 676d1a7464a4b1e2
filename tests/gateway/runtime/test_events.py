"""Proxy events as AWS builds them, checked against powertools' models and AWS's samples."""

from __future__ import annotations

import base64
import json
import pathlib
import re
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import (
    APIGatewayProxyEventModel,
    APIGatewayProxyEventV2Model,
)

from pyserverless import Cloud
from pyserverless.gateway._deployed import IntegrationSpec
from pyserverless.gateway._runtime._types import GatewayRequest

from .conftest import echo, lambda_uri, proxy, route, stage

SAMPLES = pathlib.Path("/work/shared/reference/events")
HEADERS = (
    ("Header1", "value1"),
    ("Header2", "value1"),
    ("Header2", "value2"),
    ("User-Agent", "agent"),
    ("Cookie", "a=1; b=2"),
)


def _event(cloud: Cloud, kind: str, fmt: str, path: str = "/my/p%20x", **kw: Any) -> Any:
    integration = proxy(cloud, echo, payload_format=fmt)
    template = "/my/{name}"
    deployed = stage(kind, route("POST", template, integration), **kw.pop("stage", {}))
    request = GatewayRequest(
        "POST",
        path,
        query=kw.pop("query", "parameter1=value1&parameter1=value2&parameter2=value"),
        headers=kw.pop("headers", HEADERS),
        body=kw.pop("body", b'{"message": "hello"}'),
        source_ip="192.168.0.1",
    )
    response = cloud.engine("execute-api").serve(deployed, request)
    assert response.status == 200, response.body
    return response.json()


def _sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text())


class TestPayload10Rest:
    def test_valid_for_powertools(self, cloud: Cloud) -> None:
        """A REST event parses with powertools' APIGatewayProxyEventModel."""
        event = _event(cloud, "REST", "1.0")
        model = APIGatewayProxyEventModel.model_validate(event)
        assert model.requestContext.requestTimeEpoch.timestamp() == pytest.approx(1583349317.135)

    def test_fields_as_aws(self, cloud: Cloud) -> None:
        """Last value in the single maps, every value in multiValue*, the stage in context.path."""
        event = _event(cloud, "REST", "1.0", stage={"stage_variables": {"v": "1"}})
        assert "version" not in event  # REST events carry no version
        assert event["resource"] == "/my/{name}"
        assert event["path"] == "/my/p%20x"
        assert event["headers"]["Header2"] == "value2"
        assert event["multiValueHeaders"]["Header2"] == ["value1", "value2"]
        assert event["queryStringParameters"] == {"parameter1": "value2", "parameter2": "value"}
        assert event["multiValueQueryStringParameters"]["parameter1"] == ["value1", "value2"]
        assert event["pathParameters"] == {"name": "p x"}
        assert event["stageVariables"] == {"v": "1"}
        ctx = event["requestContext"]
        assert ctx["path"] == "/prod/my/p%20x"
        assert ctx["stage"] == "prod"
        assert ctx["requestTime"] == "04/Mar/2020:19:15:17 +0000"
        assert ctx["requestTimeEpoch"] == 1583349317135
        assert ctx["identity"]["sourceIp"] == "192.168.0.1"
        assert ctx["identity"]["userAgent"] == "agent"
        assert ctx["identity"]["apiKey"] is None
        assert ctx["domainName"] == "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
        assert ctx["domainPrefix"] == "a1b2c3d4e5"
        assert ctx["accountId"] == cloud.account_id
        assert event["body"] == '{"message": "hello"}'
        assert event["isBase64Encoded"] is False

    def test_request_ids(self, cloud: Cloud) -> None:
        """REST: requestId a UUID, extendedRequestId AWS's short base64 form."""
        ctx = _event(cloud, "REST", "1.0")["requestContext"]
        assert re.fullmatch(
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", ctx["requestId"]
        )
        assert re.fullmatch(r"[A-Za-z0-9+/]{15}=", ctx["extendedRequestId"])

    def test_absent_is_null(self, cloud: Cloud) -> None:
        """1.0: every top-level field is there; absent maps and body are null."""
        event = _event(cloud, "REST", "1.0", query="", headers=(), body=b"")
        # Headers are never absent: AWS's front end adds Host, X-Forwarded-* and a trace id.
        assert set(event["headers"]) == {
            "Host",
            "X-Amzn-Trace-Id",
            "X-Forwarded-For",
            "X-Forwarded-Port",
            "X-Forwarded-Proto",
        }
        for name in (
            "queryStringParameters",
            "multiValueQueryStringParameters",
            "stageVariables",
            "body",
        ):
            assert event[name] is None, name
        assert set(event) == set(_sample("apiGatewayProxyEvent.json")) - {"version"}

    def test_context_keys_as_the_sample(self, cloud: Cloud) -> None:
        """requestContext and identity have the sample's fields (no authorizer without one)."""
        ctx = _event(cloud, "REST", "1.0")["requestContext"]
        sample = _sample("apiGatewayProxyEvent.json")["requestContext"]
        assert set(sample) - {"authorizer"} <= set(ctx)
        assert "authorizer" not in ctx
        assert set(sample["identity"]) <= set(ctx["identity"])

    def test_keys_as_the_rest_sample(self, cloud: Cloud) -> None:
        """A REST event has exactly the REST sample's fields (identity adds apiKey/apiKeyId)."""
        event = _event(cloud, "REST", "1.0")
        sample = _sample("apiGatewayProxyEvent_noVersionAuth.json")
        assert set(event) == set(sample)
        assert set(event["requestContext"]) == set(sample["requestContext"])
        identity = set(event["requestContext"]["identity"])
        assert identity == set(sample["requestContext"]["identity"]) | {"apiKey", "apiKeyId"}

    def test_binary_media_types(self, cloud: Cloud) -> None:
        """A body whose type is in binaryMediaTypes reaches Lambda base64-encoded."""
        raw = bytes(range(256))
        event = _event(
            cloud,
            "REST",
            "1.0",
            headers=(("Content-Type", "image/png"),),
            body=raw,
            stage={"binary_media_types": ("image/*",)},
        )
        assert event["isBase64Encoded"] is True
        assert base64.b64decode(event["body"]) == raw

    def test_convert_to_binary(self, cloud: Cloud) -> None:
        """contentHandling CONVERT_TO_BINARY: a text body is taken as base64; one that is
        not base64 is a 500 and the function does not run."""
        calls: list[Any] = []

        def record(event: Any, context: Any) -> Any:
            calls.append(event)
            return {"statusCode": 200}

        cloud.lambda_.create_function("conv", handler=record)
        integration = IntegrationSpec(
            type="AWS_PROXY", uri=lambda_uri(cloud, "conv"), content_handling="CONVERT_TO_BINARY"
        )
        deployed = stage("REST", route("POST", "/b", integration))
        engine = cloud.engine("execute-api")
        encoded = base64.b64encode(b"\x00\x01").decode()
        ok = engine.serve(deployed, GatewayRequest("POST", "/b", body=encoded.encode()))
        assert ok.status == 200
        assert (calls[0]["body"], calls[0]["isBase64Encoded"]) == (encoded, True)
        bad = engine.serve(deployed, GatewayRequest("POST", "/b", body=b"not base64!"))
        assert (bad.status, len(calls)) == (500, 1)

    def test_text_type_is_not_encoded(self, cloud: Cloud) -> None:
        """A type outside binaryMediaTypes is passed as text."""
        event = _event(
            cloud,
            "REST",
            "1.0",
            headers=(("Content-Type", "text/plain"),),
            body=b"hi",
            stage={"binary_media_types": ("image/png",)},
        )
        assert (event["isBase64Encoded"], event["body"]) == (False, "hi")


class TestPayload10Http:
    def test_valid_and_versioned(self, cloud: Cloud) -> None:
        """An HTTP API's 1.0 event has version 1.0, lower-case headers and the stage in path."""
        event = _event(cloud, "HTTP", "1.0")
        APIGatewayProxyEventModel.model_validate(event)
        assert event["version"] == "1.0"
        assert event["path"] == "/prod/my/p%20x"
        assert "header1" in event["headers"]
        assert "apiKey" not in event["requestContext"]["identity"]
        ctx = event["requestContext"]
        assert ctx["resourceId"] is None  # no resources in HTTP APIs
        assert ctx["authorizer"] == {"claims": None, "scopes": None}  # as AWS's example
        sample = _sample("apiGatewayProxyEvent.json")
        assert set(event) == set(sample)
        assert set(ctx) == set(sample["requestContext"])


class TestPayload20:
    def test_valid_for_powertools(self, cloud: Cloud) -> None:
        """A 2.0 event parses with powertools' APIGatewayProxyEventV2Model."""
        event = _event(cloud, "HTTP", "2.0")
        model = APIGatewayProxyEventV2Model.model_validate(event)
        assert model.cookies == ["a=1", "b=2"]

    def test_fields_as_aws(self, cloud: Cloud) -> None:
        """Comma-joined repeats, cookies apart, rawPath with the stage, routeKey."""
        event = _event(cloud, "HTTP", "2.0")
        assert event["version"] == "2.0"
        assert event["routeKey"] == "POST /my/{name}"
        assert event["rawPath"] == "/prod/my/p%20x"
        assert event["rawQueryString"] == "parameter1=value1&parameter1=value2&parameter2=value"
        assert event["headers"]["header2"] == "value1,value2"
        assert "cookie" not in event["headers"]
        assert event["queryStringParameters"]["parameter1"] == "value1,value2"
        assert event["pathParameters"] == {"name": "p x"}
        ctx = event["requestContext"]
        assert ctx["http"] == {
            "method": "POST",
            "path": "/prod/my/p%20x",
            "protocol": "HTTP/1.1",
            "sourceIp": "192.168.0.1",
            "userAgent": "agent",
        }
        assert ctx["time"] == "04/Mar/2020:19:15:17 +0000"
        assert ctx["timeEpoch"] == 1583349317135
        assert ctx["routeKey"] == "POST /my/{name}"
        assert re.fullmatch(r"[A-Za-z0-9+/]{15}=", ctx["requestId"])

    def test_absent_is_omitted(self, cloud: Cloud) -> None:
        """2.0 leaves absent fields out (no null), and has no multiValue fields."""
        event = _event(cloud, "HTTP", "2.0", query="", headers=(), body=b"")
        for name in ("cookies", "queryStringParameters", "body", "stageVariables"):
            assert name not in event, name
        assert not any(k.startswith("multiValue") for k in event)
        assert "authorizer" not in event["requestContext"]
        sample = _sample("apiGatewayProxyV2Event.json")
        assert set(event) <= set(sample)

    def test_default_stage_path(self, cloud: Cloud) -> None:
        """On the $default stage rawPath has no stage prefix."""
        event = _event(cloud, "HTTP", "2.0", stage={"name": "$default"})
        assert event["rawPath"] == "/my/p%20x"
        assert event["requestContext"]["stage"] == "$default"

    def test_binary_body(self, cloud: Cloud) -> None:
        """HTTP APIs base64-encode a body that is not of a text type."""
        raw = b"\x00\xff"
        event = _event(
            cloud, "HTTP", "2.0", headers=(("content-type", "application/octet-stream"),), body=raw
        )
        assert event["isBase64Encoded"] is True
        assert base64.b64decode(event["body"]) == raw

    def test_request_time_follows_the_clock(self, cloud: Cloud) -> None:
        """time and timeEpoch are read from the Cloud's clock."""
        cloud.advance(86_400)
        ctx = _event(cloud, "HTTP", "2.0")["requestContext"]
        assert ctx["time"] == "05/Mar/2020:19:15:17 +0000"
        assert ctx["timeEpoch"] == 1583349317135 + 86_400_000

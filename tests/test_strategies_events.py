"""Drawn Lambda events parse with aws-lambda-powertools' models, an oracle no one here wrote."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qsl, unquote_plus

import pytest
from hypothesis import given

from pyserverless.dynamo import from_wire
from pyserverless.strategies import (
    api_gateway_proxy_events,
    dynamodb_stream_events,
    eventbridge_events,
    s3_events,
)

models = pytest.importorskip("aws_lambda_powertools.utilities.parser.models")


def round_trip(event: dict[str, Any]) -> dict[str, Any]:
    """The event as a handler receives it: through JSON."""
    back: dict[str, Any] = json.loads(json.dumps(event))
    assert back == event
    return back


class TestApiGatewayProxyEvents:
    """api_gateway_proxy_events() draws REST (1.0) and HTTP API (2.0) proxy events."""

    @given(api_gateway_proxy_events(version=1))
    def test_rest_events_parse(self, event: dict[str, Any]) -> None:
        """APIGatewayProxyEventModel parses each; single and multi-value members agree."""
        parsed = models.APIGatewayProxyEventModel.model_validate(round_trip(event))
        assert parsed.httpMethod == event["httpMethod"]
        for name, values in event["multiValueHeaders"].items():
            assert event["headers"][name] == values[-1]
        if event["isBase64Encoded"]:
            base64.b64decode(event["body"], validate=True)

    @given(api_gateway_proxy_events(version=2))
    def test_http_events_parse(self, event: dict[str, Any]) -> None:
        """APIGatewayProxyEventV2Model parses each; rawQueryString holds the parameters."""
        parsed = models.APIGatewayProxyEventV2Model.model_validate(round_trip(event))
        assert parsed.rawPath == event["rawPath"]
        pairs = parse_qsl(event["rawQueryString"], keep_blank_values=True)
        joined: dict[str, list[str]] = {}
        for key, value in pairs:
            joined.setdefault(key, []).append(value)
        assert {k: ",".join(v) for k, v in joined.items()} == event.get("queryStringParameters", {})
        assert all(name == name.lower() for name in event["headers"])

    def test_bad_version(self) -> None:
        """Only payload versions 1 and 2 exist."""
        with pytest.raises(ValueError, match="version"):
            api_gateway_proxy_events(version=3)


class TestS3Events:
    """s3_events() draws S3 notifications."""

    @given(s3_events())
    def test_every_event_parses(self, event: dict[str, Any]) -> None:
        """S3Model parses each; created objects carry a size, removed ones none."""
        parsed = models.S3Model.model_validate(round_trip(event))
        for record, raw in zip(parsed.Records, event["Records"], strict=True):
            obj = raw["s3"]["object"]
            assert ("size" in obj) == raw["eventName"].startswith("ObjectCreated")
            assert record.s3.bucket.name == raw["s3"]["bucket"]["name"]
            assert unquote_plus(obj["key"])

    def test_bad_options(self) -> None:
        """No event names, or no records, is a ValueError."""
        with pytest.raises(ValueError, match="event name"):
            s3_events(event_names=[])


class TestDynamoDBStreamEvents:
    """dynamodb_stream_events() draws stream records of one table."""

    @given(dynamodb_stream_events(keys={"pk": "S", "sk": "B"}))
    def test_every_event_parses(self, event: dict[str, Any]) -> None:
        """DynamoDBStreamModel parses each; images follow the view type and the event name."""
        models.DynamoDBStreamModel.model_validate(round_trip(event))
        numbers = [int(r["dynamodb"]["SequenceNumber"]) for r in event["Records"]]
        assert numbers == sorted(set(numbers))
        for record in event["Records"]:
            body, name = record["dynamodb"], record["eventName"]
            view = body["StreamViewType"]
            wants_new = view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES") and name != "REMOVE"
            wants_old = view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES") and name != "INSERT"
            assert ("NewImage" in body, "OldImage" in body) == (wants_new, wants_old)
            assert set(body["Keys"]) == {"pk", "sk"}
            for image in (body.get("NewImage"), body.get("OldImage")):
                if image is not None:
                    assert image["pk"] == body["Keys"]["pk"]

    @given(dynamodb_stream_events(keys={"id": "N"}, view_type="NEW_AND_OLD_IMAGES"))
    def test_binary_values_are_base64(self, event: dict[str, Any]) -> None:
        """Images are DynamoDB JSON as Lambda sends it: B values base64 text."""
        for record in event["Records"]:
            for image in (record["dynamodb"].get("NewImage"), record["dynamodb"].get("OldImage")):
                for value in (image or {}).values():
                    if "B" in value:
                        base64.b64decode(value["B"], validate=True)
                    if "N" in value:
                        from_wire(value)

    def test_bad_options(self) -> None:
        """An unknown view type is a ValueError."""
        with pytest.raises(ValueError, match="view_type"):
            dynamodb_stream_events(view_type="ALL")


class TestEventBridgeEvents:
    """eventbridge_events() draws EventBridge events."""

    @given(eventbridge_events())
    def test_every_event_parses(self, event: dict[str, Any]) -> None:
        """EventBridgeModel parses each; detail is a JSON object."""
        parsed = models.EventBridgeModel.model_validate(round_trip(event))
        assert parsed.detail_type == event["detail-type"]
        assert isinstance(event["detail"], dict)

"""One fixture, four targets: the client layer, the botocore bridge, the HTTP endpoint
through botocore, and the HTTP endpoint through hand-written JSON (:class:`RawDynamoDB`).

Every test in this folder takes ``dynamodb`` -- a boto3-shaped DynamoDB client -- and
runs once per target, so the doors are held to exactly the client layer's answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

from pyserverless import Cloud, mock_aws
from pyserverless.adapters import Server

TARGETS = ("client", "bridge", "endpoint", "raw")


@pytest.fixture(params=TARGETS)
def dynamodb(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    """A DynamoDB client on ``cloud``, through the target named by the parameter."""
    if request.param == "client":
        yield cloud.client("dynamodb")
    elif request.param == "bridge":
        with mock_aws(cloud):
            yield boto3.client("dynamodb", region_name=cloud.region)
    elif request.param == "raw":
        with Server(cloud) as server:
            yield RawDynamoDB(server.url, cloud.region)
    else:
        with Server(cloud) as server:
            yield boto3.client(
                "dynamodb",
                endpoint_url=server.url,
                region_name=cloud.region,
                aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="secret",
                config=Config(retries={"total_max_attempts": 1}),
            )


class RawDynamoDB:
    """A boto3-shaped DynamoDB client that writes its own JSON and reads raw answers.

    botocore hides ``__type`` and never sends a badly typed body; this door sends
    ``json.dumps`` of the parameters (blobs base64) over plain HTTP, checks every
    answer's ``__type`` against AWS's namespaces, and only then lets botocore's
    parser read the body, so the tests compare the same values as the other doors.
    """

    #: AWS's ``__type`` namespace for each error code the service sends.
    NAMESPACES = {
        "ValidationException": "com.amazon.coral.validate#",
        "SerializationException": "com.amazon.coral.service#",
        "UnknownOperationException": "com.amazon.coral.service#",
        "MissingAuthenticationTokenException": "com.amazon.coral.service#",
    }

    def __init__(self, url: str, region: str) -> None:
        import botocore.parsers
        import botocore.session

        self.host = url.removeprefix("http://")
        self.region = region
        self.model = botocore.session.get_session().get_service_model("dynamodb")
        self.parser = botocore.parsers.create_parser("json")
        self.last: tuple[int, dict[str, str], bytes] | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        operation = "".join(part.capitalize() for part in name.split("_"))
        if operation not in self.model.operation_names:
            raise AttributeError(name)
        return lambda **params: self.call(operation, params)

    def get_paginator(self, method: str) -> Any:
        """botocore's paginator over this door, as boto3's."""
        from botocore.loaders import create_loader
        from botocore.paginate import Paginator

        operation = "".join(part.capitalize() for part in method.split("_"))
        config = create_loader().load_service_model("dynamodb", "paginators-1")["pagination"]
        return Paginator(
            getattr(self, method), config[operation], self.model.operation_model(operation)
        )

    def raw(self, operation: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
        """POST ``body`` as ``operation``; (status, lower-case headers, body)."""
        import http.client

        connection = http.client.HTTPConnection(self.host, timeout=30)
        try:
            connection.request(
                "POST",
                "/",
                body=body,
                headers={
                    "X-Amz-Target": f"DynamoDB_20120810.{operation}",
                    "Content-Type": "application/x-amz-json-1.0",
                    "X-Amz-Date": "20250101T000000Z",
                    "Authorization": (
                        f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/{self.region}/"
                        "dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
                    ),
                },
            )
            response = connection.getresponse()
            answer = (
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            connection.close()
        self.last = answer
        return answer

    def call(self, operation: str, params: dict[str, Any]) -> Any:
        import base64
        import json

        from botocore.exceptions import ClientError

        def blob(value: Any) -> Any:
            if isinstance(value, bytes | bytearray):
                return base64.b64encode(bytes(value)).decode()
            raise TypeError(type(value))

        status, headers, body = self.raw(operation, json.dumps(params, default=blob).encode())
        op = self.model.operation_model(operation)
        answer = {"status_code": status, "headers": headers, "body": body}
        if status < 300:
            return self.parser.parse(answer, op.output_shape)
        kind = json.loads(body)["__type"]
        code = kind.rsplit("#", 1)[1]
        namespace = self.NAMESPACES.get(code, "com.amazonaws.dynamodb.v20120810#")
        assert kind == namespace + code, kind
        parsed = self.parser.parse(answer, op.output_shape)
        for shape in op.error_shapes:
            if shape.name == code:
                parsed.update(self.parser.parse(answer, shape))
        raise ClientError(parsed, operation)


@pytest.fixture
def raw_door() -> type[RawDynamoDB]:
    """The raw-HTTP door's class, for tests that send hand-written bodies."""
    return RawDynamoDB

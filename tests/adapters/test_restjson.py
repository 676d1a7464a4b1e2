"""REST-JSON (the Lambda wire) and plain routes, through both doors, on fake clients.

Lambda's own engine plugs in with one table row; these tests prove the mechanism
with a stand-in client and botocore's Lambda model as the oracle of the bindings.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

from pyserverless import mock_aws
from pyserverless.adapters import Server
from pyserverless.adapters._protocols import Route
from pyserverless.adapters._wire import WireRequest


@pytest.fixture(params=["bridge", "endpoint"])
def lam(request: pytest.FixtureRequest, fakes: Any) -> Iterator[Any]:
    """A boto3 Lambda client on the fake, through either door."""
    if request.param == "bridge":
        with mock_aws(dispatcher=fakes.dispatcher(raise_unexpected=True)):
            yield boto3.client("lambda", region_name="us-east-1")
    else:
        with Server(fakes.cloud, dispatcher=fakes.dispatcher()) as server:
            yield boto3.client(
                "lambda",
                endpoint_url=server.url,
                region_name="us-east-1",
                aws_access_key_id="a",
                aws_secret_access_key="b",
                config=Config(retries={"total_max_attempts": 1}),
            )


def calls(fakes: Any) -> list[tuple[str, dict[str, Any]]]:
    result: list[tuple[str, dict[str, Any]]] = fakes.client("lambda", "us-east-1").calls
    return result


class TestRestJson:
    """Labels, query strings, headers, status codes and blob payloads."""

    def test_path_label(self, lam: Any, fakes: Any) -> None:
        """GET /2015-03-31/functions/{FunctionName} binds the label."""
        out = lam.get_function(FunctionName="my-fn")
        assert out["Configuration"]["FunctionName"] == "my-fn"
        assert out["Tags"] == {"team": "a"}
        assert calls(fakes)[-1] == ("GetFunction", {"FunctionName": "my-fn"})

    def test_query_string(self, lam: Any, fakes: Any) -> None:
        """Query-string members arrive typed (MaxItems is an integer)."""
        out = lam.list_functions(MaxItems=2, Marker="m0")
        assert [f["FunctionName"] for f in out["Functions"]] == ["f1", "f2"]
        assert out["NextMarker"] == "m"
        assert calls(fakes)[-1] == ("ListFunctions", {"MaxItems": 2, "Marker": "m0"})

    def test_invoke_payload_and_headers(self, lam: Any, fakes: Any) -> None:
        """Invoke: raw payload in and out, headers and status code bound both ways."""
        out = lam.invoke(FunctionName="f", Payload=b'{"a": 1}', LogType="Tail", Qualifier="1")
        assert out["StatusCode"] == 200
        assert out["ExecutedVersion"] == "$LATEST"
        assert out["Payload"].read() == b'}1 :"a"{'
        name, params = calls(fakes)[-1]
        assert name == "Invoke"
        assert params == {
            "FunctionName": "f",
            "LogType": "Tail",
            "Qualifier": "1",
            "Payload": b'{"a": 1}',
        }

    def test_invoke_file_payload(self, lam: Any) -> None:
        """A file-like payload is read and sent."""
        out = lam.invoke(FunctionName="f", Payload=io.BytesIO(b"abc"))
        assert out["Payload"].read() == b"cba"

    def test_function_error_header(self, lam: Any) -> None:
        """X-Amz-Function-Error reaches FunctionError."""
        assert lam.invoke(FunctionName="f", Payload=b"boom")["FunctionError"] == "Unhandled"

    def test_status_code_member(self, lam: Any) -> None:
        """An asynchronous invoke answers 202."""
        assert lam.invoke(FunctionName="f", InvocationType="Event")["StatusCode"] == 202

    def test_error(self, lam: Any) -> None:
        """An AWS error keeps its code, message and status."""
        with pytest.raises(lam.exceptions.ResourceNotFoundException) as info:
            lam.get_function(FunctionName="missing")
        assert info.value.response["Error"]["Message"].startswith("Function not found: arn:")
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404

    def test_error_bodies_say_who_is_at_fault(self, fakes: Any) -> None:
        """A caller's error has Type User; an engine's bug is a 500 ServiceException, Service."""
        wire = fakes.dispatcher()
        missing = wire.handle(WireRequest("GET", "/2015-03-31/functions/missing", {}, trusted=True))
        assert (missing.status, missing.headers["x-amzn-ErrorType"]) == (
            404,
            "ResourceNotFoundException",
        )
        assert json.loads(missing.body)["Type"] == "User"
        crash = wire.handle(WireRequest("GET", "/2015-03-31/functions/crash", {}, trusted=True))
        assert (crash.status, crash.headers["x-amzn-ErrorType"], json.loads(crash.body)) == (
            500,
            "ServiceException",
            {"Type": "Service", "message": "Internal server error"},
        )

    def test_unimplemented_operation(self, fakes: Any) -> None:
        """A path no implemented operation matches is 404 UnknownOperationException."""
        wire = fakes.dispatcher()
        response = wire.handle(
            WireRequest("GET", "/2015-03-31/event-source-mappings/", {}, trusted=True)
        )
        assert response.status == 404
        assert response.headers["x-amzn-ErrorType"] == "UnknownOperationException"

    def test_unsigned_rejected(self, fakes: Any) -> None:
        """Over the wire, an unsigned REST request is refused."""
        response = fakes.dispatcher().handle(WireRequest("GET", "/2015-03-31/functions/f", {}))
        assert response.status == 403
        assert response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"


class TestRoutes:
    """Plain routes that are not API operations (Cognito's JWKS)."""

    def test_route_with_label(self, fakes: Any) -> None:
        """A GET route is matched, its labels passed, its answer sent with AWS headers."""
        seen: list[Any] = []

        def jwks(cloud: Any, request: WireRequest, UserPoolId: str) -> Any:
            seen.append((cloud, UserPoolId))
            return 200, {"Content-Type": "application/json"}, b'{"keys":[]}'

        route = Route("GET", "/{UserPoolId}/.well-known/jwks.json", jwks)
        wire = fakes.dispatcher(routes=(route,))
        response = wire.handle(WireRequest("GET", "/us-east-1_AbC/.well-known/jwks.json", {}))
        assert (response.status, json.loads(response.body)) == (200, {"keys": []})
        assert response.headers["x-amz-crc32"]
        assert seen == [(fakes.cloud, "us-east-1_AbC")]
        # Another method is not this route: it falls through to the JSON services,
        # which (like DynamoDB) ignore the path.
        other = wire.handle(WireRequest("POST", "/us-east-1_AbC/.well-known/jwks.json", {}))
        assert json.loads(other.body)["__type"].endswith("#UnknownOperationException")
        assert len(seen) == 1

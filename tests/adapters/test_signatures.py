"""``pyserverless serve --verify-signatures``: SigV4 checked against the known keys, on
each protocol (DynamoDB's JSON, Lambda's REST-JSON, STS's query), answered as AWS does."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless.adapters import Dispatcher, Server
from pyserverless.adapters._sigv4 import BAD_SIGNATURE, sign

KEYS = {"testing": "testing", "AKIDEXAMPLE": "s3cret"}
ARN = "arn:aws:lambda:us-east-1:123456789012:function:nope"


@pytest.fixture
def verifying(cloud: Cloud) -> Iterator[Server]:
    with Server(cloud, dispatcher=Dispatcher(cloud, credentials=KEYS)) as server:
        yield server


def _client(server: Server, service: str, key: str, secret: str) -> Any:
    return boto3.client(
        service,
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"total_max_attempts": 1}),
    )


CALLS = {
    "dynamodb": lambda c: c.list_tables(),
    "lambda": lambda c: c.list_functions(),
    "sts": lambda c: c.get_caller_identity(),
}


class TestThroughBoto3:
    @pytest.mark.parametrize("service", sorted(CALLS))
    @pytest.mark.parametrize(("key", "secret"), sorted(KEYS.items()))
    def test_known_keys_pass(self, verifying: Server, service: str, key: str, secret: str) -> None:
        """A request signed with a known key and its secret is served."""
        answer = CALLS[service](_client(verifying, service, key, secret))
        assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200

    @pytest.mark.parametrize(
        ("service", "key", "secret", "status", "code"),
        [
            ("dynamodb", "AKIDUNKNOWN", "x", 400, "UnrecognizedClientException"),
            ("dynamodb", "testing", "wrong", 400, "InvalidSignatureException"),
            ("lambda", "AKIDUNKNOWN", "x", 403, "UnrecognizedClientException"),
            ("lambda", "testing", "wrong", 403, "InvalidSignatureException"),
            ("sts", "AKIDUNKNOWN", "x", 403, "InvalidClientTokenId"),
            ("sts", "testing", "wrong", 403, "SignatureDoesNotMatch"),
        ],
    )
    def test_refused(
        self, verifying: Server, service: str, key: str, secret: str, status: int, code: str
    ) -> None:
        """An unknown key or a wrong secret gets AWS's code and status."""
        with pytest.raises(ClientError) as info:
            CALLS[service](_client(verifying, service, key, secret))
        error = info.value.response
        assert (error["ResponseMetadata"]["HTTPStatusCode"], error["Error"]["Code"]) == (
            status,
            code,
        )

    def test_encoded_path_verifies(self, verifying: Server) -> None:
        """A Lambda path with a percent-encoded ARN is verified as it was signed."""
        client = _client(verifying, "lambda", "testing", "testing")
        with pytest.raises(ClientError) as info:
            client.get_function(FunctionName=ARN)
        assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"

    def test_off_by_default(self, cloud: Cloud) -> None:
        """Without verification any complete signature is accepted."""
        with Server(cloud) as server:
            answer = _client(server, "dynamodb", "anyone", "anything").list_tables()
        assert answer["TableNames"] == []


def _post(server: Server, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(server.url + "/", data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


class TestRawHttp:
    TARGET = {
        "x-amz-target": "DynamoDB_20120810.ListTables",
        "content-type": "application/x-amz-json-1.0",
    }

    @pytest.mark.parametrize(
        ("tamper", "status", "kind", "message"),
        [
            (None, 200, None, None),
            (
                "body",
                400,
                "com.amazon.coral.service#InvalidSignatureException",
                BAD_SIGNATURE,
            ),
            (
                "key",
                400,
                "com.amazon.coral.service#UnrecognizedClientException",
                "The security token included in the request is invalid.",
            ),
            (
                "unsigned",
                400,
                "com.amazon.coral.service#MissingAuthenticationTokenException",
                "Request is missing Authentication Token",
            ),
        ],
    )
    def test_hand_signed(
        self,
        verifying: Server,
        tamper: str | None,
        status: int,
        kind: str | None,
        message: str | None,
    ) -> None:
        """Hand-signed requests: intact, with the body changed, with an unknown key, unsigned."""
        key = "AKIDUNKNOWN" if tamper == "key" else "AKIDEXAMPLE"
        headers = sign("POST", verifying.url + "/", self.TARGET, b"{}", key, "s3cret")
        if tamper == "unsigned":
            headers.pop("authorization")
        body = b'{"Limit": 5}' if tamper == "body" else b"{}"
        got = _post(verifying, headers, body)
        assert got[0] == status
        if kind is None:
            assert got[1] == {"TableNames": []}
        else:
            assert got[1] == {"__type": kind, "message": message}

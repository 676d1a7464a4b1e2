"""The endpoint's HTTP details, table-driven: hand-written JSON bodies over raw HTTP
(``__type`` and headers as DynamoDB sends them), and the same calls through boto3."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws
from pyserverless.adapters import Server

CREATE = (
    b'{"TableName": "things", "BillingMode": "PAY_PER_REQUEST",'
    b' "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],'
    b' "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}'
)
ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/things"


@pytest.fixture
def server(cloud: Cloud) -> Iterator[Server]:
    with Server(cloud) as running:
        yield running


@pytest.fixture
def raw(server: Server, cloud: Cloud, raw_door: Any) -> Any:
    door = raw_door(server.url, cloud.region)
    assert door.raw("CreateTable", CREATE)[0] == 200
    return door


def _boto3(server: Server, cloud: Cloud) -> Any:
    return boto3.client(
        "dynamodb",
        endpoint_url=server.url,
        region_name=cloud.region,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=Config(retries={"total_max_attempts": 1}),
    )


class TestErrorTypes:
    """``__type`` on the wire: coral's validate namespace for ValidationException."""

    @pytest.mark.parametrize(
        ("operation", "body", "status", "kind", "message"),
        [
            (
                "ListTables",
                b'{"Limit": 0}',
                400,
                "com.amazon.coral.validate#ValidationException",
                (
                    "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                    "constraint: Member must have value greater than or equal to 1"
                ),
            ),
            (
                "DescribeTable",
                b'{"TableName": "nope"}',
                400,
                "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                "Requested resource not found: Table: nope not found",
            ),
            (
                "PutItem",
                (
                    b'{"TableName": "things", "Item": {"id": {"S": "a"}},'
                    b' "ConditionExpression": "attribute_exists(id)"}'
                ),
                400,
                "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                "The conditional request failed",
            ),
            ("ListTables", b"{", 400, "com.amazon.coral.service#SerializationException", None),
        ],
    )
    def test_raw(
        self, raw: Any, operation: str, body: bytes, status: int, kind: str, message: Any
    ) -> None:
        """Each error's status, ``__type`` and message, byte for byte from raw JSON."""
        answer = raw.raw(operation, body)
        payload = json.loads(answer[2])
        assert answer[0] == status
        assert payload["__type"] == kind
        assert payload.get("message") == message

    def test_through_boto3(self, server: Server, cloud: Cloud) -> None:
        """botocore reads the code from either namespace."""
        with pytest.raises(ClientError) as info:
            _boto3(server, cloud).list_tables(Limit=101)  # botocore checks only minimums
        assert info.value.response["Error"]["Code"] == "ValidationException"


class TestSuccessAnswers:
    def test_request_ids_are_52_upper_case_alphanumerics(self, raw: Any) -> None:
        """A success's x-amzn-RequestId is DynamoDB's 52-character form."""
        status, headers, _ = raw.raw("ListTables", b"{}")
        assert status == 200
        assert re.fullmatch(r"[A-Z0-9]{52}", headers["x-amzn-requestid"])

    def test_request_id_through_boto3(self, server: Server, cloud: Cloud) -> None:
        """botocore's ResponseMetadata shows the same form."""
        answer = _boto3(server, cloud).list_tables()
        assert re.fullmatch(r"[A-Z0-9]{52}", answer["ResponseMetadata"]["RequestId"])

    @pytest.mark.parametrize(
        ("operation", "body"),
        [
            ("TagResource", f'{{"ResourceArn": "{ARN}", "Tags": [{{"Key": "k", "Value": "v"}}]}}'),
            ("UntagResource", f'{{"ResourceArn": "{ARN}", "TagKeys": ["k"]}}'),
        ],
    )
    def test_tagging_answers_an_empty_body(self, raw: Any, operation: str, body: str) -> None:
        """TagResource and UntagResource answer 200 with no body at all."""
        status, headers, payload = raw.raw(operation, body.encode())
        assert (status, payload, headers["content-length"], headers["x-amz-crc32"]) == (
            200,
            b"",
            "0",
            "0",
        )

    def test_tagging_through_boto3(self, server: Server, cloud: Cloud) -> None:
        """botocore reads the empty body as an empty answer."""
        client = _boto3(server, cloud)
        client.create_table(
            TableName="things",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        )
        answer = client.tag_resource(ResourceArn=ARN, Tags=[{"Key": "k", "Value": "v"}])
        assert set(answer) == {"ResponseMetadata"}
        assert client.list_tags_of_resource(ResourceArn=ARN)["Tags"] == [{"Key": "k", "Value": "v"}]


class TestServerAddress:
    def test_describe_endpoints_names_the_server(
        self, server: Server, cloud: Cloud, raw_door: Any
    ) -> None:
        """DescribeEndpoints over HTTP answers with the server's own host and port."""
        raw = raw_door(server.url, cloud.region)
        status, _, body = raw.raw("DescribeEndpoints", b"{}")
        assert status == 200
        assert json.loads(body) == {
            "Endpoints": [{"Address": f"127.0.0.1:{server.port}", "CachePeriodInMinutes": 1440}]
        }
        answer = _boto3(server, cloud).describe_endpoints()
        assert answer["Endpoints"][0]["Address"] == f"127.0.0.1:{server.port}"

    def test_describe_endpoints_through_the_bridge(self, cloud: Cloud) -> None:
        """In-process there is no server: the Regional host, as AWS names it."""
        with mock_aws(cloud):
            answer = boto3.client("dynamodb").describe_endpoints()
        assert answer["Endpoints"] == [
            {"Address": f"dynamodb.{cloud.region}.amazonaws.com", "CachePeriodInMinutes": 1440}
        ]

    def test_health_check_names_the_server(self, server: Server) -> None:
        """GET / answers ``healthy: <host>:<port> ``."""
        with urllib.request.urlopen(server.url + "/", timeout=10) as response:
            assert response.read() == f"healthy: 127.0.0.1:{server.port} ".encode()


class TestCors:
    EXPOSED = (
        "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date"
    )

    @pytest.mark.parametrize(
        ("body", "status"), [(b"{}", 200), (b'{"Limit": 0}', 400)], ids=["success", "error"]
    )
    def test_expose_headers(self, server: Server, body: bytes, status: int) -> None:
        """Answers to a request with an Origin expose AWS's headers to the page."""
        request = urllib.request.Request(
            server.url + "/",
            data=body,
            method="POST",
            headers={
                "Origin": "http://app",
                "X-Amz-Target": "DynamoDB_20120810.ListTables",
                "Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Date": "20250101T000000Z",
                "Authorization": "AWS4-HMAC-SHA256 Credential=A/20250101/us-east-1/dynamodb/"
                "aws4_request, SignedHeaders=host, Signature=abc",
            },
        )
        try:
            response = urllib.request.urlopen(request, timeout=10)
        except urllib.error.HTTPError as err:
            response = err
        assert response.status == status
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Access-Control-Expose-Headers"] == self.EXPOSED

    def test_no_origin_no_cors_headers(self, raw: Any) -> None:
        """Without an Origin, no CORS headers."""
        _, headers, _ = raw.raw("ListTables", b"{}")
        assert "access-control-expose-headers" not in headers


class TestSerializationOverHttp:
    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b'{"TableName": true}', "TRUE_VALUE cannot be converted to String"),
            (b'{"TableName": 7}', "NUMBER_VALUE cannot be converted to String"),
            (b'{"TableName": ["a"]}', "Unrecognized collection type class java.lang.String"),
            (b'{"TableName": {}}', "Start of structure or map found where not expected"),
        ],
    )
    def test_hand_written_bodies(self, raw: Any, body: bytes, message: str) -> None:
        """A badly typed body over HTTP: 400, coral's SerializationException, the text."""
        status, _, answer = raw.raw("DescribeTable", body)
        assert (status, json.loads(answer)) == (
            400,
            {"__type": "com.amazon.coral.service#SerializationException", "Message": message},
        )

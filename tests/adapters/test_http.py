"""The HTTP endpoint: real clients over loopback, and malformed requests."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

from pyserverless.adapters import Server, make_app

SCHEMA = [{"AttributeName": "k", "KeyType": "HASH"}]
ATTRS = [{"AttributeName": "k", "AttributeType": "S"}]
SIGNED = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=abc",
    "X-Amz-Date": "20250101T000000Z",
}


@pytest.fixture
def server(fakes: Any) -> Iterator[Server]:
    with Server(fakes.cloud, dispatcher=fakes.dispatcher()) as running:
        yield running


def client(server: Server, **kwargs: Any) -> Any:
    return boto3.client(
        "dynamodb",
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id="AKID",
        aws_secret_access_key="secret",
        config=Config(retries={"total_max_attempts": 1}),
        **kwargs,
    )


def post(server: Server, body: bytes, **headers: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        conn.request("POST", "/", body=body, headers=headers)
        response = conn.getresponse()
        # Header names are case-insensitive (RFC 9110); compare them in lower case.
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read()
    finally:
        conn.close()


class TestBoto3:
    """boto3 through endpoint_url: botocore's signer, serialiser and parser as oracles."""

    def test_round_trip(self, server: Server) -> None:
        """Create, put and get through the socket."""
        ddb = client(server)
        ddb.create_table(
            TableName="t",
            KeySchema=SCHEMA,
            AttributeDefinitions=ATTRS,
            BillingMode="PAY_PER_REQUEST",
        )
        ddb.put_item(TableName="t", Item={"k": {"S": "a"}, "b": {"B": b"\x01"}})
        item = ddb.get_item(TableName="t", Key={"k": {"S": "a"}})["Item"]
        assert item == {"k": {"S": "a"}, "b": {"B": b"\x01"}}

    def test_error(self, server: Server) -> None:
        """Errors arrive with AWS's code, message and status."""
        ddb = client(server)
        with pytest.raises(ddb.exceptions.ResourceNotFoundException) as info:
            ddb.describe_table(TableName="nope")
        assert info.value.response["Error"]["Message"] == "Requested resource not found"
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400

    def test_region_from_signature(self, server: Server, fakes: Any) -> None:
        """The region a client signs for picks the Cloud's region."""
        boto3.client(
            "dynamodb",
            endpoint_url=server.url,
            region_name="ap-southeast-2",
            aws_access_key_id="a",
            aws_secret_access_key="b",
        ).list_tables()
        assert ("dynamodb", "ap-southeast-2") in fakes.clients

    def test_concurrent_clients(self, server: Server, fakes: Any) -> None:
        """Clients on many threads are all answered, and every write lands."""
        ddb = client(server)
        ddb.create_table(
            TableName="t",
            KeySchema=SCHEMA,
            AttributeDefinitions=ATTRS,
            BillingMode="PAY_PER_REQUEST",
        )
        errors: list[BaseException] = []

        def work(n: int) -> None:
            own = client(server)
            try:
                for i in range(10):
                    own.put_item(TableName="t", Item={"k": {"S": f"{n}-{i}"}})
            except BaseException as err:  # reported below
                errors.append(err)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(fakes.tables["t"]["items"]) == 80


class TestMalformed:
    """Bad requests get AWS's errors and leave the server running."""

    def _still_serving(self, server: Server) -> None:
        assert client(server).list_tables()["TableNames"] == []

    def test_truncated_json(self, server: Server) -> None:
        """Truncated JSON: 400 SerializationException."""
        status, headers, body = post(
            server,
            b'{"TableName": "t',
            **{"X-Amz-Target": "DynamoDB_20120810.DescribeTable"},
            **{"Content-Type": "application/x-amz-json-1.0"},
            **SIGNED,
        )
        assert status == 400
        assert json.loads(body) == {"__type": "com.amazon.coral.service#SerializationException"}
        assert headers["x-amz-crc32"]
        self._still_serving(server)

    def test_wrong_content_type(self, server: Server) -> None:
        """A body of another content type: 404 and the XML body."""
        status, _, body = post(
            server,
            b"{}",
            **{"X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "text/plain"},
            **SIGNED,
        )
        assert (status, body) == (404, b"<UnknownOperationException/>\n")
        self._still_serving(server)

    def test_unknown_target(self, server: Server) -> None:
        """An unknown target: 400 UnknownOperationException."""
        status, _, body = post(
            server,
            b"{}",
            **{"X-Amz-Target": "DynamoDB_20120810.Frobnicate", "Content-Type": "application/json"},
            **SIGNED,
        )
        assert status == 400
        assert json.loads(body) == {"__type": "com.amazon.coral.service#UnknownOperationException"}
        self._still_serving(server)

    def test_missing_authorization(self, server: Server) -> None:
        """No signature: MissingAuthenticationTokenException."""
        status, _, body = post(
            server,
            b"{}",
            **{"X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/json"},
        )
        assert status == 400
        assert json.loads(body)["message"] == "Request is missing Authentication Token"

    def test_oversized_body(self, server: Server, fakes: Any) -> None:
        """A body over 16 MiB: 413, empty body, nothing dispatched, server still up."""
        conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
        try:
            conn.putrequest("POST", "/")
            conn.putheader("X-Amz-Target", "DynamoDB_20120810.PutItem")
            conn.putheader("Content-Type", "application/x-amz-json-1.0")
            size = 16 * 1024 * 1024 + 1
            conn.putheader("Content-Length", str(size))
            conn.endheaders()
            conn.send(b"{" * size)
            response = conn.getresponse()
            assert response.status == 413
            assert response.read() == b""
        finally:
            conn.close()
        assert not fakes.clients
        self._still_serving(server)

    def test_preflight(self, server: Server) -> None:
        """A browser's CORS preflight is answered."""
        conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
        try:
            conn.request(
                "OPTIONS",
                "/",
                headers={"Origin": "http://app", "Access-Control-Request-Method": "POST"},
            )
            response = conn.getresponse()
            assert response.status == 200
            assert response.getheader("Access-Control-Allow-Origin") == "*"
            assert response.getheader("Access-Control-Allow-Methods") == "POST"
        finally:
            conn.close()


class TestWsgi:
    """The endpoint is a plain WSGI app, mountable anywhere."""

    def test_app_without_server(self, fakes: Any) -> None:
        """Calling the app directly answers as the server does."""
        import io

        app = make_app(fakes.cloud, dispatcher=fakes.dispatcher())
        seen: list[Any] = []
        body = b"{}"
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/",
            "CONTENT_TYPE": "application/x-amz-json-1.0",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_X_AMZ_TARGET": "DynamoDB_20120810.ListTables",
            "HTTP_AUTHORIZATION": SIGNED["Authorization"],
            "HTTP_X_AMZ_DATE": SIGNED["X-Amz-Date"],
            "wsgi.input": io.BytesIO(body),
        }
        out = b"".join(app(environ, lambda status, headers: seen.append((status, headers))))
        assert seen[0][0] == "200 OK"
        assert json.loads(out) == {"TableNames": []}

    def test_server_stops(self, fakes: Any) -> None:
        """After stop() the port no longer answers."""
        running = Server(fakes.cloud, dispatcher=fakes.dispatcher()).start()
        port = running.port
        running.stop()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        with pytest.raises(OSError):
            conn.connect()


def test_wire_bug_is_500(fakes: Any, caplog: pytest.LogCaptureFixture) -> None:
    """A failure in the wire itself answers 500 InternalFailure and is logged."""
    import io

    wire = fakes.dispatcher()

    def broken(request: Any) -> Any:
        raise RuntimeError("wire bug")

    wire.handle = broken
    app = make_app(fakes.cloud, dispatcher=wire)
    seen: list[str] = []
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/", "wsgi.input": io.BytesIO()}
    body = b"".join(app(environ, lambda status, headers: seen.append(status)))
    assert seen == ["500 Internal Server Error"]
    assert json.loads(body) == {"__type": "com.amazon.coral.service#InternalFailure"}
    assert "wire bug" in caplog.text

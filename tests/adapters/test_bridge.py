"""The in-process bridge: real boto3/botocore clients, no socket, the same wire."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws
from pyserverless.adapters import MockAWS, UnsupportedServiceError

SCHEMA = [{"AttributeName": "k", "KeyType": "HASH"}]
ATTRS = [{"AttributeName": "k", "AttributeType": "S"}]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the bridge opened a socket")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def bridge(fakes: Any, no_network: None) -> Iterator[Any]:
    with mock_aws(dispatcher=fakes.dispatcher(raise_unexpected=True)):
        yield fakes


def create(client: Any, name: str = "t") -> None:
    client.create_table(
        TableName=name, KeySchema=SCHEMA, AttributeDefinitions=ATTRS, BillingMode="PAY_PER_REQUEST"
    )


class TestRouting:
    """Every kind of client made inside the context reaches the Cloud."""

    def test_boto3_client(self, bridge: Any) -> None:
        """boto3.client round-trips through botocore's serialiser and parser."""
        client = boto3.client("dynamodb")
        create(client)
        client.put_item(TableName="t", Item={"k": {"S": "a"}, "b": {"B": b"\x00\xff"}})
        got = client.get_item(TableName="t", Key={"k": {"S": "a"}})
        assert got["Item"] == {"k": {"S": "a"}, "b": {"B": b"\x00\xff"}}
        assert got["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert got["ResponseMetadata"]["RequestId"]

    def test_bytes_reach_engine_as_bytes(self, bridge: Any) -> None:
        """Blobs cross the wire base64-encoded and arrive as bytes."""
        client = boto3.client("dynamodb")
        create(client)
        client.put_item(TableName="t", Item={"k": {"S": "a"}, "b": {"B": b"hi"}})
        calls = bridge.client("dynamodb", "us-east-1").calls
        assert calls[-1] == (
            "PutItem",
            {"TableName": "t", "Item": {"k": {"S": "a"}, "b": {"B": b"hi"}}},
        )

    def test_timestamps_parsed_by_botocore(self, bridge: Any, cloud: Cloud) -> None:
        """botocore's parser turns the epoch seconds back into the Cloud's instant."""
        client = boto3.client("dynamodb")
        create(client)
        table = client.describe_table(TableName="t")["Table"]
        assert table["CreationDateTime"] == cloud.now()

    def test_resource(self, bridge: Any) -> None:
        """boto3.resource works through the same client."""
        create(boto3.client("dynamodb"))
        table = boto3.resource("dynamodb").Table("t")
        table.put_item(Item={"k": "a", "n": 3})
        assert table.get_item(Key={"k": "a"})["Item"] == {"k": "a", "n": 3}

    def test_fresh_sessions(self, bridge: Any) -> None:
        """Clients of a new boto3.Session and of a botocore session are routed too."""
        create(boto3.Session().client("dynamodb"))
        names = botocore.session.get_session().create_client("dynamodb").list_tables()
        assert names["TableNames"] == ["t"]

    def test_region_follows_client(self, bridge: Any) -> None:
        """A client's region picks the Cloud's region."""
        boto3.client("dynamodb", region_name="eu-west-1").list_tables()
        assert ("dynamodb", "eu-west-1") in bridge.clients

    def test_not_a_region(self, bridge: Any) -> None:
        """A region name that is not a region ('localhost') means the Cloud's region."""
        boto3.client("dynamodb", region_name="localhost").list_tables()
        assert list(bridge.clients) == [("dynamodb", "us-east-1")]

    def test_errors_are_client_errors(self, bridge: Any) -> None:
        """Engine errors arrive as botocore ClientErrors with AWS's code and message."""
        client = boto3.client("dynamodb")
        with pytest.raises(client.exceptions.ResourceNotFoundException) as info:
            client.get_item(TableName="nope", Key={"k": {"S": "a"}})
        assert info.value.response["Error"] == {
            "Code": "ResourceNotFoundException",
            "Message": "Requested resource not found",
        }
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400

    def test_error_extra_fields(self, bridge: Any) -> None:
        """Extra fields of an error (the old item) are parsed by botocore."""
        client = boto3.client("dynamodb")
        create(client)
        put = {
            "TableName": "t",
            "Item": {"k": {"S": "a"}},
            "ConditionExpression": "attribute_not_exists(#k)",
            "ExpressionAttributeNames": {"#k": "k"},
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }
        client.put_item(**put)
        with pytest.raises(ClientError) as info:
            client.put_item(**put)
        assert info.value.response["Item"] == {"k": {"S": "a"}}

    def test_engine_bug_raises_its_own_exception(self, bridge: Any) -> None:
        """A non-AWS exception in an engine propagates with its traceback."""
        with pytest.raises(RuntimeError, match="engine bug"):
            boto3.client("dynamodb").delete_table(TableName="t")

    def test_requests_unsigned_and_trusted(self, fakes: Any, no_network: None) -> None:
        """The bridge sends no signature; its requests are trusted, with the client's region."""
        wire = fakes.dispatcher()
        seen: list[Any] = []
        handle = wire.handle

        def spy(request: Any) -> Any:
            seen.append(request)
            return handle(request)

        wire.handle = spy  # type: ignore[method-assign]
        with mock_aws(dispatcher=wire):
            boto3.client("dynamodb", region_name="sa-east-1").list_tables()
        (request,) = seen
        assert "authorization" not in {name.lower() for name in request.headers}
        assert request.headers["x-amz-target"] == "DynamoDB_20120810.ListTables"  # lower-case
        assert (request.trusted, request.region) == (True, "sa-east-1")

    def test_unsupported_service(self, bridge: Any) -> None:
        """A service pyserverless lacks raises a clear error naming it, and sends nothing."""
        with pytest.raises(UnsupportedServiceError, match="'sqs'") as info:
            boto3.client("sqs").list_queues()
        assert info.value.service == "sqs"
        assert info.value.operation == "ListQueues"
        assert "dynamodb" in str(info.value)

    def test_client_outlives_context(self, fakes: Any, no_network: None) -> None:
        """A client made inside keeps talking to its Cloud after the context ends."""
        with mock_aws(dispatcher=fakes.dispatcher()):
            client = boto3.client("dynamodb")
        create(client)
        assert client.list_tables()["TableNames"] == ["t"]

    def test_client_made_before_is_untouched(self, fakes: Any) -> None:
        """Clients made before the context are not routed (they are not ours)."""
        from botocore.config import Config
        from botocore.exceptions import EndpointConnectionError

        before = boto3.client(
            "dynamodb",
            region_name="us-east-1",
            endpoint_url="http://127.0.0.1:9",  # discard port: refused at once
            aws_access_key_id="a",
            aws_secret_access_key="b",
            config=Config(retries={"total_max_attempts": 1}),
        )
        with mock_aws(dispatcher=fakes.dispatcher()), pytest.raises(EndpointConnectionError):
            before.list_tables()
        assert not fakes.clients


class TestForms:
    """Context manager, decorator and pytest fixture."""

    def test_context_yields_cloud(self) -> None:
        """``with mock_aws(cloud) as c`` yields that Cloud; without one, a new Cloud."""
        cloud = Cloud.manual()
        with mock_aws(cloud) as got:
            assert got is cloud
        with mock_aws() as fresh:
            assert isinstance(fresh, Cloud)
            assert fresh is not cloud

    def test_decorator(self, fakes: Any) -> None:
        """``@mock_aws(...)`` routes clients made inside the call."""
        bridge = mock_aws(dispatcher=fakes.dispatcher())
        assert isinstance(bridge, MockAWS)

        @bridge
        def work() -> list[str]:
            client = boto3.client("dynamodb")
            create(client, "deco")
            return list(client.list_tables()["TableNames"])

        assert work() == ["deco"]
        assert bridge.cloud is None  # exited

    def test_bare_decorator(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """``@mock_aws`` without parentheses works too."""
        monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)

        @mock_aws
        def key() -> str:
            return os.environ["AWS_ACCESS_KEY_ID"]

        assert key() == "testing"
        assert "AWS_ACCESS_KEY_ID" not in os.environ

    def test_fixture(self, aws: Cloud, cloud: Cloud) -> None:
        """The ``aws`` fixture is the ``cloud`` fixture with the bridge active."""
        assert aws is cloud
        assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"

    def test_nested(self, fakes: Any, make_fakes: Any) -> None:
        """The innermost context owns the clients made inside it."""
        other = make_fakes(Cloud.manual())
        with mock_aws(dispatcher=fakes.dispatcher()):
            with mock_aws(dispatcher=other.dispatcher()):
                create(boto3.client("dynamodb"), "inner")
            create(boto3.client("dynamodb"), "outer")
        assert list(other.tables) == ["inner"]
        assert list(fakes.tables) == ["outer"]


class TestEnvironment:
    """Fake credentials inside, the user's environment back on exit."""

    def test_fake_credentials_and_restore(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Credentials are fakes inside; profile hidden; everything restored after."""
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "REAL")
        monkeypatch.setenv("AWS_PROFILE", "prod")
        monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
        with mock_aws(Cloud.manual(region="eu-central-1")):
            assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
            assert os.environ["AWS_DEFAULT_REGION"] == "eu-central-1"
            assert "AWS_PROFILE" not in os.environ
            creds = boto3.Session().get_credentials()
            assert creds.access_key == "testing"
        assert os.environ["AWS_ACCESS_KEY_ID"] == "REAL"
        assert os.environ["AWS_PROFILE"] == "prod"
        assert "AWS_SESSION_TOKEN" not in os.environ

    def test_restored_after_exception(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An exception inside still restores the environment and botocore."""
        monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
        original = botocore.session.Session.create_client
        with pytest.raises(KeyError), mock_aws(Cloud.manual()):
            raise KeyError("x")
        assert "AWS_ACCESS_KEY_ID" not in os.environ
        assert botocore.session.Session.create_client is original


def test_import_is_lazy() -> None:
    """Importing pyserverless loads neither door; ``pyserverless.mock_aws`` loads the bridge."""
    import subprocess
    import sys

    code = (
        "import sys, pyserverless\n"
        "print('pyserverless.adapters.bridge' in sys.modules, 'waitress' in sys.modules)\n"
        "pyserverless.mock_aws\n"
        "print('pyserverless.adapters.bridge' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["False", "False", "True"]

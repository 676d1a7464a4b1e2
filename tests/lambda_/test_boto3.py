"""Lambda through real boto3 clients, via the in-process bridge (REST-JSON on the wire)."""

from __future__ import annotations

import base64
import json

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws

from .conftest import ROLE, make_zip

CODE = make_zip(
    {
        "app.py": (
            "import os\n"
            "def handler(event, context):\n"
            "    print('hello from', context.function_name)\n"
            "    if event.get('fail'):\n"
            "        raise ValueError('asked to fail')\n"
            "    return {'stage': os.environ['STAGE'], 'event': event}\n"
        )
    }
)


@pytest.fixture
def client(lam: Cloud):
    with mock_aws(lam):
        # No client-side retries: a throttle should surface at once, not after backoff.
        config = Config(retries={"total_max_attempts": 1})
        yield boto3.client("lambda", region_name="us-east-1", config=config)


class TestThroughBoto3:
    def test_create_and_invoke(self, client):
        """CreateFunction then Invoke, exactly as against AWS."""
        created = client.create_function(
            FunctionName="b3",
            Runtime="python3.12",
            Role=ROLE,
            Handler="app.handler",
            Code={"ZipFile": CODE},
            Environment={"Variables": {"STAGE": "prod"}},
        )
        assert created["FunctionName"] == "b3"
        resp = client.invoke(FunctionName="b3", Payload=json.dumps({"k": 1}), LogType="Tail")
        assert resp["StatusCode"] == 200
        assert resp["ExecutedVersion"] == "$LATEST"
        assert json.loads(resp["Payload"].read()) == {"stage": "prod", "event": {"k": 1}}
        log = base64.b64decode(resp["LogResult"]).decode()
        assert "hello from b3" in log
        assert "REPORT RequestId: " in log

    def test_function_error(self, client):
        """A handler error arrives as FunctionError with AWS's body."""
        client.create_function(
            FunctionName="b3", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"ZipFile": CODE}, Environment={"Variables": {"STAGE": "x"}},
        )  # fmt: skip
        resp = client.invoke(FunctionName="b3", Payload=b'{"fail": true}')
        assert resp["FunctionError"] == "Unhandled"
        body = json.loads(resp["Payload"].read())
        assert (body["errorType"], body["errorMessage"]) == ("ValueError", "asked to fail")

    def test_event_and_errors(self, client, lam):
        """Event returns 202; a missing function is a ClientError with AWS's code."""
        client.create_function(
            FunctionName="b3", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"ZipFile": CODE}, Environment={"Variables": {"STAGE": "x"}},
        )  # fmt: skip
        assert client.invoke(FunctionName="b3", InvocationType="Event")["StatusCode"] == 202
        with pytest.raises(ClientError) as err:
            client.get_function(FunctionName="nope")
        assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"
        client.put_function_concurrency(FunctionName="b3", ReservedConcurrentExecutions=0)
        with pytest.raises(client.exceptions.TooManyRequestsException):
            client.invoke(FunctionName="b3")

    def test_versions_aliases_and_listing(self, client):
        """PublishVersion, CreateAlias with routing, and the ListFunctions paginator."""
        client.create_function(
            FunctionName="b3", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"ZipFile": CODE}, Environment={"Variables": {"STAGE": "x"}},
        )  # fmt: skip
        assert client.publish_version(FunctionName="b3")["Version"] == "1"
        alias = client.create_alias(FunctionName="b3", Name="live", FunctionVersion="1")
        assert alias["AliasArn"].endswith(":b3:live")
        resp = client.invoke(FunctionName="b3", Qualifier="live", Payload=b"{}")
        assert resp["ExecutedVersion"] == "1"
        pages = client.get_paginator("list_functions").paginate()
        assert [f["FunctionName"] for p in pages for f in p["Functions"]] == ["b3"]


def test_http_endpoint(lam):
    """Over loopback HTTP, boto3 reaches Lambda at /2015-03-31/functions/... too."""
    from pyserverless.adapters import Server

    lam.lambda_.create_function("h", handler=lambda e, c: {"echo": e})
    with Server(lam) as server:
        client = boto3.client(
            "lambda",
            endpoint_url=server.url,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            config=Config(retries={"total_max_attempts": 1}),
        )
        resp = client.invoke(FunctionName="h", Payload=b'{"a": 1}')
        assert json.loads(resp["Payload"].read()) == {"echo": {"a": 1}}
        assert resp["ExecutedVersion"] == "$LATEST"
        config = client.get_function_configuration(FunctionName="h")
        assert config["FunctionArn"].endswith(":function:h")
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.get_function(FunctionName="missing")


def call_host(event, context):
    """A process-mode handler that reaches the host's Cloud over HTTP, as on AWS."""
    import boto3
    from botocore.config import Config

    client = boto3.client(
        "lambda", endpoint_url=event["url"], config=Config(retries={"total_max_attempts": 1})
    )
    return client.publish_version(FunctionName="target")["Version"]


def test_process_handler_reaches_the_host_over_http(lam):
    """Side effects of a process-mode handler persist when it calls the endpoint."""
    from pyserverless.adapters import Server

    lam.lambda_.create_function("target", handler=lambda e, c: 1)
    caller = lam.lambda_.create_function("caller", handler=call_host, isolation="process")
    with Server(lam) as server:
        assert caller.invoke({"url": server.url}) == "1"
    assert lam.lambda_.function("target").info().versions == ("1",)

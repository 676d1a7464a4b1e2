"""Tags, layers and LoggingConfig through real boto3 clients, via the bridge (REST-JSON)."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws

from .conftest import ROLE, make_zip

APP = make_zip(
    {
        "app.py": (
            "import logging\n"
            "import greeting\n"
            "def handler(event, context):\n"
            "    logging.getLogger().warning('hello')\n"
            "    return greeting.TEXT\n"
        )
    }
)
LAYER = make_zip({"python/greeting.py": "TEXT = 'hi from a layer'\n"})


@pytest.fixture
def client(lam: Cloud):
    with mock_aws(lam):
        yield boto3.client(
            "lambda", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1})
        )


class TestBridge:
    def test_tags_round_trip(self, client):
        """CreateFunction Tags, TagResource, UntagResource, ListTags over the wire."""
        arn = client.create_function(
            FunctionName="t",
            Runtime="python3.12",
            Role=ROLE,
            Handler="app.handler",
            Code={"ZipFile": make_zip({"app.py": "def handler(e, c):\n    return 1\n"})},
            Tags={"team": "a"},
        )["FunctionArn"]
        client.tag_resource(Resource=arn, Tags={"env": "dev"})
        client.untag_resource(Resource=arn, TagKeys=["team"])
        assert client.list_tags(Resource=arn)["Tags"] == {"env": "dev"}
        assert client.get_function(FunctionName="t")["Tags"] == {"env": "dev"}
        with pytest.raises(ClientError) as info:
            client.tag_resource(Resource=arn + ":1", Tags={"a": "b"})
        assert info.value.response["Error"]["Code"] == "InvalidParameterValueException"

    def test_layers_and_json_logs(self, client):
        """PublishLayerVersion, a function using it, JSON logs, and the layer listings."""
        layer = client.publish_layer_version(
            LayerName="greeting", Content={"ZipFile": LAYER}, CompatibleRuntimes=["python3.12"]
        )
        assert layer["Version"] == 1
        client.create_function(
            FunctionName="l",
            Runtime="python3.12",
            Role=ROLE,
            Handler="app.handler",
            Code={"ZipFile": APP},
            Layers=[layer["LayerVersionArn"]],
            LoggingConfig={"LogFormat": "JSON"},
        )
        resp = client.invoke(FunctionName="l")
        assert json.loads(resp["Payload"].read()) == "hi from a layer"
        config = client.get_function_configuration(FunctionName="l")
        assert config["LoggingConfig"]["LogFormat"] == "JSON"
        assert config["Layers"][0]["Arn"] == layer["LayerVersionArn"]
        got = client.get_layer_version(LayerName="greeting", VersionNumber=1)
        assert got["Content"]["CodeSha256"] == layer["Content"]["CodeSha256"]
        listed = client.list_layers(CompatibleRuntime="python3.12")["Layers"]
        assert [x["LayerName"] for x in listed] == ["greeting"]
        versions = client.list_layer_versions(LayerName="greeting")["LayerVersions"]
        assert [v["Version"] for v in versions] == [1]
        client.delete_layer_version(LayerName="greeting", VersionNumber=1)
        with pytest.raises(ClientError) as info:
            client.get_layer_version(LayerName="greeting", VersionNumber=1)
        assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"

"""A handler's boto3 reaches the Cloud that invoked it, in both modes, with or without mock_aws."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock, mock_aws

from .conftest import ROLE, lambda_role, make_zip

botocore_session = pytest.importorskip("botocore.session")
boto3 = pytest.importorskip("boto3")

HANDLER = """
import os, boto3
def handler(event, context):
    names = boto3.client("dynamodb").list_tables()["TableNames"]
    return {"tables": names, "key": os.environ["AWS_ACCESS_KEY_ID"][:4],
            "secret": len(os.environ["AWS_SECRET_ACCESS_KEY"]),
            "token": bool(os.environ["AWS_SESSION_TOKEN"]),
            "region": [os.environ["AWS_REGION"], os.environ["AWS_DEFAULT_REGION"]]}
"""
MODES = ["inline", "process"] if sys.platform != "win32" else ["inline"]


def _cloud_with_table(name: str) -> Cloud:
    cloud = Cloud(clock=ManualClock(), seed=3)
    lambda_role(cloud)
    cloud.client("dynamodb").create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
    )  # fmt: skip
    return cloud


def _deploy(cloud: Cloud, isolation: str, source: str = HANDLER) -> Any:
    client = cloud.client("lambda")
    client.create_function(
        FunctionName="probe", Runtime="python3.12", Handler="app.handler", Role=ROLE,
        Code={"ZipFile": make_zip({"app.py": source})}, Timeout=30,
    )  # fmt: skip
    cloud.engine("lambda").update_function_configuration("probe", isolation=isolation)
    return client


def _item(cloud: Cloud, pk: str) -> Any:
    return cloud.client("dynamodb").get_item(TableName="own", Key={"pk": {"S": pk}}).get("Item")


def _invoke(client: Any) -> dict[str, Any]:
    resp = client.invoke(FunctionName="probe", Payload=b"{}")
    body: dict[str, Any] = json.loads(resp["Payload"].read())
    assert "FunctionError" not in resp, body
    return body


@pytest.fixture
def own() -> Iterator[Cloud]:
    cloud = _cloud_with_table("own")
    yield cloud
    cloud.lambda_.close()


@pytest.mark.parametrize("isolation", MODES)
class TestHandlerBoto3:
    """boto3.client(...) in a handler lands in the function's own Cloud."""

    def test_outside_mock_aws(self, own: Cloud, isolation: str) -> None:
        """No mock_aws at all: not real AWS, the invoking Cloud (fake keys in its env)."""
        body = _invoke(_deploy(own, isolation))
        assert body["tables"] == ["own"]
        assert body["key"] == "ASIA" and body["secret"] == 40 and body["token"]
        assert body["region"] == ["us-east-1", "us-east-1"]

    def test_inside_another_mock_aws(self, own: Cloud, isolation: str) -> None:
        """Another Cloud's mock_aws is active: the handler still reaches its own Cloud."""
        other = _cloud_with_table("other")
        client = _deploy(own, isolation)
        with mock_aws(other):
            assert boto3.client("dynamodb").list_tables()["TableNames"] == ["other"]
            assert _invoke(client)["tables"] == ["own"]
            assert boto3.client("dynamodb").list_tables()["TableNames"] == ["other"]

    def test_invoked_through_mock_aws_boto3(self, own: Cloud, isolation: str) -> None:
        """Invoked by boto3 inside mock_aws(own): the same Cloud, and writes are seen."""
        source = HANDLER.replace(
            "    names =",
            "    boto3.resource('dynamodb').Table('own').put_item(Item={'pk': 'w'})\n    names =",
        )
        _deploy(own, isolation, source)
        with mock_aws(own):
            resp = boto3.client("lambda").invoke(FunctionName="probe", Payload=b"{}")
            assert json.loads(resp["Payload"].read())["tables"] == ["own"]
        assert _item(own, "w") == {"pk": {"S": "w"}}

    def test_default_session_made_before(
        self, own: Cloud, isolation: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """boto3's default session, built by the host without a region, serves the handler."""
        for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
        boto3.setup_default_session()
        assert _invoke(_deploy(own, isolation))["tables"] == ["own"]

    def test_client_made_at_init(self, own: Cloud, isolation: str) -> None:
        """A client built at module level (init) is routed too."""
        source = (
            "import boto3\nDDB = boto3.client('dynamodb')\n"
            "def handler(event, context):\n    return {'tables': DDB.list_tables()['TableNames']}\n"
        )
        assert _invoke(_deploy(own, isolation, source))["tables"] == ["own"]


class TestNothingLeftBehind:
    """The route exists only while inline environments live."""

    def test_create_client_is_botocores_again_after_close(self) -> None:
        """After close(), Session.create_client is botocore's own; clients go nowhere special."""
        import gc

        from pyserverless.lambda_ import _sdk

        gc.collect()  # Clouds earlier tests dropped without close(): their finalizers end them
        assert not _sdk.routed()
        original = botocore_session.Session.create_client
        cloud = _cloud_with_table("own")
        _invoke(_deploy(cloud, "inline"))
        assert _sdk.routed()
        assert botocore_session.Session.create_client is not original
        cloud.lambda_.close()
        assert not _sdk.routed()
        assert botocore_session.Session.create_client is original

    def test_threads_outside_handlers_are_not_routed(self, own: Cloud) -> None:
        """While an environment lives, a client made by the test itself is not routed."""
        _invoke(_deploy(own, "inline"))
        client = boto3.client(
            "dynamodb", region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
            aws_access_key_id="a", aws_secret_access_key="b",
        )  # fmt: skip
        with pytest.raises(Exception) as err:
            client.list_tables()
        assert "127.0.0.1:9" in str(err.value)


class TestCognitoTrigger:
    """A trigger that is a Lambda function reaches the pool's Cloud."""

    @pytest.mark.parametrize("isolation", MODES)
    def test_trigger_function_boto3(self, own: Cloud, isolation: str) -> None:
        """PreSignUp's function writes with boto3; the write is in the pool's Cloud."""
        source = (
            "import boto3\n"
            "def handler(event, context):\n"
            "    boto3.client('dynamodb').put_item(TableName='own',\n"
            "        Item={'pk': {'S': event['userName']}})\n"
            "    event['response']['autoConfirmUser'] = True\n"
            "    return event\n"
        )
        _deploy(own, isolation, source)
        pool = own.cognito.create_user_pool("shop")
        pool.set_trigger("PreSignUp", own.lambda_.function("probe"))
        app = pool.create_client("web")
        other = _cloud_with_table("own")
        with mock_aws(other):
            own.client("cognito-idp").sign_up(
                ClientId=app.client_id, Username="bob", Password="Passw0rd!"
            )
        assert _item(own, "bob") == {"pk": {"S": "bob"}}
        assert _item(other, "bob") is None


def test_a_dropped_cloud_whose_handler_closes_over_it_is_collected() -> None:
    """A handler closing over its Cloud (the common test shape) does not keep the Cloud,
    its environment's thread or the SDK route alive once the test drops the Cloud."""
    import gc
    import weakref

    from pyserverless import ManualClock
    from pyserverless.lambda_ import _sdk

    def make() -> weakref.ref[Cloud]:
        cloud = Cloud(clock=ManualClock(0))
        lambda_role(cloud)
        seen: list[float] = []

        def handler(event: object, context: object) -> None:
            seen.append(cloud.clock.time())

        fn = cloud.lambda_.create_function("closes", handler=handler)
        fn.invoke({})
        cloud.client("lambda").invoke(FunctionName="closes", InvocationType="Event")
        cloud.run_until_idle()
        assert len(seen) == 2
        return weakref.ref(cloud)

    ref = make()
    gc.collect()
    assert ref() is None
    assert not _sdk.routed()

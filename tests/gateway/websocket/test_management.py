"""The @connections management API (apigatewaymanagementapi), in process and via boto3."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.gateway import GoneException, PayloadTooLargeException, WebSocketConnection

from .conftest import START, Chat, error_of


def connect(chat: Chat, **kwargs: Any) -> WebSocketConnection:
    return chat.cloud.gateway.websocket_api(chat.api_id).connect("prod", **kwargs)


@pytest.fixture
def full(chat: Chat) -> Chat:
    for key in ("$connect", "$disconnect", "$default"):
        chat.route(key)
    chat.deploy()
    return chat


@pytest.fixture
def mgmt(cloud: Cloud) -> Any:
    return cloud.client("apigatewaymanagementapi")


class TestInProcess:
    def test_post_get_delete(self, full: Chat, mgmt: Any) -> None:
        conn = connect(full, headers={"User-Agent": "ua/1"}, source_ip="10.1.2.3")
        mgmt.post_to_connection(ConnectionId=conn.connection_id, Data=b"one")
        mgmt.post_to_connection(ConnectionId=conn.connection_id, Data="two")
        mgmt.post_to_connection(ConnectionId=conn.connection_id, Data=b"\xff\x00")
        assert conn.received == ["one", "two", b"\xff\x00"]
        full.cloud.advance(5)
        conn.send("x")
        got = mgmt.get_connection(ConnectionId=conn.connection_id)
        assert got["ConnectedAt"] == dt.datetime.fromtimestamp(START, dt.UTC)
        assert got["LastActiveAt"] == dt.datetime.fromtimestamp(START + 5, dt.UTC)
        assert got["Identity"] == {"SourceIp": "10.1.2.3", "UserAgent": "ua/1"}
        mgmt.delete_connection(ConnectionId=conn.connection_id)
        assert conn.closed
        assert full.kinds()[-1] == ("DISCONNECT", "$disconnect")

    @pytest.mark.parametrize("operation", ["post", "get", "delete"])
    def test_gone_after_close(self, full: Chat, mgmt: Any, operation: str) -> None:
        conn = connect(full)
        conn.close()
        call = {
            "post": lambda: mgmt.post_to_connection(ConnectionId=conn.connection_id, Data=b"x"),
            "get": lambda: mgmt.get_connection(ConnectionId=conn.connection_id),
            "delete": lambda: mgmt.delete_connection(ConnectionId=conn.connection_id),
        }[operation]
        with pytest.raises(mgmt.exceptions.GoneException) as caught:
            call()
        assert error_of(caught)[0] == "GoneException"
        assert error_of(caught)[2] == 410
        assert isinstance(caught.value, GoneException)

    def test_unknown_connection_is_gone(self, mgmt: Any) -> None:
        with pytest.raises(GoneException):
            mgmt.get_connection(ConnectionId="AAAAAAAAAAAAAAA=")

    def test_data_size_both_sides(self, full: Chat, mgmt: Any) -> None:
        conn = connect(full)
        mgmt.post_to_connection(ConnectionId=conn.connection_id, Data=b"a" * 131072)
        assert len(conn.received[0]) == 131072
        with pytest.raises(mgmt.exceptions.PayloadTooLargeException) as caught:
            mgmt.post_to_connection(ConnectionId=conn.connection_id, Data=b"a" * 131073)
        assert error_of(caught)[2] == 413
        engine = full.cloud.engine("apigatewaymanagementapi")
        with pytest.raises(PayloadTooLargeException) as too_large:
            engine.post(conn.connection_id, b"a" * 131073)
        assert too_large.value.status == 413
        assert len(conn.received) == 1


def test_no_reply_after_the_handler_deleted_the_connection(full: Chat, mgmt: Any) -> None:
    full.route("bye", two_way=True)

    def bye(event: dict[str, Any]) -> Any:
        mgmt.delete_connection(ConnectionId=event["requestContext"]["connectionId"])
        return {"statusCode": 200, "body": "too late"}

    full.answers["bye"] = bye
    conn = connect(full)
    conn.send('{"action": "bye"}')
    assert conn.closed
    assert conn.received == []


class TestThroughBoto3:
    def test_a_handlers_boto3_reaches_the_connection(self, full: Chat) -> None:
        seen: dict[str, Any] = {}

        def broadcast(event: dict[str, Any]) -> Any:
            import boto3

            ctx = event["requestContext"]
            endpoint = f"https://{ctx['domainName']}/{ctx['stage']}"
            client = boto3.client(
                "apigatewaymanagementapi", endpoint_url=endpoint, region_name="us-east-1"
            )
            client.post_to_connection(ConnectionId=ctx["connectionId"], Data=b"pushed")
            seen["get"] = client.get_connection(ConnectionId=ctx["connectionId"])
            try:
                client.post_to_connection(ConnectionId="AAAAAAAAAAAAAAA=", Data=b"x")
            except client.exceptions.GoneException as err:
                seen["gone"] = err.response["ResponseMetadata"]["HTTPStatusCode"]
            client.delete_connection(ConnectionId=ctx["connectionId"])
            return {"statusCode": 200}

        full.answers["$default"] = broadcast
        conn = connect(full, headers={"User-Agent": "ua"})
        conn.send("go")
        assert conn.received == ["pushed"]
        assert seen["get"]["Identity"] == {"SourceIp": "127.0.0.1", "UserAgent": "ua"}
        assert seen["gone"] == 410
        assert conn.closed
        assert full.kinds()[-1] == ("DISCONNECT", "$disconnect")


_WORKER_CODE = """
import boto3


def handler(event, context):
    ctx = event["requestContext"]
    endpoint = "https://" + ctx["domainName"] + "/" + ctx["stage"]
    api = boto3.client("apigatewaymanagementapi", endpoint_url=endpoint, region_name="us-east-1")
    api.post_to_connection(ConnectionId=ctx["connectionId"], Data=b"from a worker")
    return {"statusCode": 200}
"""


def test_a_worker_process_handler_reaches_the_connection(
    cloud: Cloud, v2: Any, ws_api: str, tmp_path: Any
) -> None:
    (tmp_path / "app.py").write_text(_WORKER_CODE)
    fn = cloud.lambda_.create_function(
        "worker", handler="app.handler", code=str(tmp_path), isolation="process"
    )
    target = v2.create_integration(
        ApiId=ws_api, IntegrationType="AWS_PROXY", IntegrationUri=fn.arn
    )["IntegrationId"]
    v2.create_route(ApiId=ws_api, RouteKey="$default", Target=f"integrations/{target}")
    v2.create_stage(ApiId=ws_api, StageName="prod", AutoDeploy=True)
    conn = cloud.gateway.websocket_api(ws_api).connect("prod")
    conn.send("go")
    assert conn.received == ["from a worker"]

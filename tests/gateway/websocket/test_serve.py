"""WebSocket APIs over serve, with a real WebSocket client (the websockets library): a
chat (connect, broadcast through @connections from the handler's own boto3, disconnect)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.adapters.http import Server

websockets = pytest.importorskip("websockets")
from websockets.exceptions import ConnectionClosed, InvalidStatus  # noqa: E402
from websockets.sync.client import connect  # noqa: E402


def chat_handler(event: dict[str, Any], context: Any) -> Any:
    """The chat of AWS's tutorial: connection ids in a table, messages to everyone."""
    import boto3

    ctx = event["requestContext"]
    table = boto3.resource("dynamodb", region_name="us-east-1").Table("connections")
    route = ctx["routeKey"]
    if route == "$connect":
        name = (event.get("queryStringParameters") or {}).get("name", "?")
        table.put_item(Item={"id": ctx["connectionId"], "name": name})
    elif route == "$disconnect":
        table.delete_item(Key={"id": ctx["connectionId"]})
    elif route == "sendmessage":
        data = json.loads(event["body"])["data"]
        me = table.get_item(Key={"id": ctx["connectionId"]})["Item"]["name"]
        endpoint = f"https://{ctx['domainName']}/{ctx['stage']}"
        api = boto3.client(
            "apigatewaymanagementapi", endpoint_url=endpoint, region_name="us-east-1"
        )
        for item in table.scan()["Items"]:
            try:
                api.post_to_connection(ConnectionId=item["id"], Data=f"{me}: {data}".encode())
            except api.exceptions.GoneException:  # closed meanwhile: forget it
                table.delete_item(Key={"id": item["id"]})
    elif route == "whoami":
        return {"statusCode": 200, "body": ctx["connectionId"]}
    return {"statusCode": 200}


@pytest.fixture
def served() -> Iterator[tuple[Cloud, Server, str]]:
    with Cloud(clock=ManualClock(1_700_000_000), seed=3) as cloud:
        cloud.client("dynamodb").create_table(
            TableName="connections",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        v2 = cloud.client("apigatewayv2")
        api_id = v2.create_api(
            Name="chat", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action"
        )["ApiId"]
        fn = cloud.lambda_.create_function("chat", handler=chat_handler)
        target = v2.create_integration(
            ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationUri=fn.arn
        )["IntegrationId"]
        for key in ("$connect", "$disconnect", "sendmessage", "whoami"):
            route = v2.create_route(ApiId=api_id, RouteKey=key, Target=f"integrations/{target}")
            if key == "whoami":
                v2.create_route_response(
                    ApiId=api_id, RouteId=route["RouteId"], RouteResponseKey="$default"
                )
        v2.create_stage(ApiId=api_id, StageName="prod", AutoDeploy=True)
        with Server(cloud, websocket=True) as server:
            yield cloud, server, api_id


def ids(cloud: Cloud) -> set[str]:
    items = cloud.client("dynamodb").scan(TableName="connections")["Items"]
    return {item["id"]["S"] for item in items}


def test_chat_end_to_end(served: tuple[Cloud, Server, str]) -> None:
    cloud, server, api_id = served
    url = f"{server.ws_url}/{api_id}/prod"
    with connect(f"{url}?name=ann") as ann, connect(f"{url}?name=bob") as bob:
        assert len(ids(cloud)) == 2
        ann.send(json.dumps({"action": "sendmessage", "data": "hello"}))
        assert ann.recv(timeout=10) == "ann: hello"
        assert bob.recv(timeout=10) == "ann: hello"
        bob.send(json.dumps({"action": "whoami"}))
        bob_id = bob.recv(timeout=10)
        assert bob_id in ids(cloud)
        bob.close()
        assert server.websocket.wait_settled(open_connections=1)  # bob's $disconnect ran
        ann.send(json.dumps({"action": "sendmessage", "data": "alone"}))
        assert ann.recv(timeout=10) == "ann: alone"
        assert bob_id not in ids(cloud)
    assert server.websocket.wait_settled()  # $disconnect runs after the close handshake
    assert ids(cloud) == set()


def test_unknown_action_is_forbidden_over_the_wire(served: tuple[Cloud, Server, str]) -> None:
    _, server, api_id = served
    with connect(f"{server.ws_url}/{api_id}/prod") as ws:
        ws.send(json.dumps({"action": "nope"}))
        reply = json.loads(ws.recv(timeout=10))
        assert reply["message"] == "Forbidden"


def test_too_big_closes_with_1009(served: tuple[Cloud, Server, str]) -> None:
    _, server, api_id = served
    with connect(f"{server.ws_url}/{api_id}/prod") as ws:
        ws.send("a" * (128 * 1024 + 1))
        with pytest.raises(ConnectionClosed) as caught:
            ws.recv(timeout=10)
        assert caught.value.rcvd is not None
        assert caught.value.rcvd.code == 1009


def test_idle_timeout_on_the_clock_closes_the_socket(served: tuple[Cloud, Server, str]) -> None:
    cloud, server, api_id = served
    with connect(f"{server.ws_url}/{api_id}/prod") as ws:
        cloud.advance(600)
        with pytest.raises(ConnectionClosed) as caught:
            ws.recv(timeout=10)
        assert caught.value.rcvd is not None
        assert caught.value.rcvd.code == 1001
    assert ids(cloud) == set()


def test_unknown_stage_and_api_refuse_the_handshake(served: tuple[Cloud, Server, str]) -> None:
    _, server, api_id = served
    for path in (f"/{api_id}/dev", "/nope/prod", "/only-one-segment"):
        with pytest.raises(InvalidStatus) as caught:
            connect(f"{server.ws_url}{path}").close()
        assert caught.value.response.status_code == 403


def test_host_names_the_api(served: tuple[Cloud, Server, str]) -> None:
    cloud, server, api_id = served
    host = f"{api_id}.execute-api.us-east-1.amazonaws.com"
    with connect(f"{server.ws_url}/prod", additional_headers={"Host": host}) as ws:
        ws.send(json.dumps({"action": "whoami"}))
        assert ws.recv(timeout=10) in ids(cloud)


def test_connect_refusal_is_the_handshake_status(served: tuple[Cloud, Server, str]) -> None:
    cloud, server, api_id = served
    v2 = cloud.client("apigatewayv2")
    deny = cloud.lambda_.create_function("deny", handler=lambda event, context: {"statusCode": 401})
    target = v2.create_integration(
        ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationUri=deny.arn
    )["IntegrationId"]
    route = next(r for r in v2.get_routes(ApiId=api_id)["Items"] if r["RouteKey"] == "$connect")
    v2.update_route(ApiId=api_id, RouteId=route["RouteId"], Target=f"integrations/{target}")
    with pytest.raises(InvalidStatus) as caught:
        connect(f"{server.ws_url}/{api_id}/prod").close()
    assert caught.value.response.status_code == 401
    assert ids(cloud) == set()


def test_the_serve_command_listens_for_websockets() -> None:
    """``pyserverless serve`` names its WebSocket URL in the banner and answers there."""
    import re

    from tests.adapters.test_serve import _start, _stop

    proc, port, banner = _start("--quiet")
    try:
        found = re.search(
            r"WebSocket APIs on (ws://127\.0\.0\.1:\d+)/\{api-id\}/\{stage\}", banner[0]
        )
        assert found, banner[0]
        assert f"http://127.0.0.1:{port}" in banner[0]
        with pytest.raises(InvalidStatus) as caught:  # a fresh Cloud has no WebSocket API
            connect(f"{found.group(1)}/abcdefghij/prod", open_timeout=10).close()
        assert caught.value.response.status_code == 403
    finally:
        _stop(proc)


def test_connections_api_over_http(served: tuple[Cloud, Server, str]) -> None:
    """boto3 pointed at serve (with or without the stage in the endpoint) reaches
    @connections: post to a real client, read it, 410 for an unknown id."""
    import boto3

    _, server, api_id = served
    with connect(f"{server.ws_url}/{api_id}/prod?name=cy") as ws:
        ws.send(json.dumps({"action": "whoami"}))
        connection_id = ws.recv(timeout=10)
        for endpoint in (f"{server.url}/prod", server.url):
            client = boto3.client(
                "apigatewaymanagementapi",
                endpoint_url=endpoint,
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )
            client.post_to_connection(ConnectionId=connection_id, Data=b"over http")
            assert ws.recv(timeout=10) == "over http"
            assert client.get_connection(ConnectionId=connection_id)["Identity"]["SourceIp"]
        with pytest.raises(client.exceptions.GoneException) as caught:
            client.get_connection(ConnectionId="AAAAAAAAAAAAAAA=")
        assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 410

"""cloud.gateway.websocket_api(): found by id or name, else created; route() helpers."""

from __future__ import annotations

from typing import Any

from pyserverless import Cloud


def test_created_once_and_found_by_id_or_name(cloud: Cloud, v2: Any) -> None:
    v2.create_api(Name="chat", ProtocolType="HTTP")  # an HTTP API of that name is not it
    api = cloud.gateway.websocket_api("chat")
    assert cloud.gateway.websocket_api("chat").api_id == api.api_id
    assert cloud.gateway.websocket_api(api.api_id).api_id == api.api_id
    found = v2.get_api(ApiId=api.api_id)
    assert (found["ProtocolType"], found["RouteSelectionExpression"]) == (
        "WEBSOCKET",
        "$request.body.action",
    )
    stages = v2.get_stages(ApiId=api.api_id)["Items"]
    assert [(s["StageName"], s["AutoDeploy"]) for s in stages] == [("prod", True)]
    assert len([i for i in v2.get_apis()["Items"] if i["ProtocolType"] == "WEBSOCKET"]) == 1


def test_route_helper(cloud: Cloud) -> None:
    api = cloud.gateway.websocket_api("game", selection="$request.body.type")
    seen: list[str] = []

    def on_connect(event: dict[str, Any], context: Any) -> Any:
        seen.append(event["requestContext"]["eventType"])
        return {"statusCode": 200}

    api.route("$connect", on_connect)
    api.route("move", lambda e, c: {"statusCode": 200, "body": "moved"}, two_way=True)
    api.route("quiet", lambda e, c: {"statusCode": 200, "body": "unheard"})
    conn = api.connect()
    conn.send('{"type": "move"}')
    conn.send('{"type": "quiet"}')
    assert seen == ["CONNECT"]
    assert conn.received == ["moved"]
    assert repr(conn).endswith("open>")
    conn.close()
    assert repr(conn).endswith("closed 1000>")


def test_open_connections_by_api_and_stage(cloud: Cloud, v2: Any) -> None:
    api = cloud.gateway.websocket_api("a")
    other = cloud.gateway.websocket_api("b")
    for each in (api, other):
        each.route("$default", lambda e, c: {"statusCode": 200})
    v2.create_stage(ApiId=api.api_id, StageName="dev", AutoDeploy=True)
    first, second = api.connect(), api.connect("dev")
    elsewhere = other.connect()
    assert api.connections() == [first.connection_id, second.connection_id]
    assert api.connections("dev") == [second.connection_id]
    assert other.connections() == [elsewhere.connection_id]
    first.close()
    assert api.connections() == [second.connection_id]

"""The data plane: connections, routing, events, replies, authorizers and limits."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.gateway import ConnectionClosed, ConnectionRefused, WebSocketConnection

from .conftest import Chat

EVENTS = Path("/work/shared/reference/events")  # the shared reference, as the other event tests
FN = "arn:aws:lambda:us-east-1:123456789012:function:{}"
SHORT_ID = re.compile(r"[A-Za-z0-9+/]{15}=")


def sample(name: str) -> dict[str, Any]:
    return json.loads((EVENTS / f"apigw-websocket-request{name}.json").read_text())  # type: ignore[no-any-return]


def connect(chat: Chat, **kwargs: Any) -> WebSocketConnection:
    return chat.cloud.gateway.websocket_api(chat.api_id).connect("prod", **kwargs)


@pytest.fixture
def full(chat: Chat) -> Chat:
    """$connect, $disconnect, $default (one-way) and echo (two-way)."""
    for key in ("$connect", "$disconnect", "$default"):
        chat.route(key)
    chat.route("echo", two_way=True)
    chat.answers["echo"] = lambda e: {"statusCode": 200, "body": "echo:" + e["body"]}
    chat.deploy()
    return chat


class TestEventShapes:
    def test_connect_message_disconnect_match_the_samples(self, full: Chat) -> None:
        conn = connect(full, headers={"User-Agent": "pytest"}, query={"name": "me"})
        conn.send('{"action": "x"}')
        conn.close(1001, "bye")
        connect_event, message_event, disconnect_event = full.events
        connect_sample = sample("")
        for key in ("headers", "multiValueHeaders", "queryStringParameters", "requestContext"):
            assert key in connect_event
        assert connect_event["queryStringParameters"] == {"name": "me"}
        assert connect_event["multiValueQueryStringParameters"] == {"name": ["me"]}
        assert connect_event["isBase64Encoded"] is False
        wanted = {
            "routeKey", "eventType", "extendedRequestId", "requestTime", "messageDirection",
            "stage", "connectedAt", "requestTimeEpoch", "identity", "requestId", "domainName",
            "connectionId", "apiId",
        }  # fmt: skip
        assert wanted <= set(connect_sample["requestContext"])
        assert set(connect_event["requestContext"]) == wanted
        message_sample = sample("-send-message")
        assert set(message_event) == set(message_sample)
        assert set(message_event["requestContext"]) == set(message_sample["requestContext"])
        disconnect_sample = sample("-disconnect")
        assert set(disconnect_event) == set(disconnect_sample)
        assert set(disconnect_event["requestContext"]) == set(disconnect_sample["requestContext"])
        ctx = disconnect_event["requestContext"]
        assert (ctx["disconnectStatusCode"], ctx["disconnectReason"]) == (1001, "bye")

    def test_context_values(self, full: Chat) -> None:
        conn = connect(full, headers={"User-Agent": "pytest"}, source_ip="10.0.0.9")
        full.cloud.advance(2.5)
        conn.send("hello")
        connected, message = (e["requestContext"] for e in full.events)
        assert SHORT_ID.fullmatch(conn.connection_id)
        assert connected["connectionId"] == message["connectionId"] == conn.connection_id
        assert (connected["eventType"], message["eventType"]) == ("CONNECT", "MESSAGE")
        assert message["routeKey"] == "$default"
        assert SHORT_ID.fullmatch(message["messageId"])
        assert message["connectedAt"] == 1_700_000_000_000
        assert message["requestTimeEpoch"] == 1_700_000_002_500
        assert message["requestTime"] == "14/Nov/2023:22:13:22 +0000"
        assert message["identity"] == {"userAgent": "pytest", "sourceIp": "10.0.0.9"}
        assert message["domainName"] == f"{full.api_id}.execute-api.us-east-1.amazonaws.com"
        assert (message["stage"], message["apiId"]) == ("prod", full.api_id)
        assert full.events[1]["body"] == "hello"

    def test_stage_variables_reach_every_event(self, chat: Chat) -> None:
        for key in ("$connect", "$default", "$disconnect"):
            chat.route(key)
        chat.v2.create_stage(
            ApiId=chat.api_id, StageName="prod", AutoDeploy=True, StageVariables={"t": "x"}
        )
        conn = connect(chat)
        conn.send("m")
        conn.close()
        assert [e["stageVariables"] for e in chat.events] == [{"t": "x"}] * 3

    def test_binary_messages_arrive_base64(self, full: Chat) -> None:
        conn = connect(full)
        conn.send(b"\x00\xff")
        event = full.events[-1]
        assert event["isBase64Encoded"] is True
        assert base64.b64decode(event["body"]) == b"\x00\xff"


class TestRouting:
    def test_selection_expression_chooses_the_route(self, full: Chat) -> None:
        conn = connect(full)
        conn.send(json.dumps({"action": "echo", "n": 1}))
        conn.send(json.dumps({"action": "unknown"}))
        conn.send("not json")
        conn.send(json.dumps({"action": 5}))
        assert [k for _, k in full.kinds()][1:] == ["echo", "$default", "$default", "$default"]
        assert conn.received == ['echo:{"action": "echo", "n": 1}']  # $default is one-way

    def test_reserved_keys_are_never_selected(self, full: Chat) -> None:
        conn = connect(full)
        conn.send(json.dumps({"action": "$disconnect"}))
        assert full.kinds()[-1] == ("MESSAGE", "$default")
        assert not conn.closed

    def test_nested_selection(self, cloud: Cloud, v2: Any) -> None:
        api_id = v2.create_api(
            Name="n", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.m[1].k"
        )["ApiId"]
        chat = Chat(cloud, v2, api_id)
        chat.route("deep")
        chat.deploy()
        conn = connect(chat)
        conn.send(json.dumps({"m": [0, {"k": "deep"}]}))
        assert chat.kinds() == [("MESSAGE", "deep")]

    def test_no_route_answers_forbidden(self, chat: Chat) -> None:
        chat.route("echo")
        chat.deploy()
        conn = connect(chat)
        conn.send('{"action": "other"}')
        reply = json.loads(conn.received[0])
        assert reply["message"] == "Forbidden"
        assert reply["connectionId"] == conn.connection_id
        assert SHORT_ID.fullmatch(reply["requestId"])
        assert chat.events == []

    def test_handler_error_answers_internal_server_error(self, full: Chat) -> None:
        def boom(event: Any) -> Any:
            raise RuntimeError("boom")

        full.answers["$default"] = boom
        conn = connect(full)
        conn.send("x")
        assert json.loads(conn.received[0])["message"] == "Internal server error"
        assert not conn.closed

    def test_route_response_makes_a_route_two_way(self, full: Chat) -> None:
        full.answers["$default"] = lambda e: {"statusCode": 200, "body": "back"}
        conn = connect(full)
        conn.send("x")
        assert conn.received == []
        full.v2.create_route_response(
            ApiId=full.api_id, RouteId=full.routes["$default"], RouteResponseKey="$default"
        )
        conn.send("y")
        assert conn.received == ["back"]

    def test_disabled_endpoint_refuses_the_handshake(self, full: Chat) -> None:
        conn = connect(full)
        full.v2.update_api(ApiId=full.api_id, DisableExecuteApiEndpoint=True)
        with pytest.raises(ConnectionRefused) as caught:
            connect(full)
        assert caught.value.status == 403
        conn.send("x")  # an open connection's messages find no stage either
        assert json.loads(conn.received[-1])["message"] == "Forbidden"
        full.v2.update_api(ApiId=full.api_id, DisableExecuteApiEndpoint=False)
        connect(full)

    def test_no_stage_refuses_the_handshake(self, chat: Chat) -> None:
        chat.route("$default")
        with pytest.raises(ConnectionRefused) as caught:
            connect(chat)
        assert caught.value.status == 403


class TestConnect:
    def test_connect_status_refuses(self, full: Chat) -> None:
        full.answers["$connect"] = lambda e: {"statusCode": 401}
        with pytest.raises(ConnectionRefused) as caught:
            connect(full)
        assert caught.value.status == 401
        assert full.cloud.engine("apigatewaymanagementapi").connections == {}

    def test_connect_error_refuses_with_502(self, full: Chat) -> None:
        def boom(event: Any) -> Any:
            raise RuntimeError("no")

        full.answers["$connect"] = boom
        with pytest.raises(ConnectionRefused) as caught:
            connect(full)
        assert caught.value.status == 502

    def test_closed_connection_refuses_messages(self, full: Chat) -> None:
        conn = connect(full)
        conn.close()
        with pytest.raises(ConnectionClosed):
            conn.send("x")
        assert full.kinds()[-1] == ("DISCONNECT", "$disconnect")
        conn.close()  # a second close does nothing
        assert [k for k, _ in full.kinds()].count("DISCONNECT") == 1


class TestAuthorizer:
    @pytest.fixture
    def guarded(self, cloud: Cloud, chat: Chat) -> Chat:
        self.calls: list[dict[str, Any]] = []

        def decide(event: dict[str, Any], context: Any) -> Any:
            self.calls.append(event)
            token = {k.lower(): v for k, v in event["headers"].items()}.get("auth")
            if token == "raise":
                raise Exception("Unauthorized")
            effect = "Allow" if token == "good" else "Deny"
            return {
                "principalId": "user-1",
                "policyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Action": "execute-api:Invoke",
                            "Effect": effect,
                            "Resource": event["methodArn"],
                        }
                    ],
                },
                "context": {"tier": "gold", "n": 3},
            }

        fn = cloud.lambda_.create_function("auth", handler=decide)
        uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn.arn}/invocations"
        auth = chat.v2.create_authorizer(
            ApiId=chat.api_id,
            AuthorizerType="REQUEST",
            Name="a",
            AuthorizerUri=uri,
            IdentitySource=["route.request.header.Auth", "route.request.querystring.room"],
        )["AuthorizerId"]
        chat.route("$connect", AuthorizationType="CUSTOM", AuthorizerId=auth)
        chat.route("$default")
        chat.deploy()
        return chat

    def test_allowed_context_reaches_every_event(self, guarded: Chat) -> None:
        conn = connect(guarded, headers={"Auth": "good"}, query={"room": "1"})
        conn.send("x")
        event = self.calls[0]
        assert event["type"] == "REQUEST"
        assert event["methodArn"] == (
            f"arn:aws:execute-api:us-east-1:123456789012:{guarded.api_id}/prod/$connect"
        )
        assert event["queryStringParameters"] == {"room": "1"}
        for handled in guarded.events:
            assert handled["requestContext"]["authorizer"] == {
                "tier": "gold",
                "n": "3",
                "principalId": "user-1",
            }

    def test_deny_is_403(self, guarded: Chat) -> None:
        with pytest.raises(ConnectionRefused) as caught:
            connect(guarded, headers={"Auth": "bad"}, query={"room": "1"})
        assert caught.value.status == 403
        assert guarded.events == []

    def test_unauthorized_is_401(self, guarded: Chat) -> None:
        with pytest.raises(ConnectionRefused) as caught:
            connect(guarded, headers={"Auth": "raise"}, query={"room": "1"})
        assert caught.value.status == 401

    @pytest.mark.parametrize(
        ("headers", "query"),
        [({"Auth": "good"}, {}), ({}, {"room": "1"}), ({"Auth": ""}, {"room": "1"})],
    )
    def test_missing_identity_is_401_without_a_call(
        self, guarded: Chat, headers: dict[str, str], query: dict[str, str]
    ) -> None:
        with pytest.raises(ConnectionRefused) as caught:
            connect(guarded, headers=headers, query=query)
        assert caught.value.status == 401
        assert self.calls == []

    def test_header_names_are_case_insensitive(self, guarded: Chat) -> None:
        conn = connect(guarded, headers={"auth": "good"}, query={"room": "1"})
        assert not conn.closed


class TestPowertoolsModels:
    """aws-lambda-powertools' parser models of the three events: an independent oracle."""

    def test_events_parse(self, full: Chat) -> None:
        models = pytest.importorskip("aws_lambda_powertools.utilities.parser.models")
        conn = connect(full, headers={"User-Agent": "pytest"}, query={"q": "1"})
        conn.send('{"action": "echo"}')
        conn.send(b"\x01")
        conn.close(1000, "done")
        connect_event, text, binary, disconnect_event = full.events
        parsed = models.APIGatewayWebSocketConnectEventModel.model_validate(connect_event)
        assert parsed.request_context.event_type == "CONNECT"
        assert parsed.request_context.connection_id == conn.connection_id
        message = models.APIGatewayWebSocketMessageEventModel.model_validate(text)
        assert message.request_context.route_key == "echo"
        assert message.request_context.event_type == "MESSAGE"
        assert models.APIGatewayWebSocketMessageEventModel.model_validate(binary).is_base64_encoded
        gone = models.APIGatewayWebSocketDisconnectEventModel.model_validate(disconnect_event)
        assert gone.request_context.disconnect_status_code == 1000
        assert gone.request_context.disconnect_reason == "done"

"""REST Lambda authorizers (TOKEN and REQUEST): identity sources, events, policies, the
context the integration sees, and AWS's error answers (aws-facts C5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import (
    ApiGatewayAuthorizerRequest,
    ApiGatewayAuthorizerToken,
    APIGatewayProxyEventModel,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from pyserverless.gateway._runtime._types import GatewayRequest, Matched

from .conftest import (
    Gateway,
    Recorder,
    allow,
    arn,
    policy,
    request_spec,
    token_spec,
)

EVENTS = Path("/work/shared/reference/events")
DENY_MESSAGE = "User is not authorized to access this resource with an explicit deny"
NOT_ALLOWED = "User is not authorized to access this resource"


def sample(name: str) -> Any:
    path = EVENTS / name
    if not path.exists():
        pytest.skip(f"sample {name} not present")
    return json.loads(path.read_text())


class TestToken:
    def test_allowed_request_reaches_the_integration(self, gw: Gateway) -> None:
        """The TOKEN event is exactly AWS's; the context reaches requestContext.authorizer."""
        auth = Recorder(allow(context={"tenant": "t1", "n": 7, "ok": True, "none": None}))
        stage = gw.stage("REST", token_spec(gw.function(auth)))
        response = gw.call(stage, headers={"Authorization": "tok-1"})
        assert response.status == 200
        assert auth.events == [
            {"type": "TOKEN", "authorizationToken": "tok-1", "methodArn": arn("/pets/1")}
        ]
        ApiGatewayAuthorizerToken.model_validate(auth.events[0])
        assert set(auth.events[0]) == set(sample("apiGatewayAuthorizerTokenEvent.json"))
        event = gw.backend.events[0]
        APIGatewayProxyEventModel.model_validate(event)
        authorizer = event["requestContext"]["authorizer"]
        latency = authorizer.pop("integrationLatency")
        assert isinstance(latency, int) and latency >= 0
        assert authorizer == {
            "tenant": "t1",
            "n": "7",
            "ok": "true",
            "none": None,
            "principalId": "user-1",
        }

    @pytest.mark.parametrize("headers", [{}, {"Authorization": ""}, {"Other": "x"}])
    def test_missing_or_empty_token_is_401_without_invoking(
        self, gw: Gateway, headers: dict[str, str]
    ) -> None:
        auth = Recorder(allow())
        stage = gw.stage("REST", token_spec(gw.function(auth)))
        response = gw.call(stage, headers=headers)
        assert (response.status, response.json()) == (401, {"message": "Unauthorized"})
        assert response.header("x-amzn-ErrorType") == "UnauthorizedException"
        assert auth.events == [] and gw.backend.events == []

    def test_header_name_is_case_insensitive(self, gw: Gateway) -> None:
        stage = gw.stage("REST", token_spec(gw.function(Recorder(allow()))))
        assert gw.call(stage, headers={"authorization": "t"}).status == 200

    @pytest.mark.parametrize(
        ("token", "invoked"),
        [("Bearer abc", True), ("Bearer ", False), ("bearer abc", False), ("xBearer abc", False)],
    )
    def test_validation_expression_is_matched_whole(
        self, gw: Gateway, token: str, invoked: bool
    ) -> None:
        """identityValidationExpression must match the whole token, or 401 before invoking."""
        auth = Recorder(allow())
        spec = token_spec(gw.function(auth), validation_expression=r"Bearer [a-z]+")
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": token})
        assert response.status == (200 if invoked else 401)
        assert len(auth.events) == (1 if invoked else 0)

    def test_raising_unauthorized_is_401(self, gw: Gateway) -> None:
        def handler(event: Any, context: Any) -> Any:
            raise Exception("Unauthorized")

        response = gw.call(gw.stage("REST", token_spec(gw.function(handler))), headers={"A": "1"})
        # no Authorization header: 401 without invoking; now with it:
        assert response.status == 401
        response = gw.call(
            gw.stage("REST", token_spec(gw.function(handler))), headers={"Authorization": "t"}
        )
        assert (response.status, response.json()) == (401, {"message": "Unauthorized"})
        assert gw.invocations == 1

    def test_returning_unauthorized_is_401(self, gw: Gateway) -> None:
        spec = token_spec(gw.function(Recorder("Unauthorized")))
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": "t"})
        assert (response.status, response.json()) == (401, {"message": "Unauthorized"})

    def test_other_failure_is_500_configuration_error(self, gw: Gateway) -> None:
        def handler(event: Any, context: Any) -> Any:
            raise ValueError("Unauthorized: expired")  # not exactly "Unauthorized"

        spec = token_spec(gw.function(handler))
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": "t"})
        assert (response.status, response.json()) == (500, {"message": None})
        assert response.header("x-amzn-ErrorType") == "AuthorizerConfigurationException"
        assert gw.backend.events == []

    def test_unknown_function_is_500(self, gw: Gateway) -> None:
        spec = token_spec("arn:aws:lambda:us-east-1:123456789012:function:nope")
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": "t"})
        assert response.status == 500

    def test_function_arn_with_stage_variable(self, gw: Gateway) -> None:
        """``${stageVariables.x}`` in the authorizer's function is substituted."""
        gw.function(Recorder(allow()))  # auth1
        spec = token_spec("arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.authFn}")
        stage = gw.stage("REST", spec, stage_variables={"authFn": "auth1"})
        assert gw.call(stage, headers={"Authorization": "t"}).status == 200


class TestPolicy:
    def test_explicit_deny(self, gw: Gateway) -> None:
        spec = token_spec(gw.function(Recorder(policy("Deny", "*"))))
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": "t"})
        assert (response.status, response.json()) == (403, {"Message": DENY_MESSAGE})
        assert gw.backend.events == []

    def test_deny_wins_over_allow(self, gw: Gateway) -> None:
        answer = allow("*")
        answer["policyDocument"]["Statement"].append(
            {"Action": "execute-api:Invoke", "Effect": "Deny", "Resource": arn("/pets/*")}
        )
        spec = token_spec(gw.function(Recorder(answer)))
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": "t"})
        assert response.json() == {"Message": DENY_MESSAGE}

    def test_no_matching_allow(self, gw: Gateway) -> None:
        spec = token_spec(gw.function(Recorder(allow(arn("/other")))))
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": "t"})
        assert (response.status, response.json()) == (403, {"Message": NOT_ALLOWED})

    @pytest.mark.parametrize(
        ("action", "allowed"),
        [
            ("execute-api:Invoke", True),
            ("execute-api:invoke", True),
            ("execute-api:*", True),
            ("*", True),
            (["s3:GetObject", "execute-api:Invoke"], True),
            ("execute-api:ManageConnections", False),
            ("s3:*", False),
        ],
    )
    def test_actions(self, gw: Gateway, action: Any, allowed: bool) -> None:
        answer = allow("*")
        answer["policyDocument"]["Statement"][0]["Action"] = action
        spec = token_spec(gw.function(Recorder(answer)))
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": "t"})
        assert response.status == (200 if allowed else 403)

    @pytest.mark.parametrize(
        ("resource", "path", "allowed"),
        [
            (arn("/pets/1"), "/pets/1", True),
            (arn("/pets/1"), "/pets/2", False),
            (arn("/pets/*"), "/pets/12", True),
            (arn("/pets/?"), "/pets/1", True),
            (arn("/pets/?"), "/pets/12", False),
            (f"arn:aws:execute-api:us-east-1:123456789012:{'a1b2c3d4e5'}/*/GET/*", "/pets/9", True),
            (arn("/pets/*", method="POST"), "/pets/1", False),
            (arn("/PETS/1"), "/pets/1", False),
            ([arn("/x"), arn("/pets/3")], "/pets/3", True),
        ],
    )
    def test_resources_with_wildcards(
        self, gw: Gateway, resource: Any, path: str, allowed: bool
    ) -> None:
        spec = token_spec(gw.function(Recorder(allow(resource))), ttl_seconds=0)
        response = gw.call(gw.stage("REST", spec), path=path, headers={"Authorization": "t"})
        assert response.status == (200 if allowed else 403)

    @pytest.mark.parametrize(
        ("statement", "allowed"),
        [
            ({"Effect": "Allow", "Action": "*", "NotResource": arn("/other")}, True),
            ({"Effect": "Allow", "Action": "*", "NotResource": arn("/pets/*")}, False),
            ({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}, True),
            ({"Effect": "Allow", "NotAction": "execute-api:*", "Resource": "*"}, False),
        ],
    )
    def test_not_action_and_not_resource(
        self, gw: Gateway, statement: dict[str, Any], allowed: bool
    ) -> None:
        answer = {"principalId": "u", "policyDocument": {"Statement": [statement]}}
        spec = token_spec(gw.function(Recorder(answer)))
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": "t"})
        assert response.status == (200 if allowed else 403)

    @pytest.mark.parametrize(("extra", "status"), [(0, 200), (1, 414)])
    def test_method_arn_limit(self, gw: Gateway, extra: int, status: int) -> None:
        """A method ARN of 1,600 bytes is authorized; one byte more is 414 (the function
        is not invoked)."""
        auth = Recorder(allow())
        stage = gw.stage("REST", token_spec(gw.function(auth)), paths=(("GET", "/{proxy+}"),))
        head = len(arn("/"))
        path = "/" + "p" * (1600 - head + extra)
        assert len(arn(path)) == 1600 + extra
        response = gw.call(stage, path=path, headers={"Authorization": "t"})
        assert response.status == status
        assert len(auth.events) == (1 if status == 200 else 0)

    def test_root_method_arn(self, gw: Gateway) -> None:
        auth = Recorder(allow(arn("/")))
        stage = gw.stage("REST", token_spec(gw.function(auth)), paths=(("GET", "/"),))
        assert gw.call(stage, path="/", headers={"Authorization": "t"}).status == 200
        assert auth.events[0]["methodArn"].endswith("/prod/GET/")

    def test_statement_as_a_single_object(self, gw: Gateway) -> None:
        answer = allow("*")
        answer["policyDocument"]["Statement"] = answer["policyDocument"]["Statement"][0]
        spec = token_spec(gw.function(Recorder(answer)))
        assert gw.call(gw.stage("REST", spec), headers={"Authorization": "t"}).status == 200

    @pytest.mark.parametrize(
        "answer",
        [
            {"policyDocument": allow()["policyDocument"]},  # no principalId
            {"principalId": 5, "policyDocument": allow()["policyDocument"]},
            {"principalId": "u"},  # no policy
            {"principalId": "u", "policyDocument": {"Statement": []}},
            {"principalId": "u", "policyDocument": "x"},
            policy("allow", "*"),  # Effect is case-sensitive
            policy("Allow", 5),  # type: ignore[arg-type]
            {"principalId": "u", "policyDocument": {"Statement": [{"Effect": "Allow"}]}},
            {
                "principalId": "u",
                "policyDocument": {
                    "Statement": [
                        {"Effect": "Allow", "Action": "*", "NotAction": "*", "Resource": "*"}
                    ]
                },
            },
            allow(context={"nested": {"a": 1}}),
            allow(context={"list": [1]}),
            allow(context="x"),
            allow(usageIdentifierKey=12),
            {  # a Condition operator not evaluated: refused rather than ignored
                "principalId": "u",
                "policyDocument": {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "*",
                            "Resource": "*",
                            "Condition": {"ForAnyValue:StringEquals": {"aws:SourceIp": "x"}},
                        }
                    ]
                },
            },
            ["not", "an", "object"],
            None,
        ],
    )
    def test_malformed_output_is_500(self, gw: Gateway, answer: Any) -> None:
        spec = token_spec(gw.function(Recorder(answer)))
        response = gw.call(gw.stage("REST", spec), headers={"Authorization": "t"})
        assert (response.status, response.json()) == (500, {"message": None})
        assert gw.backend.events == []

    def test_usage_identifier_key_in_the_outcome(self, gw: Gateway) -> None:
        spec = token_spec(gw.function(Recorder(allow(usageIdentifierKey="key-value-1"))))
        stage = gw.stage("REST", spec)
        outcome = gw.engine.authorizers.authorize(
            stage,
            Matched(stage.routes[0], {"id": "1"}),
            GatewayRequest("GET", "/pets/1", headers=(("Authorization", "t"),)),
            gw.cloud.clock.now(),
        )
        assert outcome.error is None
        assert outcome.usage_identifier_key == "key-value-1"
        assert outcome.principal_id == "user-1"


class TestRequest:
    SOURCES = (
        "method.request.header.X-User",
        "method.request.querystring.tenant",
        "stageVariables.zone",
        "context.httpMethod",
    )

    def test_event_shape(self, gw: Gateway) -> None:
        """The REQUEST event: the proxy event's request fields, type and methodArn."""
        auth = Recorder(allow())
        stage = gw.stage(
            "REST", request_spec(gw.function(auth), *self.SOURCES), stage_variables={"zone": "z"}
        )
        response = gw.call(
            stage, headers={"X-User": "ann", "Accept": "*/*"}, query="tenant=t1&tenant=t2"
        )
        assert response.status == 200
        event = auth.events[0]
        ApiGatewayAuthorizerRequest.model_validate(event)
        expected = set(sample("apiGatewayAuthorizerRequestEvent.json")) - {
            "version",
            "identitySource",
            "authorizationToken",
        }
        # the sample (an HTTP API's 1.0 event) has no multiValueQueryStringParameters;
        # a REST REQUEST event has it (aws-facts C5)
        assert set(event) == expected | {"multiValueQueryStringParameters"}
        assert list(event)[:2] == ["type", "methodArn"]
        assert event["type"] == "REQUEST" and event["methodArn"] == arn("/pets/1")
        assert event["resource"] == "/pets/{id}" and event["path"] == "/pets/1"
        assert event["pathParameters"] == {"id": "1"}
        assert event["queryStringParameters"] == {"tenant": "t2"}
        assert event["multiValueQueryStringParameters"] == {"tenant": ["t1", "t2"]}
        assert event["stageVariables"] == {"zone": "z"}
        assert "authorizer" not in event["requestContext"]
        assert "body" not in event
        backend = gw.backend.events[0]
        assert backend["requestContext"]["requestId"] == event["requestContext"]["requestId"]

    def test_empty_maps_are_objects(self, gw: Gateway) -> None:
        auth = Recorder(allow())
        stage = gw.stage("REST", request_spec(gw.function(auth)), paths=(("GET", "/pets/1"),))
        assert gw.call(stage).status == 200
        event = auth.events[0]
        for name in ("queryStringParameters", "pathParameters", "stageVariables"):
            assert event[name] == {}, name
        # Only what AWS's front end adds (Host, X-Amzn-Trace-Id, X-Forwarded-*).
        assert "Host" in event["headers"] and len(event["headers"]) == 5

    @pytest.mark.parametrize("missing", range(4))
    def test_each_missing_source_is_401(self, gw: Gateway, missing: int) -> None:
        auth = Recorder(allow())
        variables = {} if missing == 2 else {"zone": "z"}
        stage = gw.stage(
            "REST", request_spec(gw.function(auth), *self.SOURCES), stage_variables=variables
        )
        headers = {} if missing == 0 else {"X-User": "ann"}
        query = "" if missing == 1 else "tenant=t1"
        if missing == 3:  # an empty value counts as missing
            headers = {"X-User": ""}
        response = gw.call(stage, headers=headers, query=query)
        assert (response.status, response.json()) == (401, {"message": "Unauthorized"})
        assert auth.events == []

    def test_no_sources_invokes_every_time(self, gw: Gateway) -> None:
        auth = Recorder(allow())
        stage = gw.stage("REST", request_spec(gw.function(auth), ttl_seconds=0))
        for _ in range(3):
            assert gw.call(stage).status == 200
        assert len(auth.events) == 3

    def test_unknown_context_variable_is_missing(self, gw: Gateway) -> None:
        auth = Recorder(allow())
        stage = gw.stage("REST", request_spec(gw.function(auth), "context.nothingHere"))
        assert gw.call(stage).status == 401


class TestGatewayResponses:
    """The stage's gateway responses customise the authorizers' answers by type."""

    @pytest.mark.parametrize(
        ("answer", "response_type", "message"),
        [
            (policy("Deny", "*"), "ACCESS_DENIED", DENY_MESSAGE),
            (allow("arn:none"), "ACCESS_DENIED", NOT_ALLOWED),
            ("Unauthorized", "UNAUTHORIZED", "Unauthorized"),
            ({"bad": 1}, "AUTHORIZER_CONFIGURATION_ERROR", None),
        ],
    )
    def test_custom_template(
        self, gw: Gateway, answer: Any, response_type: str, message: str | None
    ) -> None:
        from pyserverless.gateway._deployed import GatewayResponseSpec

        custom = GatewayResponseSpec(
            response_type,
            status_code="418",
            response_parameters={"gatewayresponse.header.X-Why": "'auth'"},
            response_templates={
                "application/json": '{"why": $context.error.messageString, '
                '"type": "$context.error.responseType"}'
            },
        )
        spec = token_spec(gw.function(Recorder(answer)))
        stage = gw.stage("REST", spec, gateway_responses={response_type: custom})
        response = gw.call(stage, headers={"Authorization": "t"})
        assert response.status == 418 and response.header("X-Why") == "auth"
        assert response.json() == {"why": message, "type": response_type}


ANSWER: list[Any] = [None]


def answering(event: Any, context: Any) -> Any:
    """Answers whatever the property put in ANSWER (a plain function: one per module)."""
    return ANSWER[0]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
STATEMENT = st.fixed_dictionaries(
    {"Effect": st.sampled_from(["Allow", "Deny", "allow", 1])},
    optional={
        "Action": st.sampled_from(["*", "execute-api:Invoke", ["x"], 3, []]),
        "NotAction": st.sampled_from(["s3:*", ["a"]]),
        "Resource": st.sampled_from(["*", arn("/pets/1"), arn("/x"), [], None]),
        "NotResource": st.sampled_from([arn("/x")]),
        "Condition": JSON,
    },
)
ANSWERS = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {"principalId": st.one_of(st.text(max_size=5), JSON)},
        optional={
            "policyDocument": st.one_of(
                JSON, st.fixed_dictionaries({"Statement": st.lists(STATEMENT, max_size=3)})
            ),
            "context": JSON,
            "usageIdentifierKey": JSON,
        },
    ),
)


@pytest.fixture(scope="module")
def fuzz_gateway() -> Any:
    from pyserverless import Cloud, ManualClock

    from .conftest import START

    with Cloud(clock=ManualClock(START), seed=1) as cloud:
        gw = Gateway(cloud)
        yield gw, gw.stage("REST", token_spec(gw.function(answering), ttl_seconds=0))


@settings(max_examples=150, deadline=None)
@given(ANSWERS)
def test_any_answer_is_decided(fuzz_gateway: Any, answer: Any) -> None:
    """Whatever the function answers, the gateway decides: 200, 401, 403 or 500 (never a
    bare error), and only an answer with an Allow reaches the integration."""
    gw, stage = fuzz_gateway
    ANSWER[0] = answer
    before = len(gw.backend.events)
    response = gw.call(stage, headers={"Authorization": "t"})
    assert response.status in (200, 401, 403, 500)
    assert (len(gw.backend.events) > before) == (response.status == 200)

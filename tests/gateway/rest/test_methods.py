"""Methods, method responses, integrations and integration responses, through both clients."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud

LAMBDA_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:f/invocations"
)


def where(ids: dict[str, str], verb: str = "GET") -> dict[str, str]:
    return {"restApiId": ids["api"], "resourceId": ids["item"], "httpMethod": verb}


class TestMethods:
    def test_put_get_delete(self, gw: Any, simple_api: Any, refused: Any) -> None:
        ids = simple_api(gw)
        at = where(ids, "POST")
        method = gw.put_method(
            **at,
            authorizationType="NONE",
            apiKeyRequired=True,
            operationName="addItem",
            requestParameters={
                "method.request.querystring.q": True,
                "method.request.header.X-A": False,
            },
        )
        assert method["httpMethod"] == "POST" and method["apiKeyRequired"] is True
        assert method["requestParameters"] == {
            "method.request.querystring.q": True,
            "method.request.header.X-A": False,
        }
        assert gw.get_method(**at)["operationName"] == "addItem"
        message = refused(gw.put_method, "ConflictException", **at, authorizationType="NONE")
        assert message == "Method already exists for this resource"
        gw.delete_method(**at)
        refused(gw.get_method, "NotFoundException", "Invalid Method identifier specified", **at)
        refused(gw.delete_method, "NotFoundException", **at)

    def test_any_and_bad_verbs(self, gw: Any, simple_api: Any, refused: Any) -> None:
        ids = simple_api(gw)
        assert gw.put_method(**where(ids, "ANY"), authorizationType="NONE")["httpMethod"] == "ANY"
        refused(
            gw.put_method, "BadRequestException", **where(ids, "FETCH"), authorizationType="NONE"
        )
        refused(
            gw.put_method, "BadRequestException", **where(ids, "PUT"), authorizationType="MAGIC"
        )
        refused(
            gw.put_method,
            "BadRequestException",
            **where(ids, "PUT"),
            authorizationType="NONE",
            requestParameters={"querystring.q": True},
        )
        methods = gw.get_resource(restApiId=ids["api"], resourceId=ids["item"])["resourceMethods"]
        assert set(methods) == {"GET", "ANY"}

    def test_authorization_needs_a_matching_authorizer(
        self, gw: Any, simple_api: Any, refused: Any
    ) -> None:
        ids = simple_api(gw)
        token = gw.create_authorizer(
            restApiId=ids["api"],
            name="t",
            type="TOKEN",
            authorizerUri=LAMBDA_URI,
            identitySource="method.request.header.Authorization",
        )
        refused(
            gw.put_method, "BadRequestException", **where(ids, "PUT"), authorizationType="CUSTOM"
        )
        refused(
            gw.put_method,
            "BadRequestException",
            **where(ids, "PUT"),
            authorizationType="COGNITO_USER_POOLS",
            authorizerId=token["id"],
        )
        refused(
            gw.put_method,
            "BadRequestException",
            **where(ids, "PUT"),
            authorizationType="CUSTOM",
            authorizerId=token["id"],
            authorizationScopes=["read"],
        )
        method = gw.put_method(
            **where(ids, "PUT"), authorizationType="CUSTOM", authorizerId=token["id"]
        )
        assert method["authorizerId"] == token["id"]

    def test_update_method(self, gw: Any, simple_api: Any, refused: Any) -> None:
        ids = simple_api(gw)
        updated = gw.update_method(
            **where(ids),
            patchOperations=[
                {"op": "replace", "path": "/apiKeyRequired", "value": "true"},
                {
                    "op": "add",
                    "path": "/requestParameters/method.request.header.X-Id",
                    "value": "true",
                },
                {"op": "replace", "path": "/operationName", "value": "getItem"},
            ],
        )
        assert updated["apiKeyRequired"] is True and updated["operationName"] == "getItem"
        assert updated["requestParameters"] == {"method.request.header.X-Id": True}
        # AWS reads any text but "true" as false (localstack's AWS-validated snapshot)
        lenient = [{"op": "replace", "path": "/apiKeyRequired", "value": "maybe"}]
        assert gw.update_method(**where(ids), patchOperations=lenient)["apiKeyRequired"] is False
        refused(
            gw.update_method,
            "BadRequestException",
            **where(ids),
            patchOperations=[{"op": "replace", "path": "/authorizationType", "value": "CUSTOM"}],
        )
        assert gw.get_method(**where(ids))["authorizationType"] == "NONE"


class TestMethodResponses:
    def test_put_get_update_delete(self, gw: Any, simple_api: Any, refused: Any) -> None:
        ids = simple_api(gw)
        response = gw.put_method_response(
            **where(ids), statusCode="200", responseParameters={"method.response.header.X": False}
        )
        assert response == {
            "statusCode": "200",
            "responseParameters": {"method.response.header.X": False},
            "responseModels": {},  # shown even empty (localstack AWS-validated snapshot)
            "ResponseMetadata": response["ResponseMetadata"],
        }
        refused(gw.put_method_response, "ConflictException", **where(ids), statusCode="200")
        refused(  # the statusCode member's pattern (localstack AWS-validated snapshot)
            gw.put_method_response,
            "ValidationException",
            "1 validation error detected: Value '600' at 'statusCode' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
            **where(ids),
            statusCode="600",
        )
        add = {"op": "add", "path": "/responseModels/application~1json", "value": "Empty"}
        updated = gw.update_method_response(**where(ids), statusCode="200", patchOperations=[add])
        assert updated["responseModels"] == {"application/json": "Empty"}
        assert gw.get_method(**where(ids))["methodResponses"]["200"]["statusCode"] == "200"
        gw.delete_method_response(**where(ids), statusCode="200")
        refused(gw.get_method_response, "NotFoundException", **where(ids), statusCode="200")


class TestIntegrations:
    def test_lambda_proxy(self, gw: Any, simple_api: Any) -> None:
        ids = simple_api(gw)
        integration = gw.get_integration(**where(ids))
        assert integration["type"] == "AWS_PROXY" and integration["httpMethod"] == "POST"
        assert integration["uri"] == LAMBDA_URI
        assert integration["timeoutInMillis"] == 29_000
        assert integration["passthroughBehavior"] == "WHEN_NO_MATCH"
        assert integration["cacheNamespace"] == ids["item"]

    def test_stage_variable_in_the_uri(self, gw: Any, simple_api: Any) -> None:
        ids = simple_api(gw)
        uri = LAMBDA_URI.replace("function:f", "function:${stageVariables.fn}")
        found = gw.put_integration(
            **where(ids), type="AWS_PROXY", integrationHttpMethod="POST", uri=uri
        )
        assert found["uri"] == uri

    @pytest.mark.parametrize(
        ("kind", "words"),
        [
            ("AWS", "AWS ARN for integration must contain path or action"),
            ("HTTP", "cloud.gateway.backend('https://example.com', app)"),
            ("HTTP_PROXY", "cloud.gateway.backend('https://example.com', app)"),
        ],
    )
    def test_unreachable_targets_are_refused_and_not_stored(
        self, gw: Any, simple_api: Any, refused: Any, kind: str, words: str
    ) -> None:
        """An AWS URI that is not an ARN, or a URL no backend is registered for (issue 21)."""
        ids = simple_api(gw)
        message = refused(
            gw.put_integration,
            "BadRequestException",
            **where(ids),
            type=kind,
            integrationHttpMethod="GET",
            uri="https://example.com/",
        )
        assert words in message
        assert gw.get_integration(**where(ids))["type"] == "AWS_PROXY"

    def test_proxy_needs_a_lambda_uri_and_post(
        self, gw: Any, simple_api: Any, refused: Any
    ) -> None:
        ids = simple_api(gw)
        refused(
            gw.put_integration,
            "BadRequestException",
            **where(ids),
            type="AWS_PROXY",
            integrationHttpMethod="POST",
        )
        refused(
            gw.put_integration,
            "BadRequestException",
            **where(ids),
            type="AWS_PROXY",
            integrationHttpMethod="POST",
            uri="arn:aws:apigateway:us-east-1:s3:path/bucket",
        )
        refused(
            gw.put_integration,
            "BadRequestException",
            **where(ids),
            type="AWS_PROXY",
            integrationHttpMethod="GET",
            uri=LAMBDA_URI,
        )

    def test_timeout_both_sides(self, gw: Any, simple_api: Any, refused: Any) -> None:
        ids = simple_api(gw)
        common = {
            **where(ids),
            "type": "AWS_PROXY",
            "integrationHttpMethod": "POST",
            "uri": LAMBDA_URI,
        }
        assert gw.put_integration(**common, timeoutInMillis=50)["timeoutInMillis"] == 50
        assert gw.put_integration(**common, timeoutInMillis=29_000)["timeoutInMillis"] == 29_000
        refused(gw.put_integration, "BadRequestException", **common, timeoutInMillis=49)
        refused(gw.put_integration, "BadRequestException", **common, timeoutInMillis=29_001)
        assert gw.get_integration(**where(ids))["timeoutInMillis"] == 29_000

    def test_timeout_limit_is_configurable(self, refused: Any, simple_api: Any) -> None:
        client = Cloud.manual(limits={"apigateway": {"max_integration_timeout_ms": 60_000}}).client(
            "apigateway"
        )
        ids = simple_api(client)
        common = {
            **where(ids),
            "type": "AWS_PROXY",
            "integrationHttpMethod": "POST",
            "uri": LAMBDA_URI,
        }
        assert client.put_integration(**common, timeoutInMillis=60_000)["timeoutInMillis"] == 60_000
        refused(client.put_integration, "BadRequestException", **common, timeoutInMillis=60_001)

    def test_mock_with_responses(self, gw: Any, simple_api: Any, refused: Any) -> None:
        ids = simple_api(gw)
        mock = gw.put_integration(
            **where(ids), type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
        )
        assert mock["type"] == "MOCK" and "uri" not in mock
        refused(gw.put_integration_response, "NotFoundException", **where(ids), statusCode="200")
        gw.put_method_response(**where(ids), statusCode="200")
        response = gw.put_integration_response(
            **where(ids),
            statusCode="200",
            selectionPattern="",
            responseTemplates={"application/json": '{"ok": true}'},
        )
        assert response["selectionPattern"] == ""
        updated = gw.update_integration_response(
            **where(ids),
            statusCode="200",
            patchOperations=[{"op": "replace", "path": "/selectionPattern", "value": "2\\d{2}"}],
        )
        assert updated["selectionPattern"] == "2\\d{2}"
        got = gw.get_integration(**where(ids))["integrationResponses"]["200"]
        assert got["responseTemplates"] == {"application/json": '{"ok": true}'}
        gw.delete_integration_response(**where(ids), statusCode="200")
        refused(gw.get_integration_response, "NotFoundException", **where(ids), statusCode="200")

    def test_update_and_delete(self, gw: Any, simple_api: Any, refused: Any) -> None:
        ids = simple_api(gw)
        updated = gw.update_integration(
            **where(ids),
            patchOperations=[{"op": "replace", "path": "/timeoutInMillis", "value": "1000"}],
        )
        assert updated["timeoutInMillis"] == 1000
        refused(
            gw.update_integration,
            "BadRequestException",
            **where(ids),
            patchOperations=[{"op": "replace", "path": "/timeoutInMillis", "value": "30000"}],
        )
        refused(
            gw.update_integration,
            "BadRequestException",
            **where(ids),
            patchOperations=[{"op": "replace", "path": "/uri", "value": "arn:aws:s3:::bucket"}],
        )
        assert gw.get_integration(**where(ids))["timeoutInMillis"] == 1000
        gw.delete_integration(**where(ids))
        refused(gw.get_integration, "NotFoundException", **where(ids))

"""AWS_IAM routes: a valid SigV4 signature for execute-api from a known access key is
allowed (policy evaluation comes with IAM); AWS's 403 answers otherwise (aws-facts C6)."""

from __future__ import annotations

from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import (
    APIGatewayProxyEventModel,
    APIGatewayProxyEventV2Model,
)
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from pyserverless.adapters._sigv4 import sign

from .conftest import ACCOUNT, API, Gateway

HOST = f"{API}.execute-api.us-east-1.amazonaws.com"
BAD = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. Consult the service "
    "documentation for details."
)


def botocore_signed(
    method: str, url: str, body: bytes = b"", key: str = "testing", secret: str = "testing"
) -> tuple[tuple[str, str], ...]:
    """Headers as botocore's own signer writes them (an SDK caller)."""
    request = AWSRequest(method=method, url=url, data=body)
    SigV4Auth(Credentials(key, secret), "execute-api", "us-east-1").add_auth(request)
    return tuple((k, str(v)) for k, v in request.headers.items())


class TestRest:
    def stage(self, gw: Gateway) -> Any:
        return gw.stage("REST", None, authorization="AWS_IAM")

    def test_signed_by_botocore(self, gw: Gateway) -> None:
        headers = botocore_signed("GET", f"https://{HOST}/prod/pets/1")
        response = gw.call(self.stage(gw), headers=headers)
        assert response.status == 200

    def test_identity_in_the_event(self, gw: Gateway) -> None:
        """requestContext.identity names the caller (the account, as STS says until IAM);
        there is no requestContext.authorizer."""
        headers = botocore_signed("GET", f"https://{HOST}/prod/pets/1")
        assert gw.call(self.stage(gw), headers=headers).status == 200
        context = gw.backend.events[0]["requestContext"]
        identity = context["identity"]
        assert identity["accessKey"] == "testing"
        assert identity["accountId"] == identity["caller"] == identity["user"] == ACCOUNT
        assert identity["userArn"] == f"arn:aws:iam::{ACCOUNT}:root"
        assert "authorizer" not in context
        APIGatewayProxyEventModel.model_validate(gw.backend.events[0])

    def test_signed_with_a_query_and_body(self, gw: Gateway) -> None:
        headers = botocore_signed("POST", f"https://{HOST}/prod/pets/1?a=1&b=2", b'{"x":1}')
        response = gw.call(
            self.stage(gw), "POST", headers=headers, query="a=1&b=2", body=b'{"x":1}'
        )
        assert response.status == 200

    def test_missing_signature(self, gw: Gateway) -> None:
        response = gw.call(self.stage(gw))
        assert (response.status, response.json()) == (
            403,
            {"message": "Missing Authentication Token"},
        )
        assert response.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException"
        assert gw.backend.events == []

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ("body", BAD),
            ("path", BAD),
            ("secret", BAD),
            ("key", "The security token included in the request is invalid."),
        ],
    )
    def test_bad_signature(self, gw: Gateway, change: str, message: str) -> None:
        url = f"https://{HOST}/prod/pets/1"
        body = b"{}"
        key, secret = "testing", "testing"
        if change == "secret":
            secret = "wrong"
        if change == "key":
            key = "AKIDUNKNOWN"
        headers = botocore_signed("POST", url, body, key, secret)
        path = "/pets/2" if change == "path" else "/pets/1"
        sent = b"{ }" if change == "body" else body
        response = gw.call(self.stage(gw), "POST", path, headers=headers, body=sent)
        assert (response.status, response.json()) == (403, {"message": message})
        assert gw.backend.events == []

    def test_signed_for_another_service(self, gw: Gateway) -> None:
        url = f"https://{HOST}/prod/pets/1"
        signed = sign("GET", url, {}, b"", "testing", "testing", service="lambda")
        response = gw.call(self.stage(gw), headers=tuple(signed.items()))
        assert response.status == 403
        assert response.json() == {
            "message": "Credential should be scoped to correct service: 'execute-api'."
        }

    def test_added_access_keys(self, gw: Gateway) -> None:
        """Keys added to the runtime's ``access_keys`` are known."""
        headers = botocore_signed("GET", f"https://{HOST}/prod/pets/1", key="AK2", secret="s2")
        assert gw.call(self.stage(gw), headers=headers).status == 403
        gw.engine.authorizers.access_keys["AK2"] = "s2"
        assert gw.call(self.stage(gw), headers=headers).status == 200

    def test_path_style_url(self, gw: Gateway) -> None:
        """``pyserverless serve``'s /_api/{api}/{stage}/... form verifies too."""
        headers = botocore_signed("GET", f"http://localhost:4566/_api/{API}/prod/pets/1")
        sent = (("Host", "localhost:4566"), *headers)  # as an HTTP client sends it
        assert gw.call(self.stage(gw), headers=sent).status == 200


class TestHttp:
    def test_default_stage_and_iam_context(self, gw: Gateway) -> None:
        stage = gw.stage(
            "HTTP", None, authorization="AWS_IAM", name="$default", payload_format="2.0"
        )
        headers = botocore_signed("GET", f"https://{HOST}/pets/1")
        assert gw.call(stage, headers=headers).status == 200
        iam = gw.backend.events[0]["requestContext"]["authorizer"]["iam"]
        assert iam["accessKey"] == "testing" and iam["accountId"] == ACCOUNT
        assert iam["userArn"] == f"arn:aws:iam::{ACCOUNT}:root" and iam["userId"] == ACCOUNT
        APIGatewayProxyEventV2Model.model_validate(gw.backend.events[0])

    def test_missing_signature(self, gw: Gateway) -> None:
        stage = gw.stage("HTTP", None, authorization="AWS_IAM", payload_format="2.0")
        response = gw.call(stage)
        assert response.status == 403


class TestOverServe:
    def test_signed_request_over_http(self, gw: Gateway, cloud: Any) -> None:
        """``requests`` through ``pyserverless serve`` (path style): the signature covers
        the URL the client sent, Host included."""
        import requests

        from pyserverless.adapters.http import Server

        rest = cloud.gateway.rest_api("signed")
        rid = rest.route("GET /pets/{id}", lambda e, c: {"statusCode": 200, "body": "ok"})
        cloud.client("apigateway").update_method(
            restApiId=rest.id,
            resourceId=rid,
            httpMethod="GET",
            patchOperations=[{"op": "replace", "path": "/authorizationType", "value": "AWS_IAM"}],
        )
        rest.deploy("prod")
        with Server(cloud) as server, requests.Session() as session:
            url = f"{server.url}/_api/{rest.id}/prod/pets/1?x=1"
            signed = AWSRequest(method="GET", url=url)
            SigV4Auth(Credentials("testing", "testing"), "execute-api", "us-east-1").add_auth(
                signed
            )
            ok = session.get(url, headers=dict(signed.headers.items()), timeout=10)
            assert (ok.status_code, ok.text) == (200, "ok")
            missing = session.get(url, timeout=10)
            assert missing.status_code == 403
            assert missing.json() == {"message": "Missing Authentication Token"}
            other = session.get(url + "&y=2", headers=dict(signed.headers.items()), timeout=10)
            assert other.status_code == 403

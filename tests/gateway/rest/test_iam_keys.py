"""AWS_IAM routes accept the access keys the Cloud knows: IAM users' active keys and
STS temporary credentials (with their session token), besides the fixed ones; the
event's identity names the caller the key stands for."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from pyserverless import Cloud


def _signed(url: str, key: str, secret: str, token: str | None = None) -> dict[str, str]:
    request = AWSRequest(method="GET", url=url)
    SigV4Auth(Credentials(key, secret, token), "execute-api", "us-east-1").add_auth(request)
    return {k: str(v) for k, v in request.headers.items()}


@pytest.fixture
def api(cloud: Cloud) -> tuple[str, list[dict[str, Any]]]:
    events: list[dict[str, Any]] = []

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        events.append(event)
        return {"statusCode": 200, "body": "ok"}

    rest = cloud.gateway.rest_api("signed")
    rid = rest.route("GET /pets", handler)
    cloud.client("apigateway").update_method(
        restApiId=rest.id,
        resourceId=rid,
        httpMethod="GET",
        patchOperations=[{"op": "replace", "path": "/authorizationType", "value": "AWS_IAM"}],
    )
    rest.deploy("prod")
    return rest.id, events


def _url(api_id: str) -> str:
    return f"https://{api_id}.execute-api.us-east-1.amazonaws.com/prod/pets"


def _call(cloud: Cloud, api_id: str, headers: dict[str, str]) -> Any:
    return cloud.gateway.invoke(api_id, "prod", "GET", "/pets", headers=headers)


class TestIamUserKeys:
    def test_active_key_allowed_inactive_refused(self, cloud: Cloud, api: Any) -> None:
        api_id, events = api
        iam = cloud.client("iam")
        user = iam.create_user(UserName="ann")["User"]
        key = iam.create_access_key(UserName="ann")["AccessKey"]
        headers = _signed(_url(api_id), key["AccessKeyId"], key["SecretAccessKey"])
        answer = _call(cloud, api_id, headers)
        assert answer.status == 200
        identity = events[0]["requestContext"]["identity"]
        assert identity["accessKey"] == key["AccessKeyId"]
        assert identity["userArn"] == user["Arn"]
        assert identity["user"] == user["UserId"]
        wrong = _signed(_url(api_id), key["AccessKeyId"], "not-the-secret")
        assert _call(cloud, api_id, wrong).status == 403
        iam.update_access_key(UserName="ann", AccessKeyId=key["AccessKeyId"], Status="Inactive")
        refused = _call(cloud, api_id, headers)
        assert refused.status == 403
        assert refused.json() == {
            "message": "The security token included in the request is invalid."
        }


class TestStsCredentials:
    def test_session_credentials_with_their_token(self, cloud: Cloud, api: Any) -> None:
        api_id, events = api
        iam = cloud.client("iam")
        role = iam.create_role(
            RoleName="caller",
            AssumeRolePolicyDocument=(
                '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
                '{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}'
            ),
        )["Role"]
        creds = cloud.client("sts").assume_role(RoleArn=role["Arn"], RoleSessionName="s1")[
            "Credentials"
        ]
        key, secret, token = creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"]
        answer = _call(cloud, api_id, _signed(_url(api_id), key, secret, token))
        assert answer.status == 200
        identity = events[0]["requestContext"]["identity"]
        assert identity["userArn"].startswith("arn:aws:sts::123456789012:assumed-role/caller/s1")
        no_token = _call(cloud, api_id, _signed(_url(api_id), key, secret))
        assert no_token.status == 403
        assert no_token.json() == {
            "message": "The security token included in the request is invalid."
        }
        other_token = _call(cloud, api_id, _signed(_url(api_id), key, secret, "bogus"))
        assert other_token.status == 403

    def test_expired_credentials_refused(self, cloud: Cloud, api: Any) -> None:
        api_id, _ = api
        creds = cloud.client("sts").get_session_token(DurationSeconds=900)["Credentials"]
        headers = _signed(
            _url(api_id), creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"]
        )
        assert _call(cloud, api_id, headers).status == 200
        cloud.advance(900)
        assert _call(cloud, api_id, headers).status == 403


def test_unknown_key_refused(cloud: Cloud, api: Any) -> None:
    api_id, _ = api
    answer = _call(cloud, api_id, _signed(_url(api_id), "AKIANOBODY", "x"))
    assert answer.status == 403


def test_signed_for_a_custom_domain(cloud: Cloud, api: Any) -> None:
    """Through a custom domain name the signature covers the URL the caller sent."""
    api_id, _ = api
    gw = cloud.client("apigateway")
    cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
    gw.create_domain_name(domainName="api.example.com", certificateArn=cert)
    gw.create_base_path_mapping(
        domainName="api.example.com", basePath="v1", restApiId=api_id, stage="prod"
    )
    engine = cloud.engine("execute-api")
    signed = _signed("https://api.example.com/v1/pets", "testing", "testing")
    sent = tuple(signed.items())
    assert engine.invoke_domain("api.example.com", "GET", "/v1/pets", headers=sent).status == 200
    stage_url = _signed(_url(api_id), "testing", "testing")
    wrong = tuple(stage_url.items())
    assert engine.invoke_domain("api.example.com", "GET", "/v1/pets", headers=wrong).status == 403

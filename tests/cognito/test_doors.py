"""boto3 through the in-process bridge and through the HTTP endpoint, and the JWKS route."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import boto3
import jwt as pyjwt
import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from pyserverless import Cloud, ManualClock, mock_aws
from pyserverless.adapters import Server

PASSWORD = "Passw0rd!"
CHEAP = {"cognito-idp": {"password_hash_cost": 1}}


def scenario(idp: Any) -> tuple[str, str, dict[str, Any]]:
    """Pool, client, admin-created user, SRP login with pycognito; returns the tokens."""
    pool_id = idp.create_user_pool(PoolName="p", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="c",
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="ann",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "ann@example.com"}],
    )
    idp.admin_set_user_password(
        UserPoolId=pool_id, Username="ann", Password=PASSWORD, Permanent=True
    )
    srp = AWSSRP(
        username="ann", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=idp
    )
    tokens = srp.authenticate_user()["AuthenticationResult"]
    return pool_id, client_id, tokens


@pytest.fixture
def cloud() -> Cloud:
    return Cloud(clock=ManualClock(), limits=CHEAP)


class TestBridge:
    def test_boto3_end_to_end(self, cloud: Cloud) -> None:
        """A real boto3 client creates a pool, signs a user in with SRP and reads it back."""
        with mock_aws(cloud):
            idp = boto3.client("cognito-idp", region_name="us-east-1")
            pool_id, _, tokens = scenario(idp)
            user = idp.get_user(AccessToken=tokens["AccessToken"])
            described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        assert user["Username"] == "ann"
        assert described["CreationDate"] == cloud.now()
        claims = cloud.cognito.user_pool(pool_id).verify(tokens["IdToken"], token_use="id")
        assert claims["email"] == "ann@example.com"

    def test_errors_are_client_errors(self, cloud: Cloud) -> None:
        """Errors arrive as botocore ClientErrors with AWS's code and message."""
        with mock_aws(cloud):
            idp = boto3.client("cognito-idp", region_name="us-east-1")
            pool_id, client_id, _ = scenario(idp)
            with pytest.raises(ClientError) as err:
                idp.initiate_auth(
                    ClientId=client_id,
                    AuthFlow="USER_PASSWORD_AUTH",
                    AuthParameters={"USERNAME": "ann", "PASSWORD": "Wr0ng-pass"},
                )
            with pytest.raises(idp.exceptions.UserNotFoundException):
                idp.admin_get_user(UserPoolId=pool_id, Username="ghost")
        assert err.value.response["Error"] == {
            "Code": "NotAuthorizedException",
            "Message": "Incorrect username or password.",
        }


@pytest.fixture
def server(cloud: Cloud) -> Iterator[Server]:
    with Server(cloud) as running:
        yield running


class TestHttpEndpoint:
    def test_boto3_over_http(self, server: Server, cloud: Cloud) -> None:
        """boto3 pointed at the endpoint speaks AWS JSON 1.1 with X-Amz-Target."""
        idp = boto3.client(
            "cognito-idp",
            region_name="us-east-1",
            endpoint_url=server.url,
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        _, client_id, tokens = scenario(idp)
        refreshed = idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
        )
        assert "IdToken" in refreshed["AuthenticationResult"]
        with pytest.raises(idp.exceptions.NotAuthorizedException):
            idp.get_user(AccessToken=tokens["AccessToken"] + "x")

    def test_jwks_route_verifies_tokens(self, server: Server, cloud: Cloud) -> None:
        """GET /{poolId}/.well-known/jwks.json serves the keys PyJWT needs, nothing more."""
        idp = cloud.client("cognito-idp")
        pool_id, client_id, tokens = scenario(idp)
        with urllib.request.urlopen(f"{server.url}/{pool_id}/.well-known/jwks.json") as resp:
            assert resp.headers["Content-Type"] == "application/json"
            jwks = json.loads(resp.read())
        kid = pyjwt.get_unverified_header(tokens["IdToken"])["kid"]
        key = pyjwt.PyJWK(next(k for k in jwks["keys"] if k["kid"] == kid)).key
        claims = pyjwt.decode(
            tokens["IdToken"],
            key,
            algorithms=["RS256"],
            audience=client_id,
            options={"verify_exp": False, "verify_iat": False},
        )
        assert claims["cognito:username"] == "ann"

    def test_jwks_unknown_pool(self, server: Server) -> None:
        """An unknown pool's JWKS is 404."""
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{server.url}/us-east-1_nothere/.well-known/jwks.json")
        assert err.value.code == 404

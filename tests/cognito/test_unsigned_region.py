"""Unsigned Cognito calls over HTTP reach the Region their ids name (issue 13)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config

from pyserverless import Cloud, ManualClock
from pyserverless.adapters import Server
from pyserverless.cognito import CognitoResource, UserPool
from pyserverless.cognito._settings import ALL_FLOWS

from .conftest import CHEAP, PASSWORD


@pytest.fixture
def cloud() -> Cloud:
    return Cloud(clock=ManualClock(), limits=CHEAP)


@pytest.fixture
def server(cloud: Cloud) -> Iterator[Server]:
    with Server(cloud) as running:
        yield running


@pytest.fixture
def west(cloud: Cloud) -> tuple[UserPool, str]:
    """A pool and client in us-west-2 (the Cloud's own Region is us-east-1)."""
    pool = CognitoResource(cloud, "us-west-2").create_user_pool("west")
    return pool, pool.create_client("web", ExplicitAuthFlows=ALL_FLOWS).client_id


def _idp(server: Server, region: str = "us-east-1", *, signed: bool = True) -> Any:
    config = Config(signature_version=UNSIGNED) if not signed else None
    return boto3.client(
        "cognito-idp",
        region_name=region,
        endpoint_url=server.url,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=config,
    )


def _raw(server: Server, operation: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        server.url + "/",
        data=json.dumps(body).encode(),
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


class TestUnsignedCalls:
    def test_sign_up_by_client_id(self, server: Server, west: tuple[UserPool, str]) -> None:
        """SignUp (no signature) finds the pool of its ClientId in us-west-2."""
        pool, client_id = west
        status, body = _raw(
            server, "SignUp", {"ClientId": client_id, "Username": "ann", "Password": PASSWORD}
        )
        assert status == 200, body
        assert pool.user("ann").status == "UNCONFIRMED"

    def test_the_whole_public_flow(self, server: Server, west: tuple[UserPool, str]) -> None:
        """boto3 (whatever its own region) signs up, confirms, signs in and reads the user."""
        pool, client_id = west
        idp = _idp(server)  # us-east-1: the unsigned calls carry no Region
        idp.sign_up(ClientId=client_id, Username="ann", Password=PASSWORD)
        pool.engine.admin_confirm_sign_up({"UserPoolId": pool.id, "Username": "ann"})
        tokens = idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )["AuthenticationResult"]
        assert idp.get_user(AccessToken=tokens["AccessToken"])["Username"] == "ann"
        with pytest.raises(idp.exceptions.InvalidParameterException, match="verified email"):
            idp.forgot_password(ClientId=client_id, Username="ann")  # the pool answered
        idp.global_sign_out(AccessToken=tokens["AccessToken"])

    def test_unknown_client_is_not_found(self, server: Server, west: tuple[UserPool, str]) -> None:
        """A client id no Region has: ResourceNotFoundException, as before."""
        status, body = _raw(
            server, "SignUp", {"ClientId": "nosuchclient", "Username": "a", "Password": PASSWORD}
        )
        assert status == 400 and body["__type"] == "ResourceNotFoundException"

    def test_signed_calls_keep_their_region(
        self, server: Server, cloud: Cloud, west: tuple[UserPool, str]
    ) -> None:
        """A signed admin call goes to its signature's Region, not the pool id's."""
        pool, _ = west
        east = _idp(server, "us-east-1")
        with pytest.raises(east.exceptions.ResourceNotFoundException):
            east.describe_user_pool(UserPoolId=pool.id)
        assert _idp(server, "us-west-2").describe_user_pool(UserPoolId=pool.id)["UserPool"]["Name"]

    def test_no_engine_built_to_look(self, server: Server, cloud: Cloud) -> None:
        """Looking a client id up builds no engine in other Regions."""
        cloud.cognito.create_user_pool("east")
        _raw(server, "SignUp", {"ClientId": "nosuchclient", "Username": "a", "Password": PASSWORD})
        built = {r for s, r in cloud._engines if s == "cognito-idp"}
        assert built == {"us-east-1"}

"""Fixtures for the Cognito tests: a Cloud with cheap password hashing, a pool and clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import AppClient, UserPool
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

from ._verified_world import World

PASSWORD = "Passw0rd!"
#: scrypt with N=2: the tests exercise the logic, not the work factor.
CHEAP = {"cognito-idp": {"password_hash_cost": 1}}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def cloud(clock: ManualClock) -> Cloud:
    return Cloud(clock=clock, seed=0, limits=CHEAP)


@pytest.fixture
def idp(cloud: Cloud) -> Any:
    return cloud.client("cognito-idp")


@pytest.fixture
def pool(cloud: Cloud) -> UserPool:
    return cloud.cognito.create_user_pool("test", AutoVerifiedAttributes=["email"])


@pytest.fixture
def app(pool: UserPool) -> AppClient:
    return pool.create_client("web", ExplicitAuthFlows=FLOWS)


@pytest.fixture
def secret_app(pool: UserPool) -> AppClient:
    return pool.create_client("server", ExplicitAuthFlows=FLOWS, GenerateSecret=True)


@pytest.fixture
def make_user(idp: Any, pool: UserPool) -> Callable[..., str]:
    """Create a CONFIRMED user with a verified email; returns the username."""

    def make(username: str = "ann", password: str = PASSWORD, **attrs: str) -> str:
        attributes = {"email": f"{username}@example.com", "email_verified": "true", **attrs}
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username=username,
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
        )
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username=username, Password=password, Permanent=True
        )
        return username

    return make


@pytest.fixture
def login(idp: Any, app: AppClient) -> Callable[..., dict[str, Any]]:
    """USER_PASSWORD_AUTH through ``app``; returns the whole response."""

    def do(username: str = "ann", password: str = PASSWORD) -> dict[str, Any]:
        result: dict[str, Any] = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
        return result

    return do


@pytest.fixture
def world() -> World:
    """A seeded us-west-2 Cloud and its client, for the aws_verified modules."""
    cloud = Cloud(clock=ManualClock(), seed=0, limits=CHEAP)
    return World(cloud, cloud.client("cognito-idp", "us-west-2"))

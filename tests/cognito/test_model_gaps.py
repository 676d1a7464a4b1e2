"""Requests Cognito's model forbids are refused with AWS's answer (found by the totality fuzz):
the constraint layer (enum, maximum) runs first, as InvalidParameterException in the
"1 validation error detected" envelope, through the client and over the wire."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock, mock_aws
from pyserverless.cognito import InvalidParameterException

CHEAP = {"cognito-idp": {"password_hash_cost": 1}}
HEAD = "1 validation error detected: "


def _cloud() -> Cloud:
    return Cloud(clock=ManualClock(), limits=CHEAP)


def _pool(idp: Any) -> str:
    pool_id: str = idp.create_user_pool(PoolName="pool")["UserPool"]["Id"]
    return pool_id


def _client_id(idp: Any, pool_id: str) -> str:
    client_id: str = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="c")[
        "UserPoolClient"
    ]["ClientId"]
    return client_id


def _sms(length: int) -> str:
    return "{####}" + "x" * (length - 6)


# Each case: (operation, its params given a pool id and a client id, AWS's message or None).
Case = tuple[str, Callable[[str, str], dict[str, Any]], str | None]
CASES: list[Case] = [
    (
        "create_user_pool_client",
        lambda p, c: {
            "UserPoolId": p,
            "ClientName": "x",
            "RefreshTokenRotation": {"Feature": "ON"},
        },
        (
            "Value 'ON' at 'refreshTokenRotation.feature' failed to satisfy constraint: "
            "Member must satisfy enum value set: [ENABLED, DISABLED]"
        ),
    ),
    (
        "create_user_pool_client",
        lambda p, c: {
            "UserPoolId": p,
            "ClientName": "x",
            "RefreshTokenRotation": {"Feature": "DISABLED", "RetryGracePeriodSeconds": 61},
        },
        (
            "Value '61' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy "
            "constraint: Member must have value less than or equal to 60"
        ),
    ),
    (
        "create_user_pool_client",
        lambda p, c: {
            "UserPoolId": p,
            "ClientName": "x",
            "RefreshTokenRotation": {"Feature": "DISABLED", "RetryGracePeriodSeconds": 60},
        },
        None,
    ),
    (
        "update_user_pool_client",
        lambda p, c: {
            "UserPoolId": p,
            "ClientId": c,
            "RefreshTokenRotation": {"Feature": "DISABLED", "RetryGracePeriodSeconds": 2147483647},
        },
        (
            "Value '2147483647' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to "
            "satisfy constraint: Member must have value less than or equal to 60"
        ),
    ),
    (
        "create_user_pool",
        lambda p, c: {
            "PoolName": "q",
            "AdminCreateUserConfig": {"InviteMessageTemplate": {"SMSMessage": _sms(141)}},
        },
        (
            f"Value '{_sms(141)}' at 'adminCreateUserConfig.inviteMessageTemplate.sMSMessage' "
            "failed to satisfy constraint: Member must have length less than or equal to 140"
        ),
    ),
    (
        "create_user_pool",
        lambda p, c: {
            "PoolName": "q",
            "AdminCreateUserConfig": {"InviteMessageTemplate": {"SMSMessage": _sms(140)}},
        },
        None,
    ),
    (
        "update_user_pool",
        lambda p, c: {
            "UserPoolId": p,
            "AdminCreateUserConfig": {
                "InviteMessageTemplate": {"EmailMessage": "{####} " + "x" * 19994}
            },
        },
        "failed to satisfy constraint: Member must have length less than or equal to 20000",
    ),
    (
        "revoke_token",
        lambda p, c: {"Token": "opaque", "ClientId": c, "RevokeAssociatedSessions": "ALL"},
        (
            "Value 'ALL' at 'revokeAssociatedSessions' failed to satisfy constraint: "
            "Member must satisfy enum value set: [NONE, LINKED]"
        ),
    ),
    (
        "revoke_token",
        lambda p, c: {"Token": "opaque", "ClientId": c, "RevokeAssociatedSessions": "LINKED"},
        None,
    ),
]


@pytest.mark.parametrize(("operation", "build", "expected"), CASES)
def test_client_layer(
    operation: str, build: Callable[[str, str], dict[str, Any]], expected: str | None
) -> None:
    """The limit itself passes; one past it is AWS's InvalidParameterException, and the
    pool or client is left as it was."""
    cloud = _cloud()
    idp = cloud.client("cognito-idp")
    pool_id = _pool(idp)
    client_id = _client_id(idp, pool_id)
    before = (idp.list_user_pools(MaxResults=60), idp.list_user_pool_clients(UserPoolId=pool_id))
    params = build(pool_id, client_id)
    if expected is None:
        getattr(idp, operation)(**params)
        return
    with pytest.raises(InvalidParameterException) as err:
        getattr(idp, operation)(**params)
    message = err.value.response["Error"]["Message"]
    assert message.startswith(HEAD)
    assert expected in message
    after = (idp.list_user_pools(MaxResults=60), idp.list_user_pool_clients(UserPoolId=pool_id))
    for old, new in zip(before, after, strict=True):
        old.pop("ResponseMetadata")
        new.pop("ResponseMetadata")
        assert old == new


@pytest.mark.parametrize(("operation", "build", "expected"), CASES)
def test_over_the_wire(
    operation: str, build: Callable[[str, str], dict[str, Any]], expected: str | None
) -> None:
    """boto3 sends these (botocore checks no maximum or enum); the service answers 400."""
    cloud = _cloud()
    with mock_aws(cloud):
        idp = boto3.client("cognito-idp", region_name="us-east-1")
        pool_id = _pool(idp)
        client_id = _client_id(idp, pool_id)
        params = build(pool_id, client_id)
        if expected is None:
            getattr(idp, operation)(**params)
            return
        with pytest.raises(ClientError) as err:
            getattr(idp, operation)(**params)
    error = err.value.response["Error"]
    assert error["Code"] == "InvalidParameterException"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error["Message"].startswith(HEAD)
    assert expected in error["Message"]


def test_the_constraint_layer_comes_before_the_pool_lookup() -> None:
    """AWS checks the constraints before it looks for the pool."""
    idp = _cloud().client("cognito-idp")
    with pytest.raises(InvalidParameterException, match="enum value set"):
        idp.create_user_pool_client(
            UserPoolId="us-east-1_nothere", ClientName="x", RefreshTokenRotation={"Feature": "x"}
        )

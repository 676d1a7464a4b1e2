"""Every response of a full scenario fits botocore's output shape for its operation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyotp
from botocore.loaders import create_loader
from botocore.model import ServiceModel, Shape
from pycognito.aws_srp import AWSSRP

from pyserverless import Cloud, ManualClock

PASSWORD = "Passw0rd!"
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "timestamp": (dt.datetime,),
    "blob": (bytes,),
}


def conforms(value: Any, shape: Shape, path: str) -> list[str]:
    """Where ``value`` strays from ``shape``: unknown members, wrong types, bad enums."""
    problems: list[str] = []
    if shape.type_name == "structure":
        if not isinstance(value, dict):
            return [f"{path}: expected a structure, got {type(value).__name__}"]
        members = shape.members  # type: ignore[attr-defined]
        for key, item in value.items():
            if key not in members:
                problems.append(f"{path}.{key}: not in {shape.name}")
            else:
                problems += conforms(item, members[key], f"{path}.{key}")
    elif shape.type_name == "list":
        if not isinstance(value, list):
            return [f"{path}: expected a list"]
        for i, item in enumerate(value):
            problems += conforms(item, shape.member, f"{path}[{i}]")  # type: ignore[attr-defined]
    elif shape.type_name == "map":
        if not isinstance(value, dict):
            return [f"{path}: expected a map"]
        for key, item in value.items():
            problems += conforms(key, shape.key, f"{path}<key>")  # type: ignore[attr-defined]
            problems += conforms(item, shape.value, f"{path}[{key}]")  # type: ignore[attr-defined]
    else:
        wanted = _TYPES.get(shape.type_name)
        if wanted and (
            not isinstance(value, wanted)
            or (shape.type_name in ("integer", "long") and isinstance(value, bool))
        ):
            problems.append(f"{path}: {value!r} is not a {shape.type_name}")
        enum = getattr(shape, "enum", None)
        if enum and value not in enum:
            problems.append(f"{path}: {value!r} not in enum {enum}")
    return problems


class Recording:
    """Wraps the client; keeps (operation, response) pairs."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.exceptions = client.exceptions
        self.meta = client.meta

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._client, name)

        def call(**kwargs: Any) -> Any:
            response = method(**kwargs)
            op = next(o for o, m in self._client.operations.items() if m == name)
            self.calls.append((op, response))
            return response

        return call


def test_scenario_responses_fit_botocore() -> None:
    """Pools, clients, groups, users, SRP, MFA and refresh: all outputs fit the model."""
    clock = ManualClock()
    cloud = Cloud(clock=clock, limits={"cognito-idp": {"password_hash_cost": 1}})
    idp = Recording(cloud.client("cognito-idp"))
    pool_id = idp.create_user_pool(
        PoolName="p",
        AutoVerifiedAttributes=["email"],
        MfaConfiguration="OPTIONAL",
        Schema=[{"Name": "tier", "AttributeDataType": "String"}],
    )["UserPool"]["Id"]
    idp.describe_user_pool(UserPoolId=pool_id)
    idp.list_user_pools(MaxResults=5)
    cid = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="c",
        GenerateSecret=False,
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )["UserPoolClient"]["ClientId"]
    idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=cid)
    idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=5)
    idp.create_group(UserPoolId=pool_id, GroupName="g", Precedence=1)
    idp.sign_up(
        ClientId=cid,
        Username="ann",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "ann@example.com"}],
    )
    pool = cloud.cognito.user_pool(pool_id)
    idp.resend_confirmation_code(ClientId=cid, Username="ann")
    idp.confirm_sign_up(ClientId=cid, Username="ann", ConfirmationCode=pool.last_code())
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="ann", GroupName="g")
    idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="ann")
    idp.list_users_in_group(UserPoolId=pool_id, GroupName="g")
    idp.list_groups(UserPoolId=pool_id)
    idp.admin_get_user(UserPoolId=pool_id, Username="ann")
    idp.list_users(UserPoolId=pool_id, Filter='username = "ann"')
    tokens = AWSSRP(
        username="ann", password=PASSWORD, pool_id=pool_id, client_id=cid, client=idp
    ).authenticate_user()["AuthenticationResult"]
    access = tokens["AccessToken"]
    idp.get_user(AccessToken=access)
    idp.update_user_attributes(
        AccessToken=access, UserAttributes=[{"Name": "custom:tier", "Value": "gold"}]
    )
    secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
    idp.verify_software_token(AccessToken=access, UserCode=pyotp.TOTP(secret).at(clock.now()))
    idp.set_user_mfa_preference(
        AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    challenge = idp.initiate_auth(
        ClientId=cid,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
    )
    clock.advance(30)
    idp.respond_to_auth_challenge(
        ClientId=cid,
        ChallengeName="SOFTWARE_TOKEN_MFA",
        Session=challenge["Session"],
        ChallengeResponses={
            "USERNAME": "ann",
            "SOFTWARE_TOKEN_MFA_CODE": pyotp.TOTP(secret).at(clock.now()),
        },
    )
    idp.initiate_auth(
        ClientId=cid,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
    )
    idp.get_user_pool_mfa_config(UserPoolId=pool_id)
    idp.forgot_password(ClientId=cid, Username="ann")
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="bob",
        DesiredDeliveryMediums=["EMAIL"],
        UserAttributes=[{"Name": "email", "Value": "bob@example.com"}],
    )
    idp.admin_disable_user(UserPoolId=pool_id, Username="bob")
    idp.revoke_token(Token=tokens["RefreshToken"], ClientId=cid)
    model = ServiceModel(create_loader().load_service_model("cognito-idp", "service-2"))
    problems = []
    for op, response in idp.calls:
        shape = model.operation_model(op).output_shape
        if shape is None:
            assert set(response) == {"ResponseMetadata"}, op
        else:
            body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
            problems += conforms(body, shape, op)
    assert problems == []
    assert len({op for op, _ in idp.calls}) >= 28

"""Shared by the aws_verified modules: a us-west-2 Cloud and moto's pool-making decorator.

``make_pool`` builds the pool and app client moto's ``cognitoidp_aws_verified`` decorator
makes (getmoto/moto tests/test_cognitoidp/__init__.py), pycognito plays the SRP client.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

import pyotp
from pycognito.aws_srp import AWSSRP

from pyserverless import Cloud

SNS_ROLE = "arn:aws:iam::123456789012:role/test-role-abc123"
RECOVER_BY_EMAIL = [{"Name": "verified_email", "Priority": 1}]
EMAIL_DELIVERY = {"Destination": "t***@t***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}


@dataclass
class World:
    """A Cloud, its us-west-2 client, and the pool and app client one test works on."""

    cloud: Cloud
    idp: Any
    pool_id: str = ""
    client_id: str = ""
    secret: str | None = None

    def now_code(self, secret: str) -> str:
        return str(pyotp.TOTP(secret).at(self.cloud.clock.now()))

    def secret_hash(self, username: str) -> str | None:
        if self.secret is None:
            return None
        return str(AWSSRP.get_secret_hash(username, self.client_id, self.secret))


def make_pool(
    w: World,
    *,
    username_attributes: list[str] | None = None,
    read_attributes: list[str] | None = None,
    explicit_auth_flows: list[str] | None = None,
    generate_secret: bool = False,
    recovery: list[dict[str, Any]] | None = None,
    verified_attributes: list[str] | None = None,
    with_mfa: str | None = None,
) -> World:
    """The pool and app client moto's ``cognitoidp_aws_verified`` decorator makes."""
    args: dict[str, Any] = {}
    if username_attributes:
        args["UsernameAttributes"] = username_attributes
    if recovery:
        args["AccountRecoverySetting"] = {"RecoveryMechanisms": recovery}
    if with_mfa:
        args["MfaConfiguration"] = with_mfa
        args["SmsConfiguration"] = {"SnsCallerArn": SNS_ROLE}
    if verified_attributes:
        args["AutoVerifiedAttributes"] = verified_attributes
    w.pool_id = w.idp.create_user_pool(PoolName="TestUserPool_abc123", **args)["UserPool"]["Id"]
    if with_mfa:
        w.idp.set_user_pool_mfa_config(
            UserPoolId=w.pool_id,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            MfaConfiguration=with_mfa,
        )
    kwargs: dict[str, Any] = {}
    if read_attributes:
        kwargs["ReadAttributes"] = read_attributes
    if explicit_auth_flows:
        kwargs["ExplicitAuthFlows"] = explicit_auth_flows
    if generate_secret:
        kwargs["GenerateSecret"] = True
    made = w.idp.create_user_pool_client(
        UserPoolId=w.pool_id, ClientName="TestAppClient", **kwargs
    )["UserPoolClient"]
    w.client_id, w.secret = made["ClientId"], made.get("ClientSecret")
    return w


def claims(token: str) -> dict[str, Any]:
    """A JWT's payload, unverified (as moto's ``get_jwt_payload``)."""
    body = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return decoded


def srp_sign_in(w: World, username: str, password: str) -> tuple[dict[str, Any], AWSSRP]:
    """USER_SRP_AUTH with pycognito up to the answer of PASSWORD_VERIFIER."""
    srp = AWSSRP(
        username=username,
        password=password,
        pool_id=w.pool_id,
        client_id=w.client_id,
        client_secret=w.secret,
        client=w.idp,
    )
    params = srp.get_auth_params()
    started = w.idp.initiate_auth(
        ClientId=w.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params
    )
    answer = srp.process_challenge(started["ChallengeParameters"], params)
    result: dict[str, Any] = w.idp.respond_to_auth_challenge(
        ClientId=w.client_id, ChallengeName=started["ChallengeName"], ChallengeResponses=answer
    )
    return result, srp


def signed_up(w: World, username: str = "ann", password: str = "P2$Sword") -> dict[str, Any]:
    """moto's ``user_authentication_flow`` without MFA: SignUp, AdminConfirmSignUp, SRP."""
    extra = {"SecretHash": w.secret_hash(username)} if w.secret else {}
    w.idp.sign_up(ClientId=w.client_id, Username=username, Password=password, **extra)
    w.idp.admin_confirm_sign_up(UserPoolId=w.pool_id, Username=username)
    return srp_sign_in(w, username, password)[0]


def mfa_answer(w: World, session: str, name: str, code: str, username: str) -> dict[str, Any]:
    responses = {"SOFTWARE_TOKEN_MFA_CODE": code, "USERNAME": username}
    if w.secret:
        responses["SECRET_HASH"] = str(w.secret_hash(username))
    result: dict[str, Any] = w.idp.respond_to_auth_challenge(
        ClientId=w.client_id, Session=session, ChallengeName=name, ChallengeResponses=responses
    )
    return result


def tokens_issued(result: dict[str, Any]) -> None:
    auth = result["AuthenticationResult"]
    assert auth["TokenType"] == "Bearer"
    assert auth["AccessToken"] and auth["IdToken"] and auth["RefreshToken"]


# -- flows: moto's aws_verified tests, one row each -------------------------------------------

"""Cognito user pools against moto's aws_verified tests, one row per verified expectation.

Source: the tests marked ``@pytest.mark.aws_verified`` with ``@cognitoidp_aws_verified`` in
getmoto/moto ``tests/test_cognitoidp/test_cognitoidp.py``, which ran against us-west-2;
only what those tests assert (and the comments they carry about AWS) is used here. Two
flows come from ID-token and listing captures quoted in floci-io/floci issues. Answers of
the live service quoted elsewhere are in ``test_aws_verified_live.py``.

Every request goes through boto3's client; pycognito (SRP) and pyotp (TOTP) play the
application's side, as in the moto tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ._verified_world import (
    EMAIL_DELIVERY,
    RECOVER_BY_EMAIL,
    World,
    claims,
    make_pool,
    mfa_answer,
    signed_up,
    srp_sign_in,
    tokens_issued,
)


def force_password_change_over_srp(w: World) -> None:
    """test_authorize_user_with_force_password_change_status."""
    make_pool(w)
    name, temporary = "test@example.com", "Tempor@ryPassword123"
    w.idp.admin_create_user(UserPoolId=w.pool_id, Username=name, TemporaryPassword=temporary)
    result, _ = srp_sign_in(w, name, temporary)
    assert result["ChallengeName"] == "NEW_PASSWORD_REQUIRED" and result["Session"]
    done = w.idp.respond_to_auth_challenge(
        ClientId=w.client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=result["Session"],
        ChallengeResponses={"USERNAME": name, "NEW_PASSWORD": "NewP@ssword456"},
    )
    tokens_issued(done)


def groups_in_access_token(w: World) -> None:
    """test_group_in_access_token: the temporary password may be chosen again."""
    make_pool(w, read_attributes=["given_name"], explicit_auth_flows=["ADMIN_NO_SRP_AUTH"])
    w.idp.create_group(GroupName="g1", UserPoolId=w.pool_id)
    w.idp.admin_create_user(
        UserPoolId=w.pool_id,
        Username="bob",
        TemporaryPassword="P2$Sword",
        UserAttributes=[{"Name": "given_name", "Value": "Bob"}],
    )
    w.idp.admin_add_user_to_group(UserPoolId=w.pool_id, Username="bob", GroupName="g1")
    started = w.idp.admin_initiate_auth(
        UserPoolId=w.pool_id,
        ClientId=w.client_id,
        AuthFlow="ADMIN_NO_SRP_AUTH",
        AuthParameters={"USERNAME": "bob", "PASSWORD": "P2$Sword"},
    )
    assert started["ChallengeName"] == "NEW_PASSWORD_REQUIRED" and started["Session"]
    done = w.idp.admin_respond_to_auth_challenge(
        UserPoolId=w.pool_id,
        Session=started["Session"],
        ClientId=w.client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        ChallengeResponses={"USERNAME": "bob", "NEW_PASSWORD": "P2$Sword"},
    )
    assert claims(done["AuthenticationResult"]["AccessToken"])["cognito:groups"] == ["g1"]


def mfa_on_sets_up_through_session(w: World) -> None:
    """test_user_authentication_flow_mfa_on: MFA_SETUP, then SOFTWARE_TOKEN_MFA."""
    make_pool(w, generate_secret=True, with_mfa="ON")
    result = signed_up(w)
    assert result["ChallengeName"] == "MFA_SETUP"
    associated = w.idp.associate_software_token(Session=result["Session"])
    verified = w.idp.verify_software_token(
        Session=associated["Session"], UserCode=w.now_code(associated["SecretCode"])
    )
    assert verified["Status"] == "SUCCESS"
    w.cloud.advance(30)
    again, _ = srp_sign_in(w, "ann", "P2$Sword")
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    code = w.now_code(associated["SecretCode"])
    tokens_issued(mfa_answer(w, again["Session"], again["ChallengeName"], code, "ann"))


def mfa_optional_after_preference(w: World) -> None:
    """test_user_authentication_flow_mfa_optional: tokens, then TOTP once preferred."""
    make_pool(w, generate_secret=True, with_mfa="OPTIONAL")
    access = signed_up(w)["AuthenticationResult"]["AccessToken"]
    secret = w.idp.associate_software_token(AccessToken=access)["SecretCode"]
    verified = w.idp.verify_software_token(AccessToken=access, UserCode=w.now_code(secret))
    assert verified["Status"] == "SUCCESS"
    w.idp.set_user_mfa_preference(
        AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    again, _ = srp_sign_in(w, "ann", "P2$Sword")
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    w.cloud.advance(30)
    code = w.now_code(secret)
    tokens_issued(mfa_answer(w, again["Session"], again["ChallengeName"], code, "ann"))


def mfa_on_after_new_password(w: World) -> None:
    """test_initiate_mfa_auth_USER_PASSWORD_AUTH_with_FORCE_CHANGE_PASSWORD_status."""
    make_pool(w, explicit_auth_flows=["USER_PASSWORD_AUTH"], with_mfa="ON")
    w.idp.admin_create_user(UserPoolId=w.pool_id, Username="cy", TemporaryPassword="P2$Sword")
    started = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "cy", "PASSWORD": "P2$Sword"},
    )
    assert started["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert started.get("AuthenticationResult") is None
    setup = w.idp.respond_to_auth_challenge(
        ClientId=w.client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=started["Session"],
        ChallengeResponses={"NEW_PASSWORD": "P2$Sword2", "USERNAME": "cy"},
    )
    assert setup["ChallengeName"] == "MFA_SETUP" and setup["Session"]
    associated = w.idp.associate_software_token(Session=setup["Session"])
    secret = associated["SecretCode"]
    verified = w.idp.verify_software_token(
        Session=associated["Session"], UserCode=w.now_code(secret)
    )
    assert verified["Status"] == "SUCCESS"
    w.cloud.advance(30)
    done = mfa_answer(w, verified["Session"], "MFA_SETUP", w.now_code(secret), "cy")
    assert done["ChallengeParameters"] == {}
    tokens_issued(done)
    again = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "cy", "PASSWORD": "P2$Sword2"},
    )
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    w.cloud.advance(30)
    done = mfa_answer(w, again["Session"], again["ChallengeName"], w.now_code(secret), "cy")
    assert done["ChallengeParameters"] == {}
    tokens_issued(done)


def refresh_token_claims(w: World) -> None:
    """test_initiate_auth_REFRESH_TOKEN: the new tokens name the user and the client."""
    make_pool(w, generate_secret=True)
    refresh = signed_up(w)["AuthenticationResult"]["RefreshToken"]
    auth = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="REFRESH_TOKEN",
        AuthParameters={"REFRESH_TOKEN": refresh, "SECRET_HASH": str(w.secret_hash("ann"))},
    )["AuthenticationResult"]
    access, id_ = claims(auth["AccessToken"]), claims(auth["IdToken"])
    assert access["username"] == "ann" and access["client_id"] == w.client_id
    assert id_["sub"] == access["sub"] and id_["cognito:username"] == "ann"
    assert id_["aud"] == w.client_id


def password_auth_claims(w: World) -> None:
    """test_initiate_auth_USER_PASSWORD_AUTH: no MFA members once TOTP is off, no email."""
    make_pool(w, generate_secret=True, explicit_auth_flows=["USER_PASSWORD_AUTH"])
    signed_up(w)
    w.idp.admin_set_user_mfa_preference(
        Username="ann",
        UserPoolId=w.pool_id,
        SoftwareTokenMfaSettings={"Enabled": False, "PreferredMfa": False},
    )
    user = w.idp.admin_get_user(UserPoolId=w.pool_id, Username="ann")
    assert "UserMFASettingList" not in user and "PreferredMfaSetting" not in user
    auth = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": "ann",
            "PASSWORD": "P2$Sword",
            "SECRET_HASH": str(w.secret_hash("ann")),
        },
    )["AuthenticationResult"]
    assert auth["RefreshToken"] and auth["TokenType"] == "Bearer"
    access, id_ = claims(auth["AccessToken"]), claims(auth["IdToken"])
    assert access["username"] == "ann" and access["client_id"] == w.client_id
    assert id_["sub"] == access["sub"] and id_["cognito:username"] == "ann"
    assert id_["aud"] == w.client_id
    assert "email" not in access and "email" not in id_


def email_username_claims(w: World) -> None:
    """test_initiate_auth_USER_PASSWORD_AUTH_with_email: the username is the sub."""
    make_pool(
        w,
        generate_secret=True,
        explicit_auth_flows=["USER_PASSWORD_AUTH"],
        username_attributes=["email"],
    )
    name, password = "test@moto.com", "SuperS3cret!"
    hashed = str(w.secret_hash(name))
    w.idp.sign_up(ClientId=w.client_id, Username=name, Password=password, SecretHash=hashed)
    w.idp.admin_confirm_sign_up(UserPoolId=w.pool_id, Username=name)
    auth = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": name, "PASSWORD": password, "SECRET_HASH": hashed},
    )["AuthenticationResult"]
    access, id_ = claims(auth["AccessToken"]), claims(auth["IdToken"])
    assert access["username"] == access["sub"] and "email" not in access
    assert id_["cognito:username"] == id_["sub"] == access["sub"]
    assert id_["aud"] == w.client_id and id_["email"] == name


def forgot_password_delivery(w: World) -> None:
    """test_forgot_password_with_email_delivery_details: email_verified "True" counts."""
    make_pool(w, recovery=RECOVER_BY_EMAIL)
    w.idp.admin_create_user(
        UserPoolId=w.pool_id,
        Username="dee",
        UserAttributes=[
            {"Name": "email", "Value": "test@test.com"},
            {"Name": "email_verified", "Value": "True"},
        ],
    )
    w.idp.admin_set_user_password(
        UserPoolId=w.pool_id, Username="dee", Password="secretP2ss!", Permanent=True
    )
    sent = w.idp.forgot_password(ClientId=w.client_id, Username="dee")
    assert sent["CodeDeliveryDetails"] == EMAIL_DELIVERY


def totp_code_signs_in_once(w: World) -> None:
    """The comment in the MFA tests: a code VerifySoftwareToken took cannot sign in.

    "AWS needs a new user code, otherwise they will throw an exception
    ExpiredCodeException: Your software token has already been used once."
    """
    make_pool(w, generate_secret=True, with_mfa="ON")
    setup = signed_up(w)
    associated = w.idp.associate_software_token(Session=setup["Session"])
    secret, code = associated["SecretCode"], w.now_code(associated["SecretCode"])
    w.idp.verify_software_token(Session=associated["Session"], UserCode=code)
    again, _ = srp_sign_in(w, "ann", "P2$Sword")
    with pytest.raises(ClientError) as err:
        mfa_answer(w, again["Session"], again["ChallengeName"], code, "ann")
    assert err.value.response["Error"] == {
        "Code": "ExpiredCodeException",
        "Message": "Your software token has already been used once.",
    }
    w.cloud.advance(30)  # the next step's code is new: accepted
    fresh = w.now_code(secret)
    second, _ = srp_sign_in(w, "ann", "P2$Sword")
    tokens_issued(mfa_answer(w, second["Session"], second["ChallengeName"], fresh, "ann"))
    third, _ = srp_sign_in(w, "ann", "P2$Sword")  # and that one is spent too
    with pytest.raises(ClientError) as err:
        mfa_answer(w, third["Session"], third["ChallengeName"], fresh, "ann")
    assert err.value.response["Error"]["Code"] == "ExpiredCodeException"


def id_token_carries_attributes(w: World) -> None:
    """floci#984, an ID token captured from a real pool: standard and custom attributes
    are claims, and email_verified is a JSON boolean."""
    w.pool_id = w.idp.create_user_pool(
        PoolName="p", Schema=[{"Name": "institution_id", "AttributeDataType": "String"}]
    )["UserPool"]["Id"]
    w.client_id = w.idp.create_user_pool_client(
        UserPoolId=w.pool_id, ClientName="c", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    attributes = {
        "email": "test@example.com",
        "email_verified": "true",
        "given_name": "Test",
        "family_name": "User",
        "custom:institution_id": "inst-001",
    }
    w.idp.admin_create_user(
        UserPoolId=w.pool_id,
        Username="test",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
    )
    w.idp.admin_set_user_password(
        UserPoolId=w.pool_id, Username="test", Password="P2$Sword", Permanent=True
    )
    auth = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "test", "PASSWORD": "P2$Sword"},
    )["AuthenticationResult"]
    id_ = claims(auth["IdToken"])
    assert {k: id_[k] for k in attributes} == {**attributes, "email_verified": True}
    assert id_["token_use"] == "id" and id_["cognito:username"] == "test"


def client_listing_is_a_description(w: World) -> None:
    """floci#416 (ListUserPoolClients as documented): id, name and pool only, no secret."""
    make_pool(w, generate_secret=True)
    listed = w.idp.list_user_pool_clients(UserPoolId=w.pool_id, MaxResults=10)
    assert listed["UserPoolClients"] == [
        {"ClientId": w.client_id, "UserPoolId": w.pool_id, "ClientName": "TestAppClient"}
    ]


FLOWS: list[Callable[[World], None]] = [
    id_token_carries_attributes,
    client_listing_is_a_description,
    force_password_change_over_srp,
    groups_in_access_token,
    mfa_on_sets_up_through_session,
    mfa_optional_after_preference,
    mfa_on_after_new_password,
    refresh_token_claims,
    password_auth_claims,
    email_username_claims,
    forgot_password_delivery,
    totp_code_signs_in_once,
]


@pytest.mark.parametrize("flow", FLOWS, ids=[f.__name__ for f in FLOWS])
def test_verified_flow(world: World, flow: Callable[[World], None]) -> None:
    flow(world)


# -- SignUp's CodeDeliveryDetails (moto: test_sign_up*, all aws_verified) ---------------------


@dataclass(frozen=True)
class SignUpRow:
    source: str
    pool: dict[str, Any]
    attributes: list[dict[str, str]]
    delivery: dict[str, str] | None


SIGN_UPS = [
    SignUpRow("test_sign_up", {}, [], None),
    SignUpRow(
        "test_sign_up_with_unverified_email",
        {"recovery": RECOVER_BY_EMAIL},
        [{"Name": "email", "Value": "test@test.com"}],
        None,
    ),
    SignUpRow(
        "test_sign_up_with_verified_email",
        {"recovery": RECOVER_BY_EMAIL, "verified_attributes": ["email"]},
        [{"Name": "email", "Value": "test@test.com"}],
        EMAIL_DELIVERY,
    ),
    SignUpRow(
        "test_sign_up_with_verified_but_not_supplied_email",
        {"recovery": RECOVER_BY_EMAIL, "verified_attributes": ["email"]},
        [],
        None,
    ),
]


@pytest.mark.parametrize("row", SIGN_UPS, ids=[r.source for r in SIGN_UPS])
def test_sign_up_delivery(world: World, row: SignUpRow) -> None:
    make_pool(world, **row.pool)
    out = world.idp.sign_up(
        ClientId=world.client_id, Username="eve", Password="P2$Sword", UserAttributes=row.attributes
    )
    assert out["UserConfirmed"] is False and out["UserSub"]
    assert out.get("CodeDeliveryDetails") == row.delivery

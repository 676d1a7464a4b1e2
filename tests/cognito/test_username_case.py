"""UsernameConfiguration.CaseSensitive: every lookup of a user by name (sign-in, refresh,
challenge answers, access tokens, admin operations) follows the pool's case rule."""

from __future__ import annotations

from typing import Any

import pytest
from pycognito.aws_srp import AWSSRP

from pyserverless import Cloud
from pyserverless.cognito import AppClient, UserPool
from pyserverless.cognito._errors import (
    NotAuthorizedException,
    UsernameExistsException,
    UserNotFoundException,
)
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

PASSWORD = "Passw0rd!"
NEW_PASSWORD = "N3w-Passw0rd!"


def make(cloud: Cloud, sensitive: bool | None) -> tuple[UserPool, AppClient, Any]:
    params: dict[str, Any] = {}
    if sensitive is not None:
        params["UsernameConfiguration"] = {"CaseSensitive": sensitive}
    pool = cloud.cognito.create_user_pool("p", **params)
    return pool, pool.create_client("c", ExplicitAuthFlows=FLOWS), cloud.client("cognito-idp")


def password_login(idp: Any, app: AppClient, username: str) -> dict[str, Any]:
    out: dict[str, Any] = idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
    )
    return out


@pytest.fixture
def insensitive(cloud: Cloud) -> tuple[UserPool, AppClient, Any]:
    pool, app, idp = make(cloud, False)
    idp.sign_up(ClientId=app.client_id, Username="Ada", Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="Ada")
    return pool, app, idp


class TestCaseInsensitive:
    """CaseSensitive=false: "Ada" signs up, "ADA" and "ada" are the same user."""

    def test_login_in_any_case(self, insensitive: tuple[Any, ...]) -> None:
        """USER_PASSWORD_AUTH as "ADA" signs in "Ada"; the token keeps the stored case."""
        pool, app, idp = insensitive
        result = password_login(idp, app, "ADA")["AuthenticationResult"]
        assert pool.verify(result["AccessToken"], token_use="access")["username"] == "Ada"
        assert pool.verify(result["IdToken"], token_use="id")["cognito:username"] == "Ada"

    def test_srp_login_in_any_case(self, insensitive: tuple[Any, ...]) -> None:
        """pycognito's SRP as "aDA" signs in: USER_ID_FOR_SRP is the stored username."""
        pool, app, idp = insensitive
        srp = AWSSRP(
            username="aDA", password=PASSWORD, pool_id=pool.id, client_id=app.client_id, client=idp
        )
        tokens = srp.authenticate_user()["AuthenticationResult"]
        assert pool.verify(tokens["AccessToken"], token_use="access")["username"] == "Ada"

    def test_refresh_after_mixed_case_login(self, insensitive: tuple[Any, ...]) -> None:
        """REFRESH_TOKEN_AUTH finds the user whatever case it signed in with."""
        pool, app, idp = insensitive
        first = password_login(idp, app, "ADA")["AuthenticationResult"]
        out = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": first["RefreshToken"], "USERNAME": "ADA"},
        )
        claims = pool.verify(out["AuthenticationResult"]["AccessToken"], token_use="access")
        assert claims["username"] == "Ada"
        assert claims["origin_jti"] == pool.verify(first["AccessToken"])["origin_jti"]

    def test_new_password_challenge(self, cloud: Cloud) -> None:
        """NEW_PASSWORD_REQUIRED, started and answered as "ADA", finds "Ada"."""
        pool, app, idp = make(cloud, False)
        idp.admin_create_user(
            UserPoolId=pool.id, Username="Ada", TemporaryPassword=PASSWORD, MessageAction="SUPPRESS"
        )
        out = password_login(idp, app, "ADA")
        assert out["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
        done = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=out["Session"],
            ChallengeResponses={"USERNAME": "ADA", "NEW_PASSWORD": NEW_PASSWORD},
        )
        access = done["AuthenticationResult"]["AccessToken"]
        assert pool.verify(access, token_use="access")["username"] == "Ada"
        assert idp.admin_get_user(UserPoolId=pool.id, Username="ada")["UserStatus"] == "CONFIRMED"

    def test_custom_challenge_answer(self, cloud: Cloud) -> None:
        """A CUSTOM_AUTH round started as "ADA" is answered for "Ada"."""
        pool, app, idp = make(cloud, False)
        idp.sign_up(ClientId=app.client_id, Username="Ada", Password=PASSWORD)
        idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="aDa")
        pool.set_trigger(
            "DefineAuthChallenge",
            lambda e, c: {
                **e,
                "response": {
                    "issueTokens": bool(e["request"]["session"]),
                    "failAuthentication": False,
                    "challengeName": "CUSTOM_CHALLENGE",
                },
            },
        )
        pool.set_trigger("CreateAuthChallenge", lambda e, c: e)
        pool.set_trigger(
            "VerifyAuthChallengeResponse", lambda e, c: {**e, "response": {"answerCorrect": True}}
        )
        out = idp.initiate_auth(
            ClientId=app.client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "ADA"}
        )
        assert out["ChallengeParameters"]["USERNAME"] == "Ada"
        done = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="CUSTOM_CHALLENGE",
            Session=out["Session"],
            ChallengeResponses={"USERNAME": "ADA", "ANSWER": "x"},
        )
        assert pool.verify(done["AuthenticationResult"]["IdToken"], token_use="id")

    def test_access_token_operations(self, insensitive: tuple[Any, ...]) -> None:
        """GetUser with a token from an "ADA" login answers for "Ada"."""
        _, app, idp = insensitive
        access = password_login(idp, app, "ADA")["AuthenticationResult"]["AccessToken"]
        assert idp.get_user(AccessToken=access)["Username"] == "Ada"

    def test_admin_operations(self, insensitive: tuple[Any, ...]) -> None:
        """Admin operations take any case and act on the one user."""
        pool, app, idp = insensitive
        assert idp.admin_get_user(UserPoolId=pool.id, Username="ADA")["Username"] == "Ada"
        idp.create_group(UserPoolId=pool.id, GroupName="g")
        idp.admin_add_user_to_group(UserPoolId=pool.id, Username="aDA", GroupName="g")
        groups = idp.admin_list_groups_for_user(UserPoolId=pool.id, Username="ada")["Groups"]
        assert [g["GroupName"] for g in groups] == ["g"]
        members = idp.list_users_in_group(UserPoolId=pool.id, GroupName="g")["Users"]
        assert [u["Username"] for u in members] == ["Ada"]
        idp.admin_disable_user(UserPoolId=pool.id, Username="ADA")
        with pytest.raises(NotAuthorizedException):
            password_login(idp, app, "ada")
        idp.admin_enable_user(UserPoolId=pool.id, Username="adA")
        assert password_login(idp, app, "ada")["AuthenticationResult"]
        idp.admin_delete_user(UserPoolId=pool.id, Username="ADA")
        assert pool.users() == []
        pool._check()

    def test_sign_up_in_other_case_exists(self, insensitive: tuple[Any, ...]) -> None:
        """Signing up "ADA" when "Ada" exists is UsernameExistsException; nobody is added."""
        pool, app, idp = insensitive
        with pytest.raises(UsernameExistsException):
            idp.sign_up(ClientId=app.client_id, Username="ADA", Password=PASSWORD)
        assert len(pool.users()) == 1

    def test_reused_name_does_not_inherit_refresh(self, insensitive: tuple[Any, ...]) -> None:
        """A refresh token of a deleted "Ada" does not sign in a new "ADA"."""
        pool, app, idp = insensitive
        first = password_login(idp, app, "Ada")["AuthenticationResult"]
        access = first["AccessToken"]
        idp.admin_delete_user(UserPoolId=pool.id, Username="ada")
        idp.sign_up(ClientId=app.client_id, Username="ADA", Password=PASSWORD)
        idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="ADA")
        with pytest.raises(NotAuthorizedException):
            idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
            )
        with pytest.raises((NotAuthorizedException, UserNotFoundException)):
            idp.get_user(AccessToken=access)


class TestCaseSensitive:
    """CaseSensitive=true (and the API default): "Ada" and "ADA" are different users."""

    @pytest.mark.parametrize("sensitive", [True, None])
    def test_other_case_is_another_user(self, cloud: Cloud, sensitive: bool | None) -> None:
        """Login and admin lookups as "ADA" do not find "Ada"; "ADA" may sign up too."""
        pool, app, idp = make(cloud, sensitive)
        idp.sign_up(ClientId=app.client_id, Username="Ada", Password=PASSWORD)
        idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="Ada")
        with pytest.raises(UserNotFoundException):
            password_login(idp, app, "ADA")
        with pytest.raises(UserNotFoundException):
            idp.admin_get_user(UserPoolId=pool.id, Username="ADA")
        idp.sign_up(ClientId=app.client_id, Username="ADA", Password=PASSWORD)
        assert sorted(u.username for u in pool.users()) == ["ADA", "Ada"]

    def test_refresh_and_challenge(self, cloud: Cloud) -> None:
        """Refresh and NEW_PASSWORD_REQUIRED work for the exact name."""
        pool, app, idp = make(cloud, True)
        idp.admin_create_user(
            UserPoolId=pool.id, Username="Ada", TemporaryPassword=PASSWORD, MessageAction="SUPPRESS"
        )
        out = password_login(idp, app, "Ada")
        done = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=out["Session"],
            ChallengeResponses={"USERNAME": "Ada", "NEW_PASSWORD": NEW_PASSWORD},
        )
        refresh = done["AuthenticationResult"]["RefreshToken"]
        again = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh},
        )
        claims = pool.verify(again["AuthenticationResult"]["AccessToken"], token_use="access")
        assert claims["username"] == "Ada"

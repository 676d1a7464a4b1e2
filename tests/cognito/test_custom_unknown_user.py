"""CUSTOM_AUTH for a name that matches nobody, on a client with PreventUserExistenceErrors:
the challenge triggers still run, told userNotFound, and the flow fails only at its end."""

from __future__ import annotations

from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import models

from pyserverless import Cloud
from pyserverless.cognito import AppClient, UserPool
from pyserverless.cognito._errors import NotAuthorizedException, UserNotFoundException
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

PASSWORD = "Passw0rd!"
INCORRECT = "Incorrect username or password."


class Triggers:
    """Define/create/verify: one math question, then tokens if it was answered right."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def define(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        session = event["request"]["session"]
        if session:
            ok = session[-1]["challengeResult"]
            event["response"].update(issueTokens=ok, failAuthentication=not ok)
        else:
            event["response"].update(challengeName="CUSTOM_CHALLENGE")
        return event

    def create(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        event["response"].update(
            publicChallengeParameters={"question": "2+2?"},
            privateChallengeParameters={"answer": "4"},
        )
        return event

    def verify(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        right = event["request"]["privateChallengeParameters"]["answer"]
        event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == right
        return event


def setup(
    cloud: Cloud, prevent: str = "ENABLED", **client: Any
) -> tuple[UserPool, AppClient, Any, Triggers]:
    hooks = Triggers()
    pool = cloud.cognito.create_user_pool(
        "p",
        triggers={
            "DefineAuthChallenge": hooks.define,
            "CreateAuthChallenge": hooks.create,
            "VerifyAuthChallengeResponse": hooks.verify,
        },
    )
    app = pool.create_client(
        "c", ExplicitAuthFlows=FLOWS, PreventUserExistenceErrors=prevent, **client
    )
    return pool, app, cloud.client("cognito-idp"), hooks


def start(idp: Any, app: AppClient, username: str, **auth: str) -> dict[str, Any]:
    out: dict[str, Any] = idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={"USERNAME": username, **auth},
    )
    return out


def answer(idp: Any, app: AppClient, out: dict[str, Any], text: str, **extra: str) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=app.client_id,
        ChallengeName="CUSTOM_CHALLENGE",
        Session=out["Session"],
        ChallengeResponses={"USERNAME": out["ChallengeParameters"]["USERNAME"], "ANSWER": text},
        **extra,
    )


class TestUnknownUserCustomAuth:
    """InitiateAuth CUSTOM_AUTH + RespondToAuthChallenge for an unknown name."""

    def test_flow_runs_then_fails(self, cloud: Cloud) -> None:
        """A challenge comes back like a real user's; the right answer still fails at the end."""
        pool, app, idp, _ = setup(cloud)
        out = start(idp, app, "ghost")
        assert out["ChallengeName"] == "CUSTOM_CHALLENGE"
        assert out["ChallengeParameters"] == {"question": "2+2?", "USERNAME": "ghost"}
        with pytest.raises(NotAuthorizedException) as err:
            answer(idp, app, out, "4")
        assert err.value.message == INCORRECT
        assert pool.users() == [] and pool.engine.pools[pool.id].sessions == {}

    def test_triggers_told_user_not_found(self, cloud: Cloud) -> None:
        """Every challenge trigger gets userNotFound=true, no attributes, the name as given."""
        _, app, idp, hooks = setup(cloud)
        out = start(idp, app, "ghost")
        with pytest.raises(NotAuthorizedException):
            answer(idp, app, out, "4")
        define, create, verify, last = hooks.events
        models.CognitoDefineAuthChallengeTriggerModel.model_validate(define)
        models.CognitoCreateAuthChallengeTriggerModel.model_validate(create)
        models.CognitoVerifyAuthChallengeTriggerModel.model_validate(verify)
        for event in hooks.events:
            assert event["request"]["userNotFound"] is True
            assert event["request"]["userAttributes"] == {}
            assert event["userName"] == "ghost"
        assert last["request"]["session"][0]["challengeResult"] is True

    def test_wrong_answer_same_error(self, cloud: Cloud) -> None:
        """A wrong answer fails with the same message as the right one."""
        _, app, idp, _ = setup(cloud)
        with pytest.raises(NotAuthorizedException) as err:
            answer(idp, app, start(idp, app, "ghost"), "5")
        assert err.value.message == INCORRECT

    def test_known_user_still_signs_in(self, cloud: Cloud) -> None:
        """A real user on the same client gets tokens, with userNotFound=false."""
        pool, app, idp, hooks = setup(cloud)
        idp.sign_up(ClientId=app.client_id, Username="ann", Password=PASSWORD)
        idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="ann")
        done = answer(idp, app, start(idp, app, "ann"), "4")
        assert pool.verify(done["AuthenticationResult"]["AccessToken"])["username"] == "ann"
        assert {e["request"]["userNotFound"] for e in hooks.events} == {False}

    def test_session_replay_refused(self, cloud: Cloud) -> None:
        """The unknown user's challenge session answers once, like a real one."""
        _, app, idp, _ = setup(cloud)
        out = start(idp, app, "ghost")
        with pytest.raises(NotAuthorizedException):
            answer(idp, app, out, "4")
        with pytest.raises(NotAuthorizedException) as err:
            answer(idp, app, out, "4")
        assert err.value.message == "Invalid session for the user."

    def test_secret_hash_checked(self, cloud: Cloud) -> None:
        """With a client secret, a missing SECRET_HASH is refused before any trigger runs."""
        _, app, idp, hooks = setup(cloud, GenerateSecret=True)
        with pytest.raises(NotAuthorizedException) as err:
            start(idp, app, "ghost")
        assert "SECRET_HASH" in err.value.message
        assert hooks.events == []

    def test_legacy_client_says_user_not_found(self, cloud: Cloud) -> None:
        """Without PreventUserExistenceErrors, the unknown name is UserNotFoundException."""
        _, app, idp, hooks = setup(cloud, prevent="LEGACY")
        with pytest.raises(UserNotFoundException):
            start(idp, app, "ghost")
        assert hooks.events == []

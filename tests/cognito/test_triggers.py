"""Lambda triggers: event shapes checked by aws-lambda-powertools' models, and their effects."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import (
    DefineAuthChallengeTriggerEvent,
    PreTokenGenerationV2TriggerEvent,
)
from aws_lambda_powertools.utilities.parser import models

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import UserPool
from pyserverless.cognito._errors import (
    InvalidLambdaResponseException,
    NotAuthorizedException,
    UnexpectedLambdaException,
    UserLambdaValidationException,
    UserNotFoundException,
)
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

PASSWORD = "Passw0rd!"


class Recorder:
    """A trigger that records events and applies a response."""

    def __init__(self, response: dict[str, Any] | None = None) -> None:
        self.events: list[dict[str, Any]] = []
        self.response = response or {}

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        event["response"].update(self.response)
        return event


def user_pool(cloud: Cloud, **triggers: Any) -> tuple[UserPool, Any, Any]:
    pool = cloud.cognito.create_user_pool("p", AutoVerifiedAttributes=["email"], triggers=triggers)
    return pool, pool.create_client("c", ExplicitAuthFlows=FLOWS), cloud.client("cognito-idp")


def sign_up(idp: Any, app: Any, username: str = "ann") -> dict[str, Any]:
    out: dict[str, Any] = idp.sign_up(
        ClientId=app.client_id,
        Username=username,
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
        ValidationData=[{"Name": "invite", "Value": "x1"}],
    )
    return out


def confirmed_user(idp: Any, pool: UserPool, username: str = "ann") -> None:
    idp.admin_create_user(
        UserPoolId=pool.id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    idp.admin_set_user_password(
        UserPoolId=pool.id, Username=username, Password=PASSWORD, Permanent=True
    )


def password_login(idp: Any, app: Any, username: str = "ann") -> dict[str, Any]:
    out: dict[str, Any] = idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
    )
    return out


class TestPreSignUp:
    def test_event_and_auto_confirm(self, cloud: Cloud) -> None:
        """The event validates; autoConfirmUser/autoVerifyEmail confirm without a code."""
        hook = Recorder({"autoConfirmUser": True, "autoVerifyEmail": True})
        pool, app, idp = user_pool(cloud, PreSignUp=hook)
        out = sign_up(idp, app)
        assert out["UserConfirmed"] is True and "CodeDeliveryDetails" not in out
        parsed = models.CognitoPreSignupTriggerModel.model_validate(hook.events[0])
        assert parsed.request.userAttributes == {"email": "ann@example.com"}
        assert parsed.request.validationData == {"invite": "x1"}
        assert parsed.userPoolId == pool.id and parsed.callerContext.clientId == app.client_id
        user = idp.admin_get_user(UserPoolId=pool.id, Username="ann")
        assert user["UserStatus"] == "CONFIRMED"
        assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
        assert pool.outbox == []

    def test_failure_blocks_sign_up(self, cloud: Cloud) -> None:
        """A raising trigger is UserLambdaValidationException and creates nobody."""

        def deny(event: dict[str, Any]) -> None:
            raise ValueError("no thanks")

        pool, app, idp = user_pool(cloud, PreSignUp=deny)
        with pytest.raises(UserLambdaValidationException) as err:
            sign_up(idp, app)
        assert err.value.message == "PreSignUp failed with error no thanks."
        assert pool.users() == []

    def test_admin_create_user_source(self, cloud: Cloud) -> None:
        """AdminCreateUser fires PreSignUp_AdminCreateUser."""
        hook = Recorder()
        pool, _, idp = user_pool(cloud, PreSignUp=hook)
        idp.admin_create_user(UserPoolId=pool.id, Username="bob", MessageAction="SUPPRESS")
        assert hook.events[0]["triggerSource"] == "PreSignUp_AdminCreateUser"


class TestPostConfirmation:
    def test_event(self, cloud: Cloud) -> None:
        """ConfirmSignUp fires PostConfirmation_ConfirmSignUp with the user's attributes."""
        hook = Recorder()
        pool, app, idp = user_pool(cloud, PostConfirmation=hook)
        sign_up(idp, app)
        idp.confirm_sign_up(
            ClientId=app.client_id, Username="ann", ConfirmationCode=pool.last_code()
        )
        parsed = models.CognitoPostConfirmationTriggerModel.model_validate(hook.events[0])
        assert parsed.request.userAttributes["email_verified"] == "true"

    def test_trigger_may_call_back(self, cloud: Cloud) -> None:
        """A trigger can call the pool (add the new user to a group) without deadlock."""
        idp = cloud.client("cognito-idp")

        def add_to_group(event: dict[str, Any], context: Any) -> dict[str, Any]:
            idp.admin_add_user_to_group(
                UserPoolId=event["userPoolId"], Username=event["userName"], GroupName="members"
            )
            return event

        pool, app, idp = user_pool(cloud, PostConfirmation=add_to_group)
        idp.create_group(UserPoolId=pool.id, GroupName="members")
        sign_up(idp, app)
        idp.confirm_sign_up(
            ClientId=app.client_id, Username="ann", ConfirmationCode=pool.last_code()
        )
        assert pool.engine.pools[pool.id].groups["members"].members == {"ann"}


class TestAuthenticationTriggers:
    def test_pre_and_post(self, cloud: Cloud) -> None:
        """Pre and post authentication fire with valid events; pre can deny."""
        pre, post = Recorder(), Recorder()
        pool, app, idp = user_pool(cloud, PreAuthentication=pre, PostAuthentication=post)
        confirmed_user(idp, pool)
        password_login(idp, app)
        models.CognitoPreAuthenticationTriggerModel.model_validate(pre.events[0])
        models.CognitoPostAuthenticationTriggerModel.model_validate(post.events[0])

        def deny(event: dict[str, Any]) -> None:
            raise RuntimeError("blocked")

        pool.set_trigger("PreAuthentication", deny)
        with pytest.raises(UserLambdaValidationException) as err:
            password_login(idp, app)
        assert err.value.message == "PreAuthentication failed with error blocked."

    def test_hidden_unknown_user_and_validation_data(self, cloud: Cloud) -> None:
        """With PreventUserExistenceErrors, pre authentication also runs for unknown users
        (userNotFound); ClientMetadata arrives as validationData."""
        pre = Recorder()
        pool = cloud.cognito.create_user_pool("p", triggers={"PreAuthentication": pre})
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS, PreventUserExistenceErrors="ENABLED")
        idp = cloud.client("cognito-idp")
        with pytest.raises(NotAuthorizedException):
            idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ghost", "PASSWORD": PASSWORD},
                ClientMetadata={"device": "kiosk"},
            )
        parsed = models.CognitoPreAuthenticationTriggerModel.model_validate(pre.events[0])
        assert parsed.userName == "ghost"
        assert pre.events[0]["request"]["userNotFound"] is True
        assert pre.events[0]["request"]["validationData"] == {"device": "kiosk"}

    def test_legacy_client_skips_it_for_unknown_users(self, cloud: Cloud) -> None:
        """Without the setting, an unknown user never reaches pre authentication."""
        pre = Recorder()
        _, app, idp = user_pool(cloud, PreAuthentication=pre)
        with pytest.raises(UserNotFoundException):
            password_login(idp, app, "ghost")
        assert pre.events == []


class TestPreTokenGeneration:
    def test_v1_claims_and_groups(self, cloud: Cloud) -> None:
        """V1 adds and suppresses ID-token claims and overrides groups."""
        hook = Recorder(
            {
                "claimsOverrideDetails": {
                    "claimsToAddOrOverride": {"tenant": "acme", "sub": "hijack"},
                    "claimsToSuppress": ["email"],
                    "groupOverrideDetails": {"groupsToOverride": ["vip"]},
                }
            }
        )
        pool, app, idp = user_pool(cloud, PreTokenGeneration=hook)
        confirmed_user(idp, pool)
        idp.create_group(UserPoolId=pool.id, GroupName="staff")
        idp.admin_add_user_to_group(UserPoolId=pool.id, Username="ann", GroupName="staff")
        result = password_login(idp, app)["AuthenticationResult"]
        parsed = models.CognitoPreTokenGenerationTriggerModelV1.model_validate(hook.events[0])
        assert parsed.request.groupConfiguration.groupsToOverride == ["staff"]
        assert parsed.triggerSource == "TokenGeneration_Authentication"
        claims = pool.verify(result["IdToken"], token_use="id")
        assert claims["tenant"] == "acme" and "email" not in claims
        assert claims["sub"] != "hijack"
        assert claims["cognito:groups"] == ["vip"]
        access = pool.verify(result["AccessToken"])
        assert "tenant" not in access and access["cognito:groups"] == ["vip"]

    def test_v2_access_token_and_scopes(self, cloud: Cloud) -> None:
        """V2 customises the access token and its scopes."""
        hook = Recorder(
            {
                "claimsAndScopeOverrideDetails": {
                    "accessTokenGeneration": {
                        "claimsToAddOrOverride": {"plan": "pro"},
                        "scopesToAdd": ["orders/read"],
                    },
                    "idTokenGeneration": {"claimsToSuppress": ["email_verified"]},
                }
            }
        )
        pool = cloud.cognito.create_user_pool(
            "p",
            LambdaConfig={"PreTokenGenerationConfig": {"LambdaVersion": "V2_0"}},
            triggers={"PreTokenGeneration": hook},
        )
        app, idp = pool.create_client("c", ExplicitAuthFlows=FLOWS), cloud.client("cognito-idp")
        confirmed_user(idp, pool)
        result = password_login(idp, app)["AuthenticationResult"]
        event = PreTokenGenerationV2TriggerEvent(hook.events[0])
        assert event.version == "2" and event.request.scopes == ["aws.cognito.signin.user.admin"]
        access = pool.verify(result["AccessToken"])
        assert access["plan"] == "pro"
        assert access["scope"] == "aws.cognito.signin.user.admin orders/read"
        assert "email_verified" not in pool.verify(result["IdToken"], token_use="id")

    def test_refresh_source(self, cloud: Cloud) -> None:
        """Refreshing fires TokenGeneration_RefreshTokens."""
        hook = Recorder()
        pool, app, idp = user_pool(cloud, PreTokenGeneration=hook)
        confirmed_user(idp, pool)
        refresh = password_login(idp, app)["AuthenticationResult"]["RefreshToken"]
        idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh},
        )
        assert hook.events[-1]["triggerSource"] == "TokenGeneration_RefreshTokens"


class TestCustomMessage:
    def test_rewrites_the_email(self, cloud: Cloud) -> None:
        """The custom message replaces subject and body; the code is substituted."""
        hook = Recorder({"emailSubject": "Welcome!", "emailMessage": "Hi, your code is {####}"})
        pool, app, idp = user_pool(cloud, CustomMessage=hook)
        sign_up(idp, app)
        parsed = models.CognitoCustomMessageTriggerModel.model_validate(hook.events[0])
        assert parsed.triggerSource == "CustomMessage_SignUp"
        assert parsed.request.codeParameter == "{####}"
        msg = pool.outbox[-1]
        assert msg.subject == "Welcome!" and msg.body == f"Hi, your code is {msg.code}"


class TestCustomAuth:
    def _pool(self, cloud: Cloud) -> tuple[UserPool, Any, Any, list[dict[str, Any]]]:
        seen: list[dict[str, Any]] = []

        def define(event: dict[str, Any], context: Any) -> dict[str, Any]:
            seen.append(event)
            session = event["request"]["session"]
            if session and session[-1]["challengeResult"]:
                event["response"].update(issueTokens=True, failAuthentication=False)
            elif len(session) >= 2:
                event["response"].update(issueTokens=False, failAuthentication=True)
            else:
                event["response"].update(challengeName="CUSTOM_CHALLENGE")
            return event

        def create(event: dict[str, Any], context: Any) -> dict[str, Any]:
            seen.append(event)
            event["response"].update(
                publicChallengeParameters={"question": "2+2?"},
                privateChallengeParameters={"answer": "4"},
                challengeMetadata="MATH",
            )
            return event

        def verify(event: dict[str, Any], context: Any) -> dict[str, Any]:
            seen.append(event)
            answer = event["request"]["privateChallengeParameters"]["answer"]
            event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == answer
            return event

        pool, app, idp = user_pool(
            cloud,
            DefineAuthChallenge=define,
            CreateAuthChallenge=create,
            VerifyAuthChallengeResponse=verify,
        )
        confirmed_user(idp, pool)
        return pool, app, idp, seen

    def test_right_answer(self, cloud: Cloud) -> None:
        """Define/create/verify drive CUSTOM_CHALLENGE to tokens; events validate."""
        _, app, idp, seen = self._pool(cloud)
        challenge = idp.initiate_auth(
            ClientId=app.client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "ann"}
        )
        assert challenge["ChallengeName"] == "CUSTOM_CHALLENGE"
        assert challenge["ChallengeParameters"] == {"question": "2+2?", "USERNAME": "ann"}
        out = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="CUSTOM_CHALLENGE",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "ann", "ANSWER": "4"},
        )
        assert "AccessToken" in out["AuthenticationResult"]
        models.CognitoDefineAuthChallengeTriggerModel.model_validate(seen[0])
        models.CognitoCreateAuthChallengeTriggerModel.model_validate(seen[1])
        models.CognitoVerifyAuthChallengeTriggerModel.model_validate(seen[2])
        last = DefineAuthChallengeTriggerEvent(seen[3])
        assert [
            (s.challenge_name, s.challenge_result, s.challenge_metadata)
            for s in last.request.session
        ] == [("CUSTOM_CHALLENGE", True, "MATH")]

    def test_wrong_answers_fail(self, cloud: Cloud) -> None:
        """Two wrong answers and define fails the authentication."""
        _, app, idp, _ = self._pool(cloud)
        challenge = idp.initiate_auth(
            ClientId=app.client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "ann"}
        )
        again = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="CUSTOM_CHALLENGE",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "ann", "ANSWER": "5"},
        )
        assert again["ChallengeName"] == "CUSTOM_CHALLENGE"
        with pytest.raises(NotAuthorizedException):
            idp.respond_to_auth_challenge(
                ClientId=app.client_id,
                ChallengeName="CUSTOM_CHALLENGE",
                Session=again["Session"],
                ChallengeResponses={"USERNAME": "ann", "ANSWER": "3"},
            )


class TestLambdaFunctionTriggers:
    def test_function_object(self, cloud: Cloud) -> None:
        """A pyserverless Lambda Function works as a trigger, and its errors surface."""
        fn = cloud.lambda_.create_function(
            "presignup",
            handler=lambda event, ctx: {
                **event,
                "response": {**event["response"], "autoConfirmUser": True},
            },
        )
        _, app, idp = user_pool(cloud, PreSignUp=fn)  # a Function object, not a callable
        assert sign_up(idp, app)["UserConfirmed"] is True

    def test_lambda_arn_in_lambda_config(self, cloud: Cloud) -> None:
        """A LambdaConfig ARN resolves to the Cloud's Lambda function."""

        def fail(event: dict[str, Any], ctx: Any) -> None:
            raise ValueError("nope")

        fn = cloud.lambda_.create_function("deny", handler=fail)
        idp = cloud.client("cognito-idp")
        pool_id = idp.create_user_pool(PoolName="p", LambdaConfig={"PreSignUp": fn.arn})[
            "UserPool"
        ]["Id"]
        cid = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"][
            "ClientId"
        ]
        with pytest.raises(UserLambdaValidationException) as err:
            idp.sign_up(ClientId=cid, Username="ann", Password=PASSWORD)
        assert err.value.message == "PreSignUp failed with error nope."


# -- how Cognito calls a trigger: deadline, retries, errors ----------------------------------------
TIMED_OUT = (
    "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function."
)


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """An event hanging triggers wait on; set at teardown so no worker outlives the test."""
    gate = threading.Event()
    yield gate
    gate.set()


def quick_cloud(timeout: float = 0.1) -> Cloud:
    """A Cloud whose triggers must answer within ``timeout`` real seconds (AWS: 5)."""
    limits = {"cognito-idp": {"password_hash_cost": 1, "trigger_timeout_seconds": timeout}}
    return Cloud(clock=ManualClock(), seed=0, limits=limits)


class TestTriggerDeadline:
    def test_hanging_callable_is_tried_three_times(self, release: threading.Event) -> None:
        """A trigger that never answers is tried 3 times, then UnexpectedLambdaException."""
        calls: list[str] = []

        def hang(event: dict[str, Any]) -> None:
            calls.append(event["userName"])
            release.wait(10)

        pool, app, idp = user_pool(quick_cloud(), PreSignUp=hang)
        with pytest.raises(UnexpectedLambdaException) as err:
            sign_up(idp, app)
        assert err.value.message == TIMED_OUT
        assert [name for name, _ in pool.trigger_log] == ["PreSignUp"] * 3
        assert set(calls) == {"ann"}  # (a try may time out before its worker even starts)
        assert pool.users() == []

    def test_timeout_then_answer(self, release: threading.Event) -> None:
        """A try that times out is retried; the second answer counts."""
        calls: list[int] = []

        def slow_once(event: dict[str, Any], context: Any) -> dict[str, Any]:
            calls.append(1)
            if len(calls) == 1:
                release.wait(10)
            event["response"]["autoConfirmUser"] = True
            return event

        _, app, idp = user_pool(quick_cloud(0.3), PreSignUp=slow_once)
        assert sign_up(idp, app)["UserConfirmed"] is True
        assert len(calls) == 2

    def test_limit_is_cognito_limits_field(self) -> None:
        """The 5 s deadline and the 3 tries are CognitoLimits' defaults."""
        limits = Cloud(clock=ManualClock()).cognito.limits
        assert (limits.trigger_timeout_seconds, limits.trigger_attempts) == (5.0, 3)

    def test_virtual_time_does_not_count(self, cloud: Cloud) -> None:
        """The deadline is real time: a ManualClock jump inside the trigger is no timeout."""
        seen: dict[str, int] = {}

        def jump(event: dict[str, Any], context: Any) -> dict[str, Any]:
            cloud.advance(3600)
            seen["remaining"] = context.get_remaining_time_in_millis()
            return event

        _, app, idp = user_pool(cloud, PreSignUp=jump)
        assert sign_up(idp, app)["UserSub"]
        assert 0 < seen["remaining"] <= 5000

    def test_function_error_is_not_retried(self, cloud: Cloud) -> None:
        """A raising trigger is called once: only timeouts and throttles are retried."""
        calls: list[int] = []

        def deny(event: dict[str, Any]) -> None:
            calls.append(1)
            raise ValueError("nope")

        _, app, idp = user_pool(cloud, PreSignUp=deny)
        with pytest.raises(UserLambdaValidationException):
            sign_up(idp, app)
        assert calls == [1]

    @pytest.mark.parametrize("answer", ["text", ["a"], {"response": "yes"}])
    def test_unrecognizable_output(self, cloud: Cloud, answer: Any) -> None:
        """An answer that is not an event with a response object is refused as AWS does."""
        pool, app, idp = user_pool(cloud, PreSignUp=lambda event: answer)
        with pytest.raises(InvalidLambdaResponseException) as err:
            sign_up(idp, app)
        assert err.value.message == "Unrecognizable lambda output"
        assert pool.users() == []

    def test_print_reaches_stdout(self, cloud: Cloud, capsys: pytest.CaptureFixture[str]) -> None:
        """What a Python trigger prints still reaches the test's stdout."""

        def chatty(event: dict[str, Any]) -> None:
            print("pre sign-up for", event["userName"])

        _, app, idp = user_pool(cloud, PreSignUp=chatty)
        sign_up(idp, app)
        assert "pre sign-up for ann" in capsys.readouterr().out
        assert sys.stdout is not None


class TestLambdaFunctionDeadline:
    def test_throttled_function(self) -> None:
        """A function with no concurrency is throttled on every try: UnexpectedLambdaException."""
        cloud = quick_cloud(5.0)  # nothing hangs here: AWS's deadline
        fn = cloud.lambda_.create_function("gate", handler=lambda event, ctx: event)
        cloud.engine("lambda").put_function_concurrency("gate", 0)
        pool, app, idp = user_pool(cloud, PreSignUp=fn)
        with pytest.raises(UnexpectedLambdaException) as err:
            sign_up(idp, app)
        assert err.value.message == (
            "PreSignUp invocation failed due to error TooManyRequestsException."
        )
        assert len(pool.trigger_log) == 3

    def test_slow_function_hits_cognitos_deadline(self, release: threading.Event) -> None:
        """A function slower than Cognito's deadline (its own timeout longer) times out."""
        cloud = quick_cloud()

        def slow(event: dict[str, Any], ctx: Any) -> dict[str, Any]:
            release.wait(10)
            return event

        fn = cloud.lambda_.create_function("slow", handler=slow, timeout=30)
        pool, app, idp = user_pool(cloud, PreSignUp=fn)
        with pytest.raises(UnexpectedLambdaException) as err:
            sign_up(idp, app)
        assert err.value.message == TIMED_OUT
        assert len(pool.trigger_log) == 3

    def test_deleted_function(self, cloud: Cloud) -> None:
        """A LambdaConfig ARN whose function is gone fails as a missing permission."""
        fn = cloud.lambda_.create_function("gone", handler=lambda event, ctx: event)
        idp = cloud.client("cognito-idp")
        pool_id = idp.create_user_pool(PoolName="p", LambdaConfig={"PreSignUp": fn.arn})[
            "UserPool"
        ]["Id"]
        cid = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"][
            "ClientId"
        ]
        cloud.engine("lambda").delete_function("gone")
        with pytest.raises(UnexpectedLambdaException) as err:
            idp.sign_up(ClientId=cid, Username="ann", Password=PASSWORD)
        assert err.value.message == (
            "PreSignUp invocation failed due to error AccessDeniedException."
        )

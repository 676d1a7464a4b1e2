"""Authentication flows and challenges, with pycognito (SRP) and pyotp (TOTP) as oracles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyotp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pycognito.aws_srp import AWSSRP
from pycognito.exceptions import SoftwareTokenMFAChallengeException

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import (
    AppClient,
    EnableSoftwareTokenMFAException,
    SrpClient,
    UnsupportedTokenTypeException,
    UserPool,
    secret_hash,
)
from pyserverless.cognito._errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
    UserNotConfirmedException,
    UserNotFoundException,
)
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS
from pyserverless.cognito._srp import pad_hex

PASSWORD = "Passw0rd!"


def totp_now(secret: str, clock: ManualClock) -> str:
    return pyotp.TOTP(secret).at(clock.now())


def _srp_answer(idp: Any, pool: UserPool, app: AppClient, username: str) -> dict[str, str]:
    """Start USER_SRP_AUTH with pycognito and return its PASSWORD_VERIFIER answer."""
    srp = AWSSRP(
        username=username, password=PASSWORD, pool_id=pool.id, client_id=app.client_id, client=idp
    )
    auth = srp.get_auth_params()
    challenge = idp.initiate_auth(
        ClientId=app.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=auth
    )
    answer: dict[str, str] = srp.process_challenge(challenge["ChallengeParameters"], auth)
    return answer


class TestUserPasswordAuth:
    def test_success(self, make_user: Any, login: Any) -> None:
        """The right password returns AWS's AuthenticationResult."""
        make_user("ann")
        result = login()["AuthenticationResult"]
        assert result["TokenType"] == "Bearer" and result["ExpiresIn"] == 3600
        assert {"AccessToken", "IdToken", "RefreshToken"} <= set(result)

    def test_wrong_password(self, make_user: Any, login: Any) -> None:
        """A wrong password is NotAuthorizedException: Incorrect username or password."""
        make_user("ann")
        with pytest.raises(NotAuthorizedException) as err:
            login("ann", "Wr0ng-pass")
        assert err.value.message == "Incorrect username or password."

    def test_unknown_user(self, login: Any) -> None:
        """An unknown user is UserNotFoundException."""
        with pytest.raises(UserNotFoundException):
            login("ghost")

    def test_prevent_user_existence_errors(self, idp: Any, pool: UserPool) -> None:
        """With PreventUserExistenceErrors, an unknown user looks like a bad password."""
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS, PreventUserExistenceErrors="ENABLED")
        with pytest.raises(NotAuthorizedException):
            idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ghost", "PASSWORD": PASSWORD},
            )

    def test_unconfirmed(self, idp: Any, app: AppClient, login: Any) -> None:
        """An unconfirmed user is UserNotConfirmedException."""
        idp.sign_up(ClientId=app.client_id, Username="ann", Password=PASSWORD)
        with pytest.raises(UserNotConfirmedException) as err:
            login()
        assert err.value.message == "User is not confirmed."

    def test_flow_not_enabled(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """A flow missing from ExplicitAuthFlows is refused, as AWS words it."""
        make_user("ann")
        cid = idp.create_user_pool_client(UserPoolId=pool.id, ClientName="srp-only")[
            "UserPoolClient"
        ]["ClientId"]
        with pytest.raises(InvalidParameterException) as err:
            idp.initiate_auth(
                ClientId=cid,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
            )
        assert err.value.message == "USER_PASSWORD_AUTH flow not enabled for this client"

    def test_admin_flow_on_user_api(self, idp: Any, app: AppClient) -> None:
        """ADMIN_USER_PASSWORD_AUTH through InitiateAuth is not supported."""
        with pytest.raises(InvalidParameterException) as err:
            idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
            )
        assert err.value.message == "Initiate Auth method not supported."

    def test_admin_initiate(self, idp: Any, pool: UserPool, app: AppClient, make_user: Any) -> None:
        """AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH signs in."""
        make_user("ann")
        out = idp.admin_initiate_auth(
            UserPoolId=pool.id,
            ClientId=app.client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        assert "AccessToken" in out["AuthenticationResult"]

    def test_secret_hash(self, idp: Any, secret_app: AppClient, make_user: Any) -> None:
        """With a client secret, SECRET_HASH is required and checked."""
        make_user("ann")
        params = {"USERNAME": "ann", "PASSWORD": PASSWORD}
        with pytest.raises(NotAuthorizedException):
            idp.initiate_auth(
                ClientId=secret_app.client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=params
            )
        assert secret_app.secret is not None
        params["SECRET_HASH"] = secret_hash(secret_app.secret, "ann", secret_app.client_id)
        out = idp.initiate_auth(
            ClientId=secret_app.client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=params
        )
        assert "AuthenticationResult" in out

    def test_sign_in_by_email_alias(self, cloud: Cloud) -> None:
        """With AliasAttributes=[email], a verified email signs in as the user."""
        pool = cloud.cognito.create_user_pool("p", AliasAttributes=["email"])
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="ann",
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": "a@example.com"},
                {"Name": "email_verified", "Value": "true"},
            ],
        )
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="ann", Password=PASSWORD, Permanent=True
        )
        out = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "a@example.com", "PASSWORD": PASSWORD},
        )
        claims = pool.verify(out["AuthenticationResult"]["AccessToken"])
        assert claims["username"] == "ann"


class TestLockout:
    def test_locks_after_five_failures(
        self, make_user: Any, login: Any, clock: ManualClock
    ) -> None:
        """After 5 failures, attempts fail with 'Password attempts exceeded' until it lapses."""
        make_user("ann")
        for _ in range(5):
            with pytest.raises(NotAuthorizedException) as err:
                login("ann", "Wr0ng-pass")
            assert err.value.message == "Incorrect username or password."
        with pytest.raises(NotAuthorizedException) as err:
            login()  # even the right password, while locked
        assert err.value.message == "Password attempts exceeded"
        clock.advance(1)
        assert "AuthenticationResult" in login()

    def test_lock_doubles(self, make_user: Any, login: Any, clock: ManualClock) -> None:
        """Each further failure doubles the lock: the 7th failure locks for 4 s."""
        make_user("ann")
        for wait in (0, 0, 0, 0, 0, 1, 2):
            clock.advance(wait)
            with pytest.raises(NotAuthorizedException):
                login("ann", "Wr0ng-pass")
        clock.advance(3)
        with pytest.raises(NotAuthorizedException) as err:
            login()
        assert err.value.message == "Password attempts exceeded"
        clock.advance(1)
        assert "AuthenticationResult" in login()

    def test_forgotten_after_idle(self, make_user: Any, login: Any, clock: ManualClock) -> None:
        """Failures are forgotten after 15 minutes without attempts."""
        make_user("ann")
        for _ in range(4):
            with pytest.raises(NotAuthorizedException):
                login("ann", "Wr0ng-pass")
        clock.advance(15 * 60)
        with pytest.raises(NotAuthorizedException) as err:
            login("ann", "Wr0ng-pass")
        assert err.value.message == "Incorrect username or password."
        assert "AuthenticationResult" in login()


class TestSrp:
    def test_pycognito_logs_in(
        self, idp: Any, pool: UserPool, app: AppClient, make_user: Any
    ) -> None:
        """pycognito's AWSSRP signs in with the right password and gets valid tokens."""
        make_user("ann")
        srp = AWSSRP(
            username="ann", password=PASSWORD, pool_id=pool.id, client_id=app.client_id, client=idp
        )
        tokens = srp.authenticate_user()
        claims = pool.verify(tokens["AuthenticationResult"]["AccessToken"], token_use="access")
        assert claims["username"] == "ann"

    def test_pycognito_wrong_password(
        self, idp: Any, pool: UserPool, app: AppClient, make_user: Any
    ) -> None:
        """A wrong password's proof is rejected."""
        make_user("ann")
        srp = AWSSRP(
            username="ann",
            password="Wr0ng-pass",
            pool_id=pool.id,
            client_id=app.client_id,
            client=idp,
        )
        with pytest.raises(NotAuthorizedException) as err:
            srp.authenticate_user()
        assert err.value.message == "Incorrect username or password."

    def test_pycognito_with_secret(
        self, idp: Any, pool: UserPool, secret_app: AppClient, make_user: Any
    ) -> None:
        """SRP with a client secret sends and checks SECRET_HASH at both steps."""
        make_user("ann")
        srp = AWSSRP(
            username="ann",
            password=PASSWORD,
            pool_id=pool.id,
            client_id=secret_app.client_id,
            client=idp,
            client_secret=secret_app.secret,
        )
        assert "AuthenticationResult" in srp.authenticate_user()

    def test_email_username_pool_with_secret(self, cloud: Cloud) -> None:
        """In an email-as-username pool the SRP user id is the sub; pycognito still signs in."""
        pool = cloud.cognito.create_user_pool("p", UsernameAttributes=["email"])
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS, GenerateSecret=True)
        idp = cloud.client("cognito-idp")
        idp.admin_create_user(
            UserPoolId=pool.id, Username="ann@example.com", MessageAction="SUPPRESS"
        )
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="ann@example.com", Password=PASSWORD, Permanent=True
        )
        srp = AWSSRP(
            username="ann@example.com",
            password=PASSWORD,
            pool_id=pool.id,
            client_id=app.client_id,
            client=idp,
            client_secret=app.secret,
        )
        tokens = srp.authenticate_user()["AuthenticationResult"]
        claims = pool.verify(tokens["IdToken"], token_use="id")
        assert claims["cognito:username"] == claims["sub"]
        assert claims["email"] == "ann@example.com"

    def test_secret_block_single_use(
        self, idp: Any, pool: UserPool, app: AppClient, make_user: Any
    ) -> None:
        """A PASSWORD_VERIFIER answer cannot be replayed."""
        make_user("ann")
        answer = _srp_answer(idp, pool, app, "ann")
        idp.respond_to_auth_challenge(
            ClientId=app.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer
        )
        with pytest.raises(NotAuthorizedException):
            idp.respond_to_auth_challenge(
                ClientId=app.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer
            )

    def test_session_expires(
        self, idp: Any, pool: UserPool, app: AppClient, make_user: Any, clock: ManualClock
    ) -> None:
        """The SRP exchange expires after the client's AuthSessionValidity (3 min)."""
        make_user("ann")
        answer = _srp_answer(idp, pool, app, "ann")
        clock.advance(181)
        with pytest.raises(NotAuthorizedException) as err:
            idp.respond_to_auth_challenge(
                ClientId=app.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer
            )
        assert "session is expired" in err.value.message

    @settings(max_examples=10, deadline=None)
    @given(
        password=st.text(
            st.characters(min_codepoint=33, max_codepoint=0x2FFF), min_size=1, max_size=30
        )
    )
    def test_any_password_round_trips(self, password: str) -> None:
        """For any password, the SDK-side and pool-side SRP keys agree only when it matches."""
        from pyserverless.cognito._srp import SrpServer, make_verifier

        verifier = make_verifier("Abc123", "user", password, salt_int=0xABCDEF)
        server = SrpServer(verifier, b=0x1234567)
        client = SrpClient("Abc123", a=0x7654321)
        key = server.session_key(client.big_a)
        assert client.session_key("user", password, server.big_b, verifier.salt) == key
        assert client.session_key("user", password + "x", server.big_b, verifier.salt) != key


class TestSrpHidesUserExistence:
    """PreventUserExistenceErrors=ENABLED: USER_SRP_AUTH answers unknown users like known ones."""

    def _start(self, idp: Any, app: AppClient, username: str) -> dict[str, Any]:
        srp = SrpClient(app.pool_id.split("_", 1)[1], a=12345)
        out: dict[str, Any] = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_SRP_AUTH",
            AuthParameters={"USERNAME": username, "SRP_A": srp.srp_a},
        )
        return out

    def test_unknown_user_gets_a_challenge(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """An unknown user gets a PASSWORD_VERIFIER shaped like a real user's."""
        make_user("ann")
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS, PreventUserExistenceErrors="ENABLED")
        real = self._start(idp, app, "ann")
        fake = self._start(idp, app, "nobody")
        assert fake["ChallengeName"] == real["ChallengeName"] == "PASSWORD_VERIFIER"
        assert fake["ChallengeParameters"].keys() == real["ChallengeParameters"].keys()
        params = fake["ChallengeParameters"]
        assert params["USER_ID_FOR_SRP"] == params["USERNAME"] == "nobody"
        for salt in (params["SALT"], real["ChallengeParameters"]["SALT"]):
            assert pad_hex(int(salt, 16)) == salt and int(salt, 16).bit_length() <= 128
        assert int(params["SRP_B"], 16) > 0
        # The same name gets the same salt, as a real user would; another name another.
        assert self._start(idp, app, "nobody")["ChallengeParameters"]["SALT"] == params["SALT"]
        assert self._start(idp, app, "nobody2")["ChallengeParameters"]["SALT"] != params["SALT"]

    def test_fails_only_at_respond(self, idp: Any, pool: UserPool) -> None:
        """pycognito gets the challenge, answers it, and only then hears a generic refusal."""
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS, PreventUserExistenceErrors="ENABLED")
        srp = AWSSRP(
            username="nobody",
            password=PASSWORD,
            pool_id=pool.id,
            client_id=app.client_id,
            client=idp,
        )
        calls: list[str] = []
        original = idp.respond_to_auth_challenge

        def spy(**kwargs: Any) -> Any:
            calls.append(kwargs["ChallengeName"])
            return original(**kwargs)

        idp.respond_to_auth_challenge = spy
        with pytest.raises(NotAuthorizedException) as err:
            srp.authenticate_user()
        assert err.value.message == "Incorrect username or password."
        assert calls == ["PASSWORD_VERIFIER"]

    def test_email_pool_decoy_id_looks_like_a_sub(self, cloud: Cloud) -> None:
        """Where user ids are subs (email sign-in), the decoy's id is UUID-shaped too."""
        pool = cloud.cognito.create_user_pool("p", UsernameAttributes=["email"])
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS, PreventUserExistenceErrors="ENABLED")
        params = self._start(cloud.client("cognito-idp"), app, "who@example.com")[
            "ChallengeParameters"
        ]
        parts = params["USER_ID_FOR_SRP"].split("-")
        assert [len(p) for p in parts] == [8, 4, 4, 4, 12]

    def test_legacy_clients_still_say_not_found(self, idp: Any, app: AppClient) -> None:
        """Without the setting, an unknown user is UserNotFoundException at once."""
        with pytest.raises(UserNotFoundException):
            self._start(idp, app, "nobody")


class TestNewPasswordRequired:
    def test_challenge_and_answer(
        self, idp: Any, pool: UserPool, app: AppClient, login: Any
    ) -> None:
        """A temporary password leads to NEW_PASSWORD_REQUIRED; answering signs in."""
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="bob",
            TemporaryPassword="Temp0rary!",
            MessageAction="SUPPRESS",
        )
        challenge = login("bob", "Temp0rary!")
        assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
        assert challenge["ChallengeParameters"]["USER_ID_FOR_SRP"] == "bob"
        out = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=challenge["Session"],
            ChallengeResponses={
                "USERNAME": "bob",
                "NEW_PASSWORD": "N3w-pass!",
                "userAttributes.name": "Bob",
            },
        )
        assert "AccessToken" in out["AuthenticationResult"]
        user = idp.admin_get_user(UserPoolId=pool.id, Username="bob")
        assert user["UserStatus"] == "CONFIRMED"
        assert {"Name": "name", "Value": "Bob"} in user["UserAttributes"]

    def test_pycognito_new_password(self, idp: Any, pool: UserPool, app: AppClient) -> None:
        """pycognito's set_new_password_challenge completes the flow over SRP."""
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="bob",
            TemporaryPassword="Temp0rary!",
            MessageAction="SUPPRESS",
        )
        srp = AWSSRP(
            username="bob",
            password="Temp0rary!",
            pool_id=pool.id,
            client_id=app.client_id,
            client=idp,
        )
        out = srp.set_new_password_challenge("N3w-pass!")
        assert "AuthenticationResult" in out

    def test_temporary_password_expires(
        self, idp: Any, pool: UserPool, login: Any, clock: ManualClock
    ) -> None:
        """A temporary password older than 7 days no longer works."""
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="bob",
            TemporaryPassword="Temp0rary!",
            MessageAction="SUPPRESS",
        )
        clock.advance(dt.timedelta(days=7, seconds=1))
        with pytest.raises(NotAuthorizedException) as err:
            login("bob", "Temp0rary!")
        assert "Temporary password has expired" in err.value.message

    def test_bad_session(self, idp: Any, app: AppClient) -> None:
        """An unknown Session is NotAuthorizedException."""
        with pytest.raises(NotAuthorizedException) as err:
            idp.respond_to_auth_challenge(
                ClientId=app.client_id,
                ChallengeName="NEW_PASSWORD_REQUIRED",
                Session="n" * 40,
                ChallengeResponses={"NEW_PASSWORD": "N3w-pass!"},
            )
        assert err.value.message == "Invalid session for the user."


class TestSoftwareTokenMfa:
    def _enrol(self, idp: Any, login: Any, clock: ManualClock) -> str:
        token = login()["AuthenticationResult"]["AccessToken"]
        secret = idp.associate_software_token(AccessToken=token)["SecretCode"]
        out = idp.verify_software_token(AccessToken=token, UserCode=totp_now(secret, clock))
        assert out["Status"] == "SUCCESS"
        idp.set_user_mfa_preference(
            AccessToken=token,
            SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True},
        )
        return str(secret)

    def test_totp_login(self, cloud: Cloud, clock: ManualClock) -> None:
        """After enrolment, sign-in asks for SOFTWARE_TOKEN_MFA, answered with pyotp's code."""
        pool = cloud.cognito.create_user_pool("p", MfaConfiguration="OPTIONAL")
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        idp.admin_create_user(UserPoolId=pool.id, Username="ann", MessageAction="SUPPRESS")
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="ann", Password=PASSWORD, Permanent=True
        )

        def login() -> dict[str, Any]:
            out: dict[str, Any] = idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
            )
            return out

        secret = self._enrol(idp, login, clock)
        got = idp.admin_get_user(UserPoolId=pool.id, Username="ann")
        assert got["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
        clock.advance(60)
        challenge = login()
        assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
        with pytest.raises(CodeMismatchException) as err:
            idp.respond_to_auth_challenge(
                ClientId=app.client_id,
                ChallengeName="SOFTWARE_TOKEN_MFA",
                Session=challenge["Session"],
                ChallengeResponses={"USERNAME": "ann", "SOFTWARE_TOKEN_MFA_CODE": "12345x"},
            )
        assert err.value.message == "Invalid code or auth state for the user."
        out = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="SOFTWARE_TOKEN_MFA",
            Session=challenge["Session"],
            ChallengeResponses={
                "USERNAME": "ann",
                "SOFTWARE_TOKEN_MFA_CODE": totp_now(secret, clock),
            },
        )
        assert "AccessToken" in out["AuthenticationResult"]

    def test_pycognito_sees_mfa_challenge(self, cloud: Cloud, clock: ManualClock) -> None:
        """SRP login of an enrolled user ends in the SOFTWARE_TOKEN_MFA challenge."""
        pool = cloud.cognito.create_user_pool("p", MfaConfiguration="ON")
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        idp.admin_create_user(UserPoolId=pool.id, Username="ann", MessageAction="SUPPRESS")
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="ann", Password=PASSWORD, Permanent=True
        )
        first = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        assert first["ChallengeName"] == "MFA_SETUP"
        secret = idp.associate_software_token(Session=first["Session"])["SecretCode"]
        done = idp.verify_software_token(Session=first["Session"], UserCode=totp_now(secret, clock))
        out = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="MFA_SETUP",
            Session=done["Session"],
            ChallengeResponses={"USERNAME": "ann"},
        )
        assert "AccessToken" in out["AuthenticationResult"]
        srp = AWSSRP(
            username="ann", password=PASSWORD, pool_id=pool.id, client_id=app.client_id, client=idp
        )
        with pytest.raises(SoftwareTokenMFAChallengeException):
            srp.authenticate_user()

    def test_wrong_code_on_verify(self, idp: Any, make_user: Any, login: Any) -> None:
        """VerifySoftwareToken with a wrong code fails and leaves TOTP unverified."""
        make_user("ann")
        token = login()["AuthenticationResult"]["AccessToken"]
        idp.associate_software_token(AccessToken=token)
        with pytest.raises(EnableSoftwareTokenMFAException) as err:
            idp.verify_software_token(AccessToken=token, UserCode="000000x")
        assert getattr(err.value, "code", "") == "EnableSoftwareTokenMFAException"
        assert err.value.message == "Code mismatch and fail enable Software Token MFA"
        with pytest.raises(InvalidParameterException) as bad:
            idp.set_user_mfa_preference(
                AccessToken=token, SoftwareTokenMfaSettings={"Enabled": True}
            )
        assert "turn on SOFTWARE_TOKEN_MFA" in bad.value.message


class TestSmsMfa:
    def test_code_to_outbox(self, cloud: Cloud) -> None:
        """With MFA ON and a phone number, SMS_MFA sends the code to the outbox."""
        pool = cloud.cognito.create_user_pool("p", MfaConfiguration="ON")
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="ann",
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "phone_number", "Value": "+12065550100"}],
        )
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="ann", Password=PASSWORD, Permanent=True
        )
        challenge = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        assert challenge["ChallengeName"] == "SMS_MFA"
        assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"].endswith("0100")
        sms = pool.outbox[-1]
        assert (sms.channel, sms.recipient, sms.purpose) == (
            "SMS",
            "+12065550100",
            "Authentication",
        )
        assert sms.code is not None
        out = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="SMS_MFA",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "ann", "SMS_MFA_CODE": sms.code},
        )
        assert "IdToken" in out["AuthenticationResult"]


class TestRefresh:
    def test_refresh(
        self,
        idp: Any,
        app: AppClient,
        pool: UserPool,
        make_user: Any,
        login: Any,
        clock: ManualClock,
    ) -> None:
        """REFRESH_TOKEN_AUTH returns new ID/access tokens, same origin_jti, no refresh token."""
        make_user("ann")
        first = login()["AuthenticationResult"]
        clock.advance(600)
        out = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
        )
        result = out["AuthenticationResult"]
        assert "RefreshToken" not in result
        old = pool.verify(first["AccessToken"])
        new = pool.verify(result["AccessToken"])
        assert new["origin_jti"] == old["origin_jti"] and new["auth_time"] == old["auth_time"]
        assert new["iat"] == old["iat"] + 600

    def test_expired_refresh(
        self, idp: Any, app: AppClient, make_user: Any, login: Any, clock: ManualClock
    ) -> None:
        """A refresh token past its 30 days is refused."""
        make_user("ann")
        token = login()["AuthenticationResult"]["RefreshToken"]
        clock.advance(dt.timedelta(days=30))
        with pytest.raises(NotAuthorizedException) as err:
            idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": token},
            )
        assert err.value.message == "Refresh Token has expired"

    def test_invalid_refresh(self, idp: Any, app: AppClient) -> None:
        """An unknown refresh token is 'Invalid Refresh Token'."""
        with pytest.raises(NotAuthorizedException) as err:
            idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": "garbage"},
            )
        assert err.value.message == "Invalid Refresh Token"

    def test_revoke(
        self, idp: Any, app: AppClient, pool: UserPool, make_user: Any, login: Any
    ) -> None:
        """RevokeToken kills the refresh token and the tokens issued with it."""
        make_user("ann")
        first = login()["AuthenticationResult"]
        other = login()["AuthenticationResult"]
        idp.revoke_token(Token=first["RefreshToken"], ClientId=app.client_id)
        with pytest.raises(NotAuthorizedException):
            idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
            )
        with pytest.raises(NotAuthorizedException) as err:
            idp.get_user(AccessToken=first["AccessToken"])
        assert err.value.message == "Access Token has been revoked"
        assert pool.verify(other["AccessToken"])["username"] == "ann"

    def test_revoke_access_token_unsupported(
        self, idp: Any, app: AppClient, make_user: Any, login: Any
    ) -> None:
        """RevokeToken with an access token is UnsupportedTokenTypeException."""
        make_user("ann")
        access = login()["AuthenticationResult"]["AccessToken"]
        with pytest.raises(UnsupportedTokenTypeException) as err:
            idp.revoke_token(Token=access, ClientId=app.client_id)
        assert getattr(err.value, "code", "") == "UnsupportedTokenTypeException"


class TestSignOut:
    def test_global_sign_out(self, idp: Any, app: AppClient, make_user: Any, login: Any) -> None:
        """GlobalSignOut revokes every token of the user."""
        make_user("ann")
        a = login()["AuthenticationResult"]
        b = login()["AuthenticationResult"]
        idp.global_sign_out(AccessToken=a["AccessToken"])
        for tokens in (a, b):
            with pytest.raises(NotAuthorizedException):
                idp.get_user(AccessToken=tokens["AccessToken"])
            with pytest.raises(NotAuthorizedException):
                idp.initiate_auth(
                    ClientId=app.client_id,
                    AuthFlow="REFRESH_TOKEN_AUTH",
                    AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
                )
        assert "AuthenticationResult" in login()

    def test_admin_sign_out_and_disable(
        self, idp: Any, pool: UserPool, make_user: Any, login: Any
    ) -> None:
        """AdminUserGlobalSignOut and AdminDisableUser revoke access tokens."""
        make_user("ann")
        token = login()["AuthenticationResult"]["AccessToken"]
        idp.admin_user_global_sign_out(UserPoolId=pool.id, Username="ann")
        with pytest.raises(NotAuthorizedException):
            idp.get_user(AccessToken=token)
        token = login()["AuthenticationResult"]["AccessToken"]
        idp.admin_disable_user(UserPoolId=pool.id, Username="ann")
        with pytest.raises(NotAuthorizedException):
            pool.verify(token)


class TestHousekeeping:
    def test_abandoned_exchanges_are_forgotten(
        self, idp: Any, pool: UserPool, app: AppClient, make_user: Any, clock: ManualClock
    ) -> None:
        """Expired SRP exchanges and sessions are dropped when new ones start."""
        make_user("ann")
        client = SrpClient(pool.suffix, a=12345)
        for _ in range(3):
            idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="USER_SRP_AUTH",
                AuthParameters={"USERNAME": "ann", "SRP_A": client.srp_a},
            )
        assert len(pool.engine.pools[pool.id].srp_states) == 3
        clock.advance(181)
        idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_SRP_AUTH",
            AuthParameters={"USERNAME": "ann", "SRP_A": client.srp_a},
        )
        assert len(pool.engine.pools[pool.id].srp_states) == 1

    def test_our_srp_client(
        self, idp: Any, pool: UserPool, app: AppClient, make_user: Any, clock: ManualClock
    ) -> None:
        """The bundled SrpClient (used by the tour) signs in too."""
        from pyserverless.cognito._srp import format_timestamp

        make_user("ann")
        client = SrpClient(pool.suffix, a=987654321)
        challenge = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_SRP_AUTH",
            AuthParameters={"USERNAME": "ann", "SRP_A": client.srp_a},
        )
        answer = client.answer(
            challenge["ChallengeParameters"], PASSWORD, format_timestamp(clock.now())
        )
        out = idp.respond_to_auth_challenge(
            ClientId=app.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer
        )
        assert "AccessToken" in out["AuthenticationResult"]

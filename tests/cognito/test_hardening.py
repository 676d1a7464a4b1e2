"""Hardening (issue 11): strict token encoding, strict SRP_A, no hashing under the lock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pycognito.aws_srp import AWSSRP

from pyserverless.cognito import AppClient, UserPool
from pyserverless.cognito._errors import InvalidParameterException, NotAuthorizedException
from pyserverless.cognito._srp import N

PASSWORD = "Passw0rd!"


@pytest.fixture
def tokens(make_user: Any, login: Any) -> dict[str, str]:
    make_user("ann")
    result: dict[str, str] = login()["AuthenticationResult"]
    return result


def _standard(segment: str) -> str:
    """The same bytes in standard base64 (``+``/``/``), padded with ``=``."""
    text = segment.replace("-", "+").replace("_", "/")
    return text + "=" * (-len(text) % 4)


def _variants(token: str) -> Iterator[tuple[str, str]]:
    """Re-encodings of one part of ``token`` that decode to the same bytes."""
    parts = token.split(".")
    for index, label in enumerate(("header", "claims", "signature")):
        segment = parts[index]
        forms = {"standard": _standard(segment), "padded": segment + "=" * (-len(segment) % 4)}
        for name, form in forms.items():
            if form != segment:
                yield f"{label}-{name}", ".".join([*parts[:index], form, *parts[index + 1 :]])


class TestStrictBase64Url:
    def test_some_variant_exists(self, tokens: dict[str, str]) -> None:
        """The tokens used below do contain characters that differ in standard base64."""
        names = {name for name, _ in _variants(tokens["AccessToken"])}
        assert {"signature-standard"} <= names or {"signature-padded"} <= names

    @pytest.mark.parametrize("kind", ["IdToken", "AccessToken"])
    def test_verify_rejects_standard_base64(
        self, tokens: dict[str, str], pool: UserPool, kind: str
    ) -> None:
        """pool.verify refuses a token re-encoded in standard base64 or padded."""
        token = tokens[kind]
        pool.verify(token)
        variants = list(_variants(token))
        assert variants
        for name, variant in variants:
            with pytest.raises(NotAuthorizedException, match="Invalid"):
                pool.verify(variant)
            assert name

    def test_get_user_rejects_standard_base64(self, tokens: dict[str, str], idp: Any) -> None:
        """GetUser with a re-encoded access token: NotAuthorizedException, Invalid Access Token."""
        token = tokens["AccessToken"]
        assert idp.get_user(AccessToken=token)["Username"] == "ann"
        for _, variant in _variants(token):
            with pytest.raises(idp.exceptions.NotAuthorizedException, match="Invalid Access Token"):
                idp.get_user(AccessToken=variant)

    def test_global_sign_out_rejects_standard_base64(
        self, tokens: dict[str, str], idp: Any, pool: UserPool
    ) -> None:
        """A door that changes state refuses the re-encoded token and changes nothing."""
        token = tokens["AccessToken"]
        for _, variant in _variants(token):
            with pytest.raises(idp.exceptions.NotAuthorizedException):
                idp.global_sign_out(AccessToken=variant)
        pool.verify(token)  # still valid: nothing was signed out

    def test_pyjwt_agrees(self, tokens: dict[str, str], pool: UserPool) -> None:
        """PyJWT refuses the standard-base64 signature too (the behaviour matched)."""
        jwt = pytest.importorskip("jwt")
        from jwt.algorithms import RSAAlgorithm

        key_data = pool.jwks()["keys"]
        token = tokens["AccessToken"]
        header = jwt.get_unverified_header(token)
        jwk = next(k for k in key_data if k["kid"] == header["kid"])
        key = RSAAlgorithm.from_jwk(jwk)
        parts = token.split(".")
        variant = ".".join([*parts[:2], _standard(parts[2])])
        if variant != token:
            with pytest.raises(jwt.exceptions.InvalidTokenError):
                jwt.decode(variant, key, algorithms=["RS256"], options={"verify_exp": False})


def _srp_start(idp: Any, app: AppClient, srp_a: str) -> Any:
    return idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": "ann", "SRP_A": srp_a},
    )


class TestStrictSrpA:
    @pytest.mark.parametrize(
        "srp_a",
        [
            " 1234abcd",
            "1234abcd ",
            "12 34",
            "0x1234abcd",
            "+1234abcd",
            "-1234abcd",
            "12_34",
            "١٢٣٤",  # Arabic-Indic digits: int(x, 16) takes them
            "\uff11\uff12\uff13\uff14",  # fullwidth digits
            "",
            "g123",
            "f" * 769,
            "1" + "0" * 768,
            "ab" * 100_000,
        ],
    )
    def test_refused(self, idp: Any, app: AppClient, make_user: Any, srp_a: str) -> None:
        """Anything but plain hex of at most the group's length is AWS's bad-SRP_A error."""
        make_user("ann")
        with pytest.raises(idp.exceptions.InvalidParameterException, match="SRP_A"):
            _srp_start(idp, app, srp_a)

    @pytest.mark.parametrize("srp_a", [f"{N - 5:x}", f"{N - 5:X}", "0" * 767 + "7", "7"])
    def test_accepted(self, idp: Any, app: AppClient, make_user: Any, srp_a: str) -> None:
        """Plain hex up to 768 digits, either case, is taken."""
        make_user("ann")
        assert _srp_start(idp, app, srp_a)["ChallengeName"] == "PASSWORD_VERIFIER"

    def test_multiple_of_n_still_refused(self, idp: Any, app: AppClient, make_user: Any) -> None:
        """A of 0 mod N is well-formed but unsafe: NotAuthorizedException as before."""
        make_user("ann")
        with pytest.raises(idp.exceptions.NotAuthorizedException):
            _srp_start(idp, app, "0")

    def test_pycognito_still_logs_in(self, idp: Any, app: AppClient, pool: UserPool) -> None:
        """A real SDK's SRP_A passes the stricter parse."""
        pool.create_user("ann", password=PASSWORD, email="ann@example.com")
        srp = AWSSRP(
            username="ann", password=PASSWORD, pool_id=pool.id, client_id=app.client_id, client=idp
        )
        assert "AccessToken" in srp.authenticate_user()["AuthenticationResult"]

    def test_error_class(self) -> None:
        """The error is InvalidParameterException (checked here by class, not by text)."""
        from pyserverless.cognito._auth import _srp_a

        with pytest.raises(InvalidParameterException):
            _srp_a({"SRP_A": "0x10"})
        with pytest.raises(InvalidParameterException):
            _srp_a({"SRP_A": 16})


class _Watch:
    """Instruments the password functions: was the engine lock free while they ran?"""

    def __init__(self, lock: Any) -> None:
        self.lock = lock
        self.free: list[bool] = []

    def lock_is_free(self) -> bool:
        outcome: list[bool] = []

        def probe() -> None:  # another thread: may it take the lock right now?
            got = self.lock._lock.acquire(blocking=False)
            if got:
                self.lock._lock.release()
            outcome.append(got)

        thread = threading.Thread(target=probe)
        thread.start()
        thread.join()
        return outcome[0]

    def wrap(self, fn: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.free.append(self.lock_is_free())
            return fn(*args, **kwargs)

        return wrapped


@pytest.fixture
def watch(cloud: Any, monkeypatch: pytest.MonkeyPatch) -> _Watch:
    from pyserverless.cognito import _pool

    engine = cloud.engine("cognito-idp")
    w = _Watch(engine.lock)
    monkeypatch.setattr(_pool, "hash_password", w.wrap(_pool.hash_password))
    monkeypatch.setattr(_pool, "check_password", w.wrap(_pool.check_password))
    monkeypatch.setattr(_pool, "make_verifier", w.wrap(_pool.make_verifier))
    return w


class TestNoHashingUnderTheLock:
    def test_password_login(self, watch: _Watch, make_user: Any, login: Any) -> None:
        """USER_PASSWORD_AUTH checks the password with the engine lock free."""
        make_user("ann")
        watch.free.clear()
        assert "AuthenticationResult" in login()
        assert watch.free == [True]

    def test_wrong_password_counts(self, watch: _Watch, make_user: Any, login: Any) -> None:
        """A wrong password, checked unlocked, still fails and counts toward lockout."""
        make_user("ann")
        for _ in range(5):
            with pytest.raises(NotAuthorizedException, match="Incorrect"):
                login(password="Wr0ngPass!")
        with pytest.raises(NotAuthorizedException, match="Password attempts exceeded"):
            login()
        assert all(watch.free)

    def test_sign_up_and_set_password(
        self, watch: _Watch, idp: Any, app: AppClient, pool: UserPool
    ) -> None:
        """SignUp, AdminSetUserPassword and ChangePassword hash with the lock free."""
        idp.sign_up(ClientId=app.client_id, Username="bob", Password=PASSWORD)
        idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="bob")
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="bob", Password="N3wPassw0rd!", Permanent=True
        )
        tokens = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "bob", "PASSWORD": "N3wPassw0rd!"},
        )["AuthenticationResult"]
        idp.change_password(
            PreviousPassword="N3wPassw0rd!",
            ProposedPassword="Th1rdPassw0rd!",
            AccessToken=tokens["AccessToken"],
        )
        assert len(watch.free) >= 7 and all(watch.free)
        pool._check()

    def test_user_deleted_while_hashing(
        self, cloud: Any, idp: Any, pool: UserPool, make_user: Any, monkeypatch: Any
    ) -> None:
        """A user deleted while its new password hashed is not brought back."""
        from pyserverless.cognito import _pool

        make_user("ann")
        real = _pool.hash_password

        def deleting(*args: Any, **kwargs: Any) -> str:
            idp.admin_delete_user(UserPoolId=pool.id, Username="ann")
            return real(*args, **kwargs)

        monkeypatch.setattr(_pool, "hash_password", deleting)
        with pytest.raises(idp.exceptions.UserNotFoundException):
            idp.admin_set_user_password(
                UserPoolId=pool.id, Username="ann", Password="N3wPassw0rd!", Permanent=True
            )
        assert pool.users() == []

    def test_same_name_signed_up_while_hashing(
        self, idp: Any, app: AppClient, pool: UserPool, monkeypatch: Any
    ) -> None:
        """Two sign-ups of one name racing through the unlocked hash: one wins."""
        from pyserverless.cognito import _pool

        real = _pool.hash_password
        calls: list[int] = []

        def racing(*args: Any, **kwargs: Any) -> str:
            calls.append(1)
            if len(calls) == 1:  # the first hash: another sign-up of the name gets in first
                idp.sign_up(ClientId=app.client_id, Username="same", Password=PASSWORD)
            return real(*args, **kwargs)

        monkeypatch.setattr(_pool, "hash_password", racing)
        with pytest.raises(idp.exceptions.UsernameExistsException):
            idp.sign_up(ClientId=app.client_id, Username="same", Password=PASSWORD)
        assert [u.username for u in pool.users()] == ["same"]
        pool._check()


class TestValidationDataWithoutName:
    @pytest.mark.parametrize("operation", ["admin_create_user", "sign_up"])
    def test_engine_refuses(
        self, cloud: Any, pool: UserPool, app: AppClient, operation: str
    ) -> None:
        """An entry without Name is AWS's null-member error, not KeyError; nothing is made."""
        engine = cloud.engine("cognito-idp")
        request: dict[str, Any] = {"Username": "x", "ValidationData": [{"Value": "v"}]}
        if operation == "sign_up":
            request.update(ClientId=app.client_id, Password=PASSWORD)
        else:
            request["UserPoolId"] = pool.id
        with pytest.raises(InvalidParameterException, match=r"validationData\.1\.member\.name"):
            getattr(engine, operation)(request)
        assert pool.users() == []

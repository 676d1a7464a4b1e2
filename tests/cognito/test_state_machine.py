"""A state machine: sign-up, confirmation, deletion, disabling and sign-in (with lockout)
against a plain model, with ``UserPool._check()`` as an invariant."""

from __future__ import annotations

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from pyserverless import Cloud, ManualClock
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

NAMES = st.sampled_from(["ann", "bob", "cy"])
PASSWORD = "Passw0rd!"
WRONG = "Wr0ng-pass!"


class Users(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        self.clock = ManualClock()
        cloud = Cloud(clock=self.clock, limits={"cognito-idp": {"password_hash_cost": 1}})
        self.pool = cloud.cognito.create_user_pool("sm")
        self.app = self.pool.create_client("c", ExplicitAuthFlows=FLOWS)
        self.idp = cloud.client("cognito-idp")
        self.model: dict[str, dict[str, Any]] = {}

    def _code(self, call: Any) -> str:
        try:
            call()
        except Exception as exc:
            return str(getattr(exc, "code", type(exc).__name__)) + ":" + getattr(exc, "message", "")
        return "ok"

    @rule(name=NAMES)
    def sign_up(self, name: str) -> None:
        got = self._code(
            lambda: self.idp.sign_up(ClientId=self.app.client_id, Username=name, Password=PASSWORD)
        )
        if name in self.model:
            assert got.startswith("UsernameExistsException"), got
        else:
            assert got == "ok", got
            self.model[name] = {"confirmed": False, "enabled": True, "failures": 0}

    @rule(name=NAMES)
    def confirm(self, name: str) -> None:
        got = self._code(
            lambda: self.idp.admin_confirm_sign_up(UserPoolId=self.pool.id, Username=name)
        )
        user = self.model.get(name)
        if user is None:
            assert got.startswith("UserNotFoundException"), got
        elif user["confirmed"]:
            assert got.startswith("NotAuthorizedException"), got
        else:
            assert got == "ok", got
            user["confirmed"] = True

    @rule(name=NAMES)
    def delete(self, name: str) -> None:
        got = self._code(lambda: self.idp.admin_delete_user(UserPoolId=self.pool.id, Username=name))
        assert got == ("ok" if self.model.pop(name, None) else got), got
        assert name not in self.model

    @rule(name=NAMES, enabled=st.booleans())
    def set_enabled(self, name: str, enabled: bool) -> None:
        op = self.idp.admin_enable_user if enabled else self.idp.admin_disable_user
        got = self._code(lambda: op(UserPoolId=self.pool.id, Username=name))
        if name in self.model:
            assert got == "ok", got
            self.model[name]["enabled"] = enabled
        else:
            assert got.startswith("UserNotFoundException"), got

    @rule(name=NAMES, right=st.booleans())
    def login(self, name: str, right: bool) -> None:
        got = self._code(
            lambda: self.idp.initiate_auth(
                ClientId=self.app.client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD if right else WRONG},
            )
        )
        user = self.model.get(name)
        if user is None:
            assert got.startswith("UserNotFoundException"), got
        elif user["failures"] >= 5:
            assert got == "NotAuthorizedException:Password attempts exceeded", got
        elif not right:
            user["failures"] += 1
            assert got == "NotAuthorizedException:Incorrect username or password.", got
        elif not user["enabled"]:
            assert got == "NotAuthorizedException:User is disabled.", got
        elif not user["confirmed"]:
            assert got.startswith("UserNotConfirmedException"), got
        else:
            assert got == "ok", got
            user["failures"] = 0

    @rule(name=NAMES, times=st.integers(1, 6))
    def hammer(self, name: str, times: int) -> None:
        for _ in range(times):
            self.login(name, right=False)

    @rule()
    def wait(self) -> None:
        self.clock.advance(901)  # past any lock, and failures are forgotten
        for user in self.model.values():
            user["failures"] = 0

    @invariant()
    def consistent(self) -> None:
        if hasattr(self, "pool"):
            self.pool._check()
            assert sorted(u.username for u in self.pool.users()) == sorted(self.model)


Users.TestCase.settings = settings(max_examples=50, stateful_step_count=30, deadline=None)
TestUsers = Users.TestCase

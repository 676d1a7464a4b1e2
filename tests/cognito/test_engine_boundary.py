"""The client and resource layers reach Cognito's state only through public engine methods
that take and return picklable values: the boundary Lambda's process mode forwards."""

from __future__ import annotations

import inspect
import pickle
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless._core.errors import AWSError
from pyserverless.cognito import CognitoIdentityProvider, NotAuthorizedException, SrpClient
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS
from pyserverless.cognito._srp import format_timestamp

from .conftest import CHEAP, PASSWORD

#: Plain attributes a layer may read (frozen values, the same in every process).
_VALUES = {"limits", "region"}


class PickledEngine:
    """Stands for the engine as a forked child sees it: public methods only, every
    argument, result and error through pickle."""

    def __init__(self, real: CognitoIdentityProvider) -> None:
        self._real = real
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        if name in _VALUES:
            return getattr(self._real, name)
        if name.startswith("_") or not inspect.isfunction(
            inspect.getattr_static(type(self._real), name, None)
        ):
            raise AttributeError(f"{name!r} is not a public engine method")

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            args, kwargs = pickle.loads(pickle.dumps((args, kwargs)))
            try:
                result = getattr(self._real, name)(*args, **kwargs)
            except AWSError as exc:
                raise pickle.loads(pickle.dumps(exc)) from None
            return pickle.loads(pickle.dumps(result))

        return call


@pytest.fixture
def boundary() -> tuple[Cloud, PickledEngine]:
    cloud = Cloud(clock=ManualClock(), seed=0, limits=CHEAP)
    proxy = PickledEngine(cloud.engine("cognito-idp"))
    cloud._engines[("cognito-idp", cloud.region)] = proxy
    return cloud, proxy


def test_a_whole_scenario_crosses_the_boundary(boundary: tuple[Cloud, PickledEngine]) -> None:
    """Pools, clients, sign-up, confirmation, SRP login, tokens and snapshots all work
    through public engine methods with picklable values."""
    cloud, proxy = boundary
    pool = cloud.cognito.create_user_pool("p", AutoVerifiedAttributes=["email"])
    app = pool.create_client("web", ExplicitAuthFlows=FLOWS)
    idp = cloud.client("cognito-idp")
    idp.sign_up(
        ClientId=app.client_id,
        Username="ann",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "ann@example.com"}],
    )
    idp.confirm_sign_up(ClientId=app.client_id, Username="ann", ConfirmationCode=pool.last_code())
    srp = SrpClient(pool.suffix, a=cloud.ids.bits(256))
    challenge = idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": "ann", "SRP_A": srp.srp_a},
    )
    answer = srp.answer(challenge["ChallengeParameters"], PASSWORD, format_timestamp(cloud.now()))
    tokens = idp.respond_to_auth_challenge(
        ClientId=app.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer
    )["AuthenticationResult"]
    assert pool.verify(tokens["IdToken"], token_use="id")["email"] == "ann@example.com"
    assert idp.get_user(AccessToken=tokens["AccessToken"])["Username"] == "ann"
    assert pool.user("ann").status == "CONFIRMED" and len(pool.users()) == 1
    assert pool.client(app.client_id) == app and pool.jwks()["keys"]
    assert repr(pool).endswith("users=1 clients=1>")
    pool._check()
    idp.global_sign_out(AccessToken=tokens["AccessToken"])
    with pytest.raises(NotAuthorizedException):
        pool.verify(tokens["AccessToken"])
    assert {"initiate_auth", "respond_to_auth_challenge", "verify_token"} <= set(proxy.calls)


def test_internals_are_out_of_reach(boundary: tuple[Cloud, PickledEngine]) -> None:
    """The stand-in refuses what is not a public method, so the test above would fail
    if a layer reached for the engine's pools or lock."""
    cloud, proxy = boundary
    for name in ("pools", "lock", "_pools", "_run"):
        with pytest.raises(AttributeError):
            getattr(proxy, name)
    assert cloud.cognito.user_pools() == []

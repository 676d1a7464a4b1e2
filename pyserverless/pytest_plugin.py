"""pytest fixtures: ``clock`` (a ManualClock), ``cloud`` (a Cloud on that clock),
``aws`` (that Cloud, with every boto3 client created in the test routed to it) and
``cloud_factory`` (a fresh Cloud per call, for hypothesis's ``@given``).

Registered as a ``pytest11`` entry point, so installing pyserverless makes them
available in every test suite::

    def test_ttl(cloud, clock):
        clock.advance(60)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from ._core.clock import ManualClock
from ._core.text import digits
from .cloud import Cloud


@pytest.fixture
def clock() -> ManualClock:
    """A ManualClock at the current second (tokens verify with PyJWT); move it with
    ``clock.advance(...)``."""
    return ManualClock()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "pyserverless_password_cost",
        "Cognito password hashing in the cloud fixture: 'test' (cheap scrypt, the "
        "default), 'production' (CognitoLimits' default cost) or a number (log2 of "
        "scrypt's N).",
        default="test",
    )


def password_cost(config: pytest.Config) -> int:
    """The ``password_hash_cost`` the ``cloud`` fixture gives Cognito (ini
    ``pyserverless_password_cost``): cheap unless ``production`` or a number is set."""
    from .cognito import CognitoLimits

    value = str(config.getini("pyserverless_password_cost")).strip().lower()
    if value == "test":
        return CognitoLimits.TEST_PASSWORD_COST
    if value == "production":
        return CognitoLimits().password_hash_cost
    if digits(value) and 1 <= int(value) <= 20:
        return int(value)
    raise pytest.UsageError(
        f"pyserverless_password_cost = {value!r}: use 'test', 'production' or 1-20"
    )


@pytest.fixture
def cloud(clock: ManualClock, request: pytest.FixtureRequest) -> Iterator[Cloud]:
    """A fresh Cloud on the ``clock`` fixture, seed 0, with cheap Cognito password
    hashing unless the ini option ``pyserverless_password_cost`` says otherwise; closed
    after the test (Lambda's environments end with it)."""
    cost = password_cost(request.config)
    with Cloud(clock=clock, seed=0, limits={"cognito-idp": {"password_hash_cost": cost}}) as made:
        yield made


class CloudFactory:
    """Makes a fresh Cloud per call, each on its own ManualClock: ``cloud_factory(seed=1)``."""

    def __init__(self, password_cost: int) -> None:
        self._password_cost = password_cost

    def __call__(self, seed: int = 0, **kwargs: Any) -> Cloud:
        """A new Cloud: ``Cloud(clock=ManualClock(), seed=seed, **kwargs)``, with the
        fixture's Cognito password cost unless ``limits`` says otherwise."""
        limits = kwargs.pop("limits", None)
        if limits is None or isinstance(limits, Mapping):
            cognito = {"password_hash_cost": self._password_cost}
            limits = dict(limits or {})
            limits["cognito-idp"] = {**cognito, **limits.get("cognito-idp", {})}
        kwargs.setdefault("clock", ManualClock())
        return Cloud(seed=seed, limits=limits, **kwargs)

    def __repr__(self) -> str:
        return f"<cloud_factory password_hash_cost={self._password_cost}>"


@pytest.fixture(scope="session")
def cloud_factory(pytestconfig: pytest.Config) -> CloudFactory:
    """A callable that makes a fresh Cloud on a fresh ManualClock per call (seed 0, or
    ``cloud_factory(seed=n)``; other keywords go to ``Cloud``), for ``@given`` tests.

    Session-scoped, so hypothesis accepts it: a function-scoped fixture such as ``cloud``
    is built once for all the examples of a test, and hypothesis refuses it with
    ``FailedHealthCheck``. A fresh Cloud costs microseconds; make one per example, in a
    ``with`` block where the example runs Lambda functions (their environments end with
    the Cloud)::

        @given(st.integers())
        def test_counter(cloud_factory, n):
            with cloud_factory() as cloud:
                ...
    """
    return CloudFactory(password_cost(pytestconfig))


@pytest.fixture
def aws(cloud: Cloud) -> Iterator[Cloud]:
    """The ``cloud`` fixture behind ``mock_aws``: boto3 clients made in the test talk to it."""
    from .adapters.bridge import mock_aws

    with mock_aws(cloud):
        yield cloud

"""Properties: the environment-size rule and the routing weights, over generated inputs."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock
from pyserverless.lambda_ import InvalidParameterValueException
from pyserverless.lambda_._validate import RESERVED_ENV

names = st.from_regex(r"[A-Z][A-Z0-9_]{1,20}", fullmatch=True)
values = st.text(alphabet="abcxyz019-_", max_size=1500)


@given(st.dictionaries(names, values, max_size=6))
def test_environment_accepted_iff_within_4kb_and_unreserved(env):
    """A variable set is accepted exactly when it has no reserved name and measures <= 4 KB."""
    cloud = Cloud(clock=ManualClock())
    measured = len(json.dumps(env, separators=(",", ":")).encode())
    expect_ok = measured <= 4096 and not set(env) & RESERVED_ENV
    try:
        cloud.lambda_.create_function("f", handler=lambda e, c: 1, environment=env)
    except InvalidParameterValueException:
        assert not expect_ok
        assert cloud.engine("lambda").functions == {}
    else:
        assert expect_ok
        assert dict(cloud.lambda_.function("f").describe().environment) == env


@given(st.floats(min_value=0.0, max_value=1.0), st.integers(min_value=0, max_value=2**16))
def test_routing_is_reproducible(weight, seed):
    """The version an alias routes to depends only on the seed and the weights."""

    def versions(cloud: Cloud) -> list[str]:
        fn = cloud.lambda_.create_function("f", handler=lambda e, c: 1)
        fn.publish_version()
        fn.update(timeout=4)
        fn.publish_version()
        cloud.engine("lambda").create_alias("f", "a", "1", routing={"2": weight})
        return [
            cloud.engine("lambda").invoke("f", qualifier="a").executed_version for _ in range(5)
        ]

    first = versions(Cloud(clock=ManualClock(), seed=seed))
    assert first == versions(Cloud(clock=ManualClock(), seed=seed))
    if weight == 0.0:
        assert set(first) == {"1"}

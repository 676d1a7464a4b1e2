"""The plugin's fixtures under @given: ``cloud`` trips the health check, ``cloud_factory`` works."""

from __future__ import annotations

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import CognitoLimits
from pyserverless.pytest_plugin import CloudFactory

pytest_plugins = ["pytester"]

TABLE = """
KEYS = dict(
    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
    BillingMode="PAY_PER_REQUEST",
)
"""

WITH_CLOUD = (
    TABLE
    + """
from hypothesis import given, strategies as st

@given(st.text(min_size=1))
def test_put(cloud, key):
    cloud.client("dynamodb").create_table(TableName="t" * 3, **KEYS)
"""
)

WITH_FACTORY = (
    TABLE
    + """
from hypothesis import given, settings, strategies as st

@settings(max_examples=25)
@given(st.text(min_size=1))
def test_put(cloud_factory, key):
    client = cloud_factory().client("dynamodb")
    client.create_table(TableName="ttt", **KEYS)  # a fresh Cloud: the name is free again
    client.put_item(TableName="ttt", Item={"pk": {"S": key}})
    assert client.scan(TableName="ttt")["Count"] == 1
"""
)


class TestUnderGiven:
    """What a hypothesis user meets with each fixture."""

    def test_the_cloud_fixture_fails_the_health_check(self, pytester: pytest.Pytester) -> None:
        """Why cloud_factory exists: a function-scoped fixture under @given is refused."""
        pytester.makepyfile(WITH_CLOUD)
        result = pytester.runpytest("-p", "no:randomly")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*FailedHealthCheck*uses a function-scoped fixture 'cloud'*"])

    def test_cloud_factory_gives_a_fresh_cloud_per_example(self, pytester: pytest.Pytester) -> None:
        """cloud_factory passes the health check, and each call is a new, empty Cloud."""
        pytester.makepyfile(WITH_FACTORY)
        pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)

    def test_cloud_factory_uses_the_password_cost_option(self, pytester: pytest.Pytester) -> None:
        """The ini option pyserverless_password_cost applies to its Clouds as to ``cloud``."""
        pytester.makeini("[pytest]\npyserverless_password_cost = 10\n")
        pytester.makepyfile(
            "def test_cost(cloud_factory):\n"
            "    cloud = cloud_factory()\n"
            "    assert cloud.engine('cognito-idp').limits.password_hash_cost == 10\n"
        )
        pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)


class TestCloudFactory:
    """The callable cloud_factory returns."""

    factory = CloudFactory(CognitoLimits.TEST_PASSWORD_COST)

    def test_each_call_is_a_new_cloud_on_a_new_manual_clock(self) -> None:
        """Two calls share neither the Cloud nor the clock."""
        a, b = self.factory(), self.factory()
        assert a is not b and a.clock is not b.clock
        assert isinstance(a.clock, ManualClock)

    def test_seed(self) -> None:
        """The same seed makes the same ids; another seed other ids."""

        def pool_id(cloud: Cloud) -> str:
            idp = cloud.client("cognito-idp")
            return str(idp.create_user_pool(PoolName="p")["UserPool"]["Id"])

        assert pool_id(self.factory(seed=3)) == pool_id(self.factory(seed=3))
        assert pool_id(self.factory(seed=3)) != pool_id(self.factory(seed=4))
        assert pool_id(self.factory()) == pool_id(self.factory(seed=0))

    def test_cheap_passwords_unless_limits_say_otherwise(self) -> None:
        """The fixture's password cost, unless the caller's limits set one."""
        assert self.factory().engine("cognito-idp").limits.password_hash_cost == 1
        own = self.factory(limits={"cognito-idp": {"password_hash_cost": 12}})
        assert own.engine("cognito-idp").limits.password_hash_cost == 12

    def test_other_keywords_reach_the_cloud(self) -> None:
        """region, account_id and clock go to Cloud."""
        clock = ManualClock(start=0)
        cloud = self.factory(region="eu-west-1", clock=clock)
        assert (cloud.region, cloud.clock) == ("eu-west-1", clock)

    def test_a_cloud_from_the_factory_closes_in_a_with_block(self) -> None:
        """``with cloud_factory() as cloud`` hands back the Cloud and closes it on exit."""
        with self.factory() as cloud:
            assert isinstance(cloud, Cloud)

"""The pytest plugin's ``cloud`` fixture hashes Cognito passwords cheaply unless told not to."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

PROBE = """
def test_cost(cloud):
    assert cloud.engine("cognito-idp").limits.password_hash_cost == {expected}
"""


class TestPasswordCostOption:
    def test_cheap_by_default(self, pytester: pytest.Pytester) -> None:
        """Without the ini option, the fixture's Cloud uses the test cost."""
        pytester.makepyfile(PROBE.format(expected=1))
        pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)

    def test_production(self, pytester: pytest.Pytester) -> None:
        """``pyserverless_password_cost = production`` restores the library default."""
        pytester.makeini("[pytest]\npyserverless_password_cost = production\n")
        pytester.makepyfile(PROBE.format(expected=14))
        pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)

    def test_number(self, pytester: pytest.Pytester) -> None:
        """A number is the cost itself."""
        pytester.makeini("[pytest]\npyserverless_password_cost = 10\n")
        pytester.makepyfile(PROBE.format(expected=10))
        pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)

    def test_bad_value(self, pytester: pytest.Pytester) -> None:
        """Anything else is a usage error that names the option."""
        pytester.makeini("[pytest]\npyserverless_password_cost = fast\n")
        pytester.makepyfile(PROBE.format(expected=1))
        result = pytester.runpytest("-p", "no:randomly")
        assert "pyserverless_password_cost" in result.stdout.str() + result.stderr.str()
        assert result.ret != 0

    def test_library_default_outside_the_plugin(self) -> None:
        """A Cloud built by hand keeps the production cost."""
        from pyserverless import Cloud

        assert Cloud().engine("cognito-idp").limits.password_hash_cost == 14

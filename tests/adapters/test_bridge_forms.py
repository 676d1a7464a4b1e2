"""mock_aws in the forms moto users bring: start()/stop(), and a decorated test class."""

from __future__ import annotations

import io
import os
import unittest

import boto3
import pytest

from pyserverless import Cloud, mock_aws

_TABLE = {
    "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST",
}


class TestStartStop:
    def test_start_routes_and_stop_restores(self) -> None:
        """start() routes clients to the Cloud; stop() restores the environment."""
        before = os.environ.get("AWS_ACCESS_KEY_ID")
        bridge = mock_aws(Cloud.manual())
        cloud = bridge.start()
        try:
            boto3.client("dynamodb", region_name="us-east-1").create_table(
                TableName="tab", **_TABLE
            )
            assert cloud.client("dynamodb").list_tables()["TableNames"] == ["tab"]
            assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
        finally:
            bridge.stop()
        assert os.environ.get("AWS_ACCESS_KEY_ID") == before
        assert bridge.cloud is None

    def test_stop_without_start_says_so(self) -> None:
        """A stray stop() is a RuntimeError naming the fix, not a silent no-op."""
        with pytest.raises(RuntimeError, match="without a start"):
            mock_aws(Cloud.manual()).stop()


_RAN: list[str] = []


@mock_aws
class _Decorated(unittest.TestCase):
    def setUp(self) -> None:
        self.ddb = boto3.client("dynamodb", region_name="us-east-1")
        self.ddb.create_table(TableName="tab", **_TABLE)

    def test_one(self) -> None:
        self.ddb.put_item(TableName="tab", Item={"k": {"S": "one"}})
        _RAN.append(f"one:{self.ddb.scan(TableName='tab')['Count']}")

    def test_two(self) -> None:
        _RAN.append(f"two:{self.ddb.scan(TableName='tab')['Count']}")


class TestDecoratedTestCase:
    def test_class_stays_a_class_and_every_test_runs(self) -> None:
        """@mock_aws on a TestCase keeps it a class; each test runs routed, on a fresh Cloud."""
        assert isinstance(_Decorated, type)
        assert issubclass(_Decorated, unittest.TestCase)
        _RAN.clear()
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(_Decorated)
        result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
        assert result.testsRun == 2
        assert result.wasSuccessful(), result.errors + result.failures
        # Each test saw only its own writes: a fresh Cloud per test.
        assert sorted(_RAN) == ["one:1", "two:0"]

    def test_a_plain_class_gets_its_test_methods_wrapped(self) -> None:
        """On a non-unittest class, each test* method runs inside the bridge."""
        cloud = Cloud.manual()

        @mock_aws(cloud)
        class Plain:
            def test_put(self) -> str:
                boto3.client("dynamodb", region_name="us-east-1").create_table(
                    TableName="plain", **_TABLE
                )
                return "ran"

            def helper(self) -> int:
                return 1

        assert Plain().test_put() == "ran"
        assert cloud.client("dynamodb").list_tables()["TableNames"] == ["plain"]
        assert Plain().helper() == 1

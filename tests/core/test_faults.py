"""cloud.faults: planned failures and delays fire at every door, once each, and are recorded."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from hypothesis import given

from pyserverless import AWSError, Cloud, ManualClock, mock_aws
from pyserverless.adapters import Dispatcher, WireRequest
from pyserverless.strategies import fault_plans

TABLE = {
    "TableName": "tab",
    "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST",
}


def _cloud() -> Cloud:
    cloud = Cloud.manual()
    cloud.client("dynamodb").create_table(**TABLE)
    return cloud


def _put(cloud: Cloud, key: str) -> Any:
    return cloud.client("dynamodb").put_item(TableName="tab", Item={"k": {"S": key}})


def _keys(cloud: Cloud) -> list[str]:
    items = cloud.client("dynamodb").scan(TableName="tab")["Items"]
    return sorted(i["k"]["S"] for i in items)


class TestFail:
    def test_next_call_fails_then_calls_succeed(self) -> None:
        """times=1: one call gets AWS's error and changes nothing; the next one works."""
        cloud = _cloud()
        cloud.faults.fail("dynamodb", "PutItem", error="ProvisionedThroughputExceededException")
        with pytest.raises(AWSError) as caught:
            _put(cloud, "a")
        assert caught.value.code == "ProvisionedThroughputExceededException"
        assert "when calling the PutItem operation" in str(caught.value)
        assert _keys(cloud) == []
        _put(cloud, "b")
        assert _keys(cloud) == ["b"]
        assert [(e.operation, e.effect) for e in cloud.faults.history()] == [
            ("PutItem", "ProvisionedThroughputExceededException")
        ]

    def test_times_counts_exactly(self) -> None:
        """times=3 fails exactly three calls."""
        cloud = _cloud()
        cloud.faults.fail("dynamodb", "PutItem", error="ThrottlingException", times=3)
        outcomes = []
        for n in range(5):
            try:
                _put(cloud, str(n))
                outcomes.append("ok")
            except AWSError as err:
                outcomes.append(err.code)
        assert outcomes == ["ThrottlingException"] * 3 + ["ok", "ok"]

    def test_until_cancelled_and_wildcard(self) -> None:
        """times=None fires on every matching call until cancel(); '*' matches any operation."""
        cloud = _cloud()
        fault = cloud.faults.fail("dynamodb", "*", error="InternalServerError", times=None)
        for _ in range(3):
            with pytest.raises(AWSError, match="InternalServerError"):
                cloud.client("dynamodb").list_tables()
        with pytest.raises(AWSError):
            _put(cloud, "x")
        fault.cancel()
        assert cloud.client("dynamodb").list_tables()["TableNames"] == ["tab"]
        assert cloud.faults.planned() == []

    def test_when_predicate_picks_requests(self) -> None:
        """A predicate on the request dict chooses which calls fail."""
        cloud = _cloud()
        cloud.faults.fail(
            "dynamodb",
            "PutItem",
            error="ConditionalCheckFailedException",
            times=None,
            when=lambda request: request["Item"]["k"]["S"].startswith("bad"),
        )
        _put(cloud, "good")
        with pytest.raises(AWSError, match="ConditionalCheckFailed"):
            _put(cloud, "bad-1")
        assert _keys(cloud) == ["good"]

    def test_an_error_instance_is_raised_as_given(self) -> None:
        """An AWSError passed in is what the call raises."""
        from pyserverless.dynamo import InternalServerError

        cloud = _cloud()
        cloud.faults.fail("dynamodb", "GetItem", error=InternalServerError("boom"))
        with pytest.raises(InternalServerError, match="boom"):
            cloud.client("dynamodb").get_item(TableName="tab", Key={"k": {"S": "a"}})

    def test_other_services(self) -> None:
        """Lambda and Cognito take faults the same way."""
        cloud = Cloud.manual()
        cloud.faults.fail("lambda", "ListFunctions", error="TooManyRequestsException")
        with pytest.raises(AWSError) as caught:
            cloud.client("lambda").list_functions()
        assert caught.value.code == "TooManyRequestsException"
        assert caught.value.status == 429
        cloud.faults.fail("cognito-idp", "ListUserPools", error="TooManyRequestsException")
        with pytest.raises(AWSError, match="TooManyRequests"):
            cloud.client("cognito-idp").list_user_pools(MaxResults=5)


class TestMisuse:
    @pytest.mark.parametrize(
        ("kwargs", "kind", "match"),
        [
            ({"service": "s4"}, ValueError, "Unknown service"),
            ({"operation": "PutItems"}, ValueError, "no operation 'PutItems'"),
            ({"error": "Nope"}, ValueError, "no error 'Nope'"),
            ({"times": 0}, ValueError, "at least 1"),
            ({"times": 1.5}, TypeError, "whole number"),
            ({"when": 3}, TypeError, "function of the request"),
        ],
    )
    def test_misuse_says_what_to_do(self, kwargs: dict[str, Any], kind: type, match: str) -> None:
        """Planning a fault that could never fire is refused at once."""
        args = {"service": "dynamodb", "operation": "PutItem", **kwargs}
        with pytest.raises(kind, match=match):
            Cloud.manual().faults.fail(**args)
        with pytest.raises(ValueError, match="seconds must be"):
            Cloud.manual().faults.latency("dynamodb", "PutItem", -1)


class TestDoors:
    def test_through_boto3_a_retried_throttle_succeeds(self) -> None:
        """boto3 retries a throttle: with times=2 the third attempt succeeds, and two fired."""
        cloud = _cloud()
        cloud.faults.fail(
            "dynamodb", "PutItem", error="ProvisionedThroughputExceededException", times=2
        )
        with mock_aws(cloud):
            client = boto3.client(
                "dynamodb",
                region_name="us-east-1",
                config=Config(retries={"mode": "standard", "max_attempts": 3}),
            )
            client.put_item(TableName="tab", Item={"k": {"S": "a"}})
        assert _keys(cloud) == ["a"]
        assert len(cloud.faults.history()) == 2

    def test_through_boto3_without_retries_the_error_arrives(self) -> None:
        """With retries off, the app sees AWS's error code and status."""
        cloud = _cloud()
        cloud.faults.fail("dynamodb", "PutItem", error="ProvisionedThroughputExceededException")
        with mock_aws(cloud):
            client = boto3.client(
                "dynamodb",
                region_name="us-east-1",
                config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
            )
            with pytest.raises(ClientError) as caught:
                client.put_item(TableName="tab", Item={"k": {"S": "a"}})
        assert caught.value.response["Error"]["Code"] == "ProvisionedThroughputExceededException"
        assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400

    def test_over_http(self) -> None:
        """The HTTP door answers a planned fault as AWS would: status and __type."""
        cloud = _cloud()
        cloud.faults.fail("dynamodb", "ListTables", error="InternalServerError")
        headers = {
            "x-amz-target": "DynamoDB_20120810.ListTables",
            "content-type": "application/x-amz-json-1.0",
        }
        answer = Dispatcher(cloud).handle(WireRequest("POST", "/", headers, b"{}", trusted=True))
        assert answer.status == 500
        assert json.loads(answer.body)["__type"].endswith("#InternalServerError")


class TestLatency:
    def test_clock_latency_moves_a_manual_clock(self) -> None:
        """latency() moves the Cloud's ManualClock before the call runs; recorded."""
        clock = ManualClock(0)
        cloud = Cloud(clock=clock)
        cloud.client("dynamodb").create_table(**TABLE)
        cloud.faults.latency("dynamodb", "PutItem", 2.5, times=2)
        for key in "abc":
            _put(cloud, key)
        assert clock.time() == 5.0
        assert [e.effect for e in cloud.faults.history()] == ["latency 2.5s", "latency 2.5s"]


@given(plan=fault_plans(service="dynamodb", operations=["PutItem", "GetItem"]))
def test_drawn_fault_plans_fire_as_planned(plan: Any) -> None:
    """A drawn plan applies to a fresh Cloud, and fires exactly its count on matching calls."""
    cloud = _cloud()
    fault = plan.apply(cloud)
    codes = []
    for n in range(plan.times + 2):
        try:
            if plan.operation == "PutItem":
                _put(cloud, str(n))
            else:
                cloud.client("dynamodb").get_item(TableName="tab", Key={"k": {"S": "x"}})
            codes.append("ok")
        except AWSError as err:
            codes.append(err.code)
    assert codes == [plan.error] * plan.times + ["ok", "ok"]
    assert fault.remaining == 0


class TestContention:
    def test_contention_mode_conflicts_as_aws_does(self) -> None:
        """With contention on, a write to an item a transaction holds gets
        TransactionConflictException; after the hold the write succeeds."""
        clock = ManualClock(0)
        cloud = Cloud(clock=clock)
        cloud.client("dynamodb").create_table(**TABLE)
        assert cloud.faults.contention(5.0) == 0.0
        item = {"Put": {"TableName": "tab", "Item": {"k": {"S": "a"}}}}
        cloud.client("dynamodb").transact_write_items(TransactItems=[item])
        with pytest.raises(AWSError) as caught:
            _put(cloud, "a")
        assert caught.value.code == "TransactionConflictException"
        clock.advance(5)
        _put(cloud, "a")
        assert cloud.faults.contention(0) == 5.0

    def test_hold_item_makes_a_transaction_cancel(self) -> None:
        """A held item cancels a transaction that touches it, with TransactionConflict."""
        cloud = _cloud()
        cloud.faults.hold_item("tab", {"k": "b"}, 10)
        item = {"Put": {"TableName": "tab", "Item": {"k": {"S": "b"}}}}
        with pytest.raises(AWSError) as caught:
            cloud.client("dynamodb").transact_write_items(TransactItems=[item])
        assert caught.value.code == "TransactionCanceledException"
        assert "TransactionConflict" in caught.value.message
        assert _keys(cloud) == []

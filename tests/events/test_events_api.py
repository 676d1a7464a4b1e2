"""EventBridge's API through cloud.client("events"): rules, targets, events and buses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.events import (
    InvalidEventPatternException,
    LimitExceededException,
    ResourceAlreadyExistsException,
    ResourceNotFoundException,
    ValidationException,
)

START = 1_717_200_000.0  # 2024-06-01T00:00:00Z


@pytest.fixture
def cloud() -> Cloud:
    return Cloud(clock=ManualClock(START))


@pytest.fixture
def events(cloud: Cloud) -> Iterator[Any]:
    yield cloud.client("events")
    cloud.engine("events")._check()  # the engine's invariants hold after every test


@pytest.fixture
def recorder(cloud: Cloud) -> tuple[Any, list[Any]]:
    seen: list[Any] = []
    fn = cloud.lambda_.create_function("sink", handler=lambda e, c: seen.append(e))
    return fn, seen


def entry(**over: Any) -> dict[str, Any]:
    base = {"Source": "shop", "DetailType": "OrderPlaced", "Detail": json.dumps({"total": 10})}
    base.update(over)
    return base


class TestPutRule:
    def test_pattern_rule_described(self, events: Any) -> None:
        """A pattern rule is described as put, with the default bus and the account."""
        arn = events.put_rule(Name="r", EventPattern='{"source": ["shop"]}', Description="d")
        assert arn["RuleArn"] == "arn:aws:events:us-east-1:123456789012:rule/r"
        got = events.describe_rule(Name="r")
        got.pop("ResponseMetadata")
        assert got == {
            "Name": "r",
            "Arn": arn["RuleArn"],
            "EventPattern": '{"source": ["shop"]}',
            "State": "ENABLED",
            "Description": "d",
            "EventBusName": "default",
            "CreatedBy": "123456789012",
        }

    def test_needs_pattern_or_schedule(self, events: Any) -> None:
        """Neither an EventPattern nor a ScheduleExpression is refused; nothing is made."""
        with pytest.raises(ValidationException, match="EventPattern or ScheduleExpression"):
            events.put_rule(Name="r")
        assert events.list_rules()["Rules"] == []

    def test_bad_pattern_and_schedule(self, events: Any) -> None:
        """An invalid pattern or schedule gets EventBridge's error and makes nothing."""
        with pytest.raises(InvalidEventPatternException, match="Event pattern is not valid"):
            events.put_rule(Name="r", EventPattern='{"source": "shop"}')
        with pytest.raises(ValidationException, match="ScheduleExpression is not valid"):
            events.put_rule(Name="r", ScheduleExpression="rate(1 minutes)")
        assert events.list_rules()["Rules"] == []

    def test_name_pattern_and_length(self, events: Any) -> None:
        """Names of 64 characters from [.-_A-Za-z0-9] pass; 65, or a space, are refused."""
        events.put_rule(Name="a" * 64, EventPattern='{"a": [1]}')
        with pytest.raises(ValidationException, match="length less than or equal to 64"):
            events.put_rule(Name="a" * 65, EventPattern='{"a": [1]}')
        with pytest.raises(ValidationException, match="regular expression pattern"):
            events.put_rule(Name="a b", EventPattern='{"a": [1]}')

    def test_replace_keeps_targets(self, events: Any, recorder: tuple[Any, list[Any]]) -> None:
        """PutRule on an existing name replaces its definition and keeps its targets."""
        fn, _ = recorder
        events.put_rule(Name="r", EventPattern='{"a": [1]}')
        events.put_targets(Rule="r", Targets=[{"Id": "t", "Arn": fn.arn}])
        events.put_rule(Name="r", EventPattern='{"a": [2]}', State="DISABLED")
        assert events.describe_rule(Name="r")["State"] == "DISABLED"
        assert [t["Id"] for t in events.list_targets_by_rule(Rule="r")["Targets"]] == ["t"]

    def test_schedule_only_on_default_bus(self, events: Any) -> None:
        """A custom bus takes patterns but not schedules."""
        events.create_event_bus(Name="orders")
        events.put_rule(Name="r", EventPattern='{"a": [1]}', EventBusName="orders")
        with pytest.raises(ValidationException, match="only on the default event bus"):
            events.put_rule(Name="s", ScheduleExpression="rate(1 hour)", EventBusName="orders")

    def test_rules_per_bus_limit(self) -> None:
        """The last rule under the quota is made; the next is refused."""
        cloud = Cloud(clock=ManualClock(START), limits={"events": {"max_rules_per_bus": 2}})
        events = cloud.client("events")
        events.put_rule(Name="a", EventPattern='{"a": [1]}')
        events.put_rule(Name="b", EventPattern='{"a": [1]}')
        events.put_rule(Name="b", EventPattern='{"a": [2]}')  # a replacement is no new rule
        with pytest.raises(LimitExceededException):
            events.put_rule(Name="c", EventPattern='{"a": [1]}')


class TestRuleLifecycle:
    def test_missing_rule(self, events: Any) -> None:
        """Describe, enable, disable and PutTargets on a missing rule: ResourceNotFound."""
        text = "Rule nope does not exist on EventBus default."
        for call in (events.describe_rule, events.enable_rule, events.disable_rule):
            with pytest.raises(ResourceNotFoundException, match=text):
                call(Name="nope")
        with pytest.raises(ResourceNotFoundException, match=text):
            events.put_targets(
                Rule="nope", Targets=[{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:1:q"}]
            )

    def test_delete_refused_with_targets(
        self, events: Any, recorder: tuple[Any, list[Any]]
    ) -> None:
        """DeleteRule with targets is refused with AWS's text; without them it succeeds."""
        fn, _ = recorder
        events.put_rule(Name="r", EventPattern='{"a": [1]}')
        events.put_targets(Rule="r", Targets=[{"Id": "t", "Arn": fn.arn}])
        with pytest.raises(
            ValidationException, match=r"Rule can't be deleted since it has targets\."
        ):
            events.delete_rule(Name="r")
        events.remove_targets(Rule="r", Ids=["t"])
        events.delete_rule(Name="r")
        events.delete_rule(Name="r")  # a missing rule is no error
        assert events.list_rules()["Rules"] == []

    def test_list_rules_prefix_and_paging(self, events: Any) -> None:
        """ListRules filters by NamePrefix and pages with Limit and NextToken."""
        for name in ("b1", "a1", "b2", "b3"):
            events.put_rule(Name=name, EventPattern='{"a": [1]}')
        first = events.list_rules(NamePrefix="b", Limit=2)
        assert [r["Name"] for r in first["Rules"]] == ["b1", "b2"]
        second = events.list_rules(NamePrefix="b", Limit=2, NextToken=first["NextToken"])
        assert [r["Name"] for r in second["Rules"]] == ["b3"]
        assert "NextToken" not in second
        with pytest.raises(ValidationException):
            events.list_rules(NextToken="garbage")

    def test_enable_disable(self, events: Any) -> None:
        """DisableRule and EnableRule flip State."""
        events.put_rule(Name="r", EventPattern='{"a": [1]}')
        events.disable_rule(Name="r")
        assert events.describe_rule(Name="r")["State"] == "DISABLED"
        events.enable_rule(Name="r")
        assert events.describe_rule(Name="r")["State"] == "ENABLED"


class TestTargets:
    def test_put_list_remove(self, events: Any) -> None:
        """Any well-formed ARN is accepted; targets list as put, with AWS's result shape."""
        events.put_rule(Name="r", EventPattern='{"a": [1]}')
        out = events.put_targets(
            Rule="r",
            Targets=[
                {"Id": "a", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:nope"},
                {
                    "Id": "b",
                    "Arn": "arn:aws:lambda:us-east-1:123456789012:function:x",
                    "Input": '{"k": 1}',
                },
            ],
        )
        assert (out["FailedEntryCount"], out["FailedEntries"]) == (0, [])
        listed = events.list_targets_by_rule(Rule="r")["Targets"]
        assert listed[1] == {
            "Id": "b",
            "Arn": "arn:aws:lambda:us-east-1:123456789012:function:x",
            "Input": '{"k": 1}',
        }
        out = events.remove_targets(Rule="r", Ids=["a"])
        assert (out["FailedEntryCount"], out["FailedEntries"]) == (0, [])
        assert [t["Id"] for t in events.list_targets_by_rule(Rule="r")["Targets"]] == ["b"]

    def test_five_targets(self, events: Any) -> None:
        """Five targets fit a rule; a sixth is refused and nothing of that call is added."""
        events.put_rule(Name="r", EventPattern='{"a": [1]}')
        arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
        events.put_targets(Rule="r", Targets=[{"Id": f"t{i}", "Arn": arn} for i in range(5)])
        with pytest.raises(LimitExceededException):
            events.put_targets(Rule="r", Targets=[{"Id": "t5", "Arn": arn}])
        events.put_targets(
            Rule="r", Targets=[{"Id": "t4", "Arn": arn, "Input": "1"}]
        )  # a replacement
        assert len(events.list_targets_by_rule(Rule="r")["Targets"]) == 5

    @pytest.mark.parametrize(
        ("target", "match"),
        [
            (
                {"Input": "{}", "InputPath": "$.detail"},
                "Only one of Input, InputPath, or InputTransformer",
            ),
            ({"Input": "{not json"}, "not valid JSON"),
            ({"InputPath": "detail"}, "JSONPath"),
            (
                {"InputTransformer": {"InputPathsMap": {"x": "nope"}, "InputTemplate": "<x>"}},
                "JSONPath",
            ),
            ({"InputTransformer": {"InputTemplate": '{"a": <x}'}}, "InputTemplate"),
            ({"SqsParameters": {"MessageGroupId": "g"}}, "only valid for FIFO queue targets"),
            ({"DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:1:q"}}, "DeadLetterConfig"),
            ({"KinesisParameters": {"PartitionKeyPath": "$.id"}}, "KinesisParameters"),
            ({"Arn": "not-an-arn"}, "Provided Arn is not in correct format"),
        ],
    )
    def test_refused_targets(self, events: Any, target: dict[str, Any], match: str) -> None:
        """Each bad target is refused with a ValidationException; nothing is attached."""
        events.put_rule(Name="r", EventPattern='{"a": [1]}')
        spec = {"Id": "t", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:f", **target}
        with pytest.raises(ValidationException, match=match):
            events.put_targets(Rule="r", Targets=[spec])
        assert events.list_targets_by_rule(Rule="r")["Targets"] == []


class TestPutEvents:
    def test_entry_errors(self, events: Any) -> None:
        """Each missing member and a Detail that is no JSON object gets its own error."""
        out = events.put_events(
            Entries=[
                entry(),
                {"DetailType": "x", "Detail": "{}"},
                {"Source": "s", "Detail": "{}"},
                {"Source": "s", "DetailType": "x"},
                entry(Detail="[1]"),
                entry(Detail="{oops"),
            ]
        )
        assert out["FailedEntryCount"] == 5
        assert "EventId" in out["Entries"][0]
        assert [e.get("ErrorCode") for e in out["Entries"][1:]] == [
            "InvalidArgument",
            "InvalidArgument",
            "InvalidArgument",
            "MalformedDetail",
            "MalformedDetail",
        ]
        assert out["Entries"][2]["ErrorMessage"] == (
            "Parameter DetailType is not valid. Reason: DetailType is a required argument."
        )

    @pytest.mark.parametrize(
        "when",
        ["2020-01-02T03:04:05Z", "2020-01-02T03:04:05", 1577934245, "1577934245", 1577934245.0],
    )
    def test_time_forms(
        self, cloud: Cloud, events: Any, recorder: tuple[Any, list[Any]], when: Any
    ) -> None:
        """Time as botocore takes it (ISO text, epoch seconds) is the event's time."""
        fn, seen = recorder
        events.put_rule(Name="r", EventPattern='{"source": ["shop"]}')
        events.put_targets(Rule="r", Targets=[{"Id": "t", "Arn": fn.arn}])
        assert events.put_events(Entries=[entry(Time=when)])["FailedEntryCount"] == 0
        cloud.advance(0)
        assert seen[0]["time"] == "2020-01-02T03:04:05Z"

    def test_aws_sources_are_reserved(self, events: Any) -> None:
        """A Source in the aws. namespace fails its entry; the rest of the batch goes."""
        out = events.put_events(Entries=[entry(Source="aws.ec2"), entry(Source="awsome")])
        assert out["FailedEntryCount"] == 1
        assert out["Entries"][0] == {
            "ErrorCode": "NotAuthorizedForSourceException",
            "ErrorMessage": "Not authorized for the source.",
        }
        assert "EventId" in out["Entries"][1]

    def test_ten_entries_and_size(self, events: Any) -> None:
        """Ten entries are taken, eleven refused; 256 KB in all is taken, one byte more refused."""
        assert events.put_events(Entries=[entry()] * 10)["FailedEntryCount"] == 0
        with pytest.raises(ValidationException, match="less than or equal to 10"):
            events.put_events(Entries=[entry()] * 11)
        fixed = len("shop") + len("OrderPlaced") + len('{"p": ""}')
        fits = entry(Detail=json.dumps({"p": "x" * (256 * 1024 - fixed)}))
        assert events.put_events(Entries=[fits])["FailedEntryCount"] == 0
        over = entry(Detail=json.dumps({"p": "x" * (256 * 1024 - fixed + 1)}))
        with pytest.raises(ValidationException, match="Total size of the entries"):
            events.put_events(Entries=[over])

    def test_matching_rules_deliver(
        self, cloud: Cloud, events: Any, recorder: tuple[Any, list[Any]]
    ) -> None:
        """A matching, enabled rule's Lambda target gets AWS's event shape; others get nothing."""
        fn, seen = recorder
        events.put_rule(Name="big", EventPattern='{"detail": {"total": [{"numeric": [">", 100]}]}}')
        events.put_targets(Rule="big", Targets=[{"Id": "t", "Arn": fn.arn}])
        events.put_rule(Name="off", EventPattern='{"source": ["shop"]}', State="DISABLED")
        events.put_targets(Rule="off", Targets=[{"Id": "t", "Arn": fn.arn}])
        out = events.put_events(
            Entries=[
                entry(Detail='{"total": 250}', Resources=["arn:x"]),
                entry(Detail='{"total": 5}'),
            ]
        )
        assert seen == []  # delivered on the scheduler, not inside PutEvents
        cloud.advance(0)
        assert len(seen) == 1
        event = seen[0]
        assert list(event) == [
            *("version", "id", "detail-type", "source", "account", "time", "region"),
            *("resources", "detail"),
        ]
        assert event["id"] == out["Entries"][0]["EventId"]
        assert event["time"] == "2024-06-01T00:00:00Z"
        assert (event["source"], event["detail-type"], event["detail"]) == (
            "shop",
            "OrderPlaced",
            {"total": 250},
        )
        assert event["resources"] == ["arn:x"]

    def test_missing_function_is_a_failed_delivery(self, cloud: Cloud, events: Any) -> None:
        """PutTargets takes an ARN of no function; the delivery fails and is recorded."""
        arn = "arn:aws:lambda:us-east-1:123456789012:function:ghost"
        events.put_rule(Name="r", EventPattern='{"source": ["shop"]}')
        events.put_targets(Rule="r", Targets=[{"Id": "t", "Arn": arn}])
        assert events.put_events(Entries=[entry()])["FailedEntryCount"] == 0
        cloud.advance(0)
        (delivery,) = cloud.events.deliveries()
        assert (delivery.arn, delivery.error_code) == (arn, "ResourceNotFoundException")

    def test_input_shapes(self, cloud: Cloud, events: Any, recorder: tuple[Any, list[Any]]) -> None:
        """Input, InputPath and InputTransformer shape what the target receives."""
        fn, seen = recorder
        events.put_rule(Name="r", EventPattern='{"source": ["shop"]}')
        events.put_targets(
            Rule="r",
            Targets=[
                {"Id": "a", "Arn": fn.arn, "Input": '{"fixed": true}'},
                {"Id": "b", "Arn": fn.arn, "InputPath": "$.detail"},
                {
                    "Id": "c",
                    "Arn": fn.arn,
                    "InputTransformer": {
                        "InputPathsMap": {"total": "$.detail.total", "src": "$.source"},
                        "InputTemplate": (
                            '{"t": <total>, "msg": "<src> sold <total>", '
                            '"rule": "<aws.events.rule-name>"}'
                        ),
                    },
                },
            ],
        )
        events.put_events(Entries=[entry(Detail='{"total": 7}')])
        cloud.advance(0)
        assert seen == [{"fixed": True}, {"total": 7}, {"t": 7, "msg": "shop sold 7", "rule": "r"}]


class TestTestEventPattern:
    EVENT = json.dumps(
        {
            "id": "1",
            "account": "123456789012",
            "source": "aws.ec2",
            "time": "2024-01-01T00:00:00Z",
            "region": "us-east-1",
            "resources": [],
            "detail-type": "x",
            "detail": {"state": "running"},
        }
    )

    def test_result(self, events: Any) -> None:
        """True for a match, False otherwise."""
        assert events.test_event_pattern(EventPattern='{"source": ["aws.ec2"]}', Event=self.EVENT)[
            "Result"
        ]
        assert not events.test_event_pattern(
            EventPattern='{"detail": {"state": ["stopped"]}}', Event=self.EVENT
        )["Result"]

    def test_errors(self, events: Any) -> None:
        """A bad pattern or an event without AWS's fields is refused."""
        with pytest.raises(InvalidEventPatternException):
            events.test_event_pattern(EventPattern="{}", Event=self.EVENT)
        with pytest.raises(ValidationException, match=r"Parameter Event is not valid\."):
            events.test_event_pattern(EventPattern='{"a": [1]}', Event='{"source": "x"}')


class TestEventBuses:
    def test_lifecycle(self, events: Any) -> None:
        """Create, describe, list and delete a custom bus; default always exists."""
        arn = events.create_event_bus(Name="orders")["EventBusArn"]
        assert arn == "arn:aws:events:us-east-1:123456789012:event-bus/orders"
        with pytest.raises(ResourceAlreadyExistsException):
            events.create_event_bus(Name="orders")
        assert events.describe_event_bus(Name=arn)["Name"] == "orders"
        assert [b["Name"] for b in events.list_event_buses()["EventBuses"]] == ["default", "orders"]
        with pytest.raises(ValidationException, match=r"Cannot delete event bus default\."):
            events.delete_event_bus(Name="default")
        events.delete_event_bus(Name="orders")
        with pytest.raises(ResourceNotFoundException, match=r"Event bus orders does not exist\."):
            events.describe_event_bus(Name="orders")

    def test_unknown_bus(self, events: Any) -> None:
        """Rules on a missing bus are refused; an event for one gets an EventId and goes
        nowhere, as AWS answers it (no failed entry)."""
        with pytest.raises(ResourceNotFoundException):
            events.put_rule(Name="r", EventPattern='{"a": [1]}', EventBusName="nope")
        out = events.put_events(Entries=[entry(EventBusName="nope")])
        assert out["FailedEntryCount"] == 0
        assert set(out["Entries"][0]) == {"EventId"}

    def test_custom_bus_routes_its_own_events(
        self, cloud: Cloud, events: Any, recorder: tuple[Any, list[Any]]
    ) -> None:
        """A rule on a custom bus sees only events put on that bus."""
        fn, seen = recorder
        events.create_event_bus(Name="orders")
        events.put_rule(Name="r", EventPattern='{"source": ["shop"]}', EventBusName="orders")
        events.put_targets(Rule="r", EventBusName="orders", Targets=[{"Id": "t", "Arn": fn.arn}])
        assert events.describe_rule(Name="r", EventBusName="orders")["Arn"].endswith(
            "rule/orders/r"
        )
        events.put_events(Entries=[entry(), entry(EventBusName="orders", Detail='{"n": 1}')])
        cloud.advance(0)
        assert [e["detail"] for e in seen] == [{"n": 1}]


def test_bus_tags_and_endpoint_id(events: Any) -> None:
    """A bus's tags are kept; PutEvents through a global endpoint is refused, not ignored."""
    arn = events.create_event_bus(Name="o", Tags=[{"Key": "team", "Value": "a"}])["EventBusArn"]
    assert events.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "team", "Value": "a"}]
    with pytest.raises(ValidationException, match="EndpointId"):
        events.put_events(Entries=[entry()], EndpointId="abc.xyz")


def test_retry_policy_is_listed(events: Any) -> None:
    """A target's RetryPolicy is accepted and listed as put."""
    events.put_rule(Name="r", EventPattern='{"a": [1]}')
    policy = {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 3600}
    arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
    events.put_targets(Rule="r", Targets=[{"Id": "t", "Arn": arn, "RetryPolicy": policy}])
    assert events.list_targets_by_rule(Rule="r")["Targets"][0]["RetryPolicy"] == policy


def test_tags(events: Any) -> None:
    """Tags given to PutRule are listed, added and removed by ARN."""
    arn = events.put_rule(Name="r", EventPattern='{"a": [1]}', Tags=[{"Key": "k", "Value": "v"}])[
        "RuleArn"
    ]
    events.tag_resource(ResourceARN=arn, Tags=[{"Key": "k2", "Value": "v2"}])
    events.untag_resource(ResourceARN=arn, TagKeys=["k"])
    assert events.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "k2", "Value": "v2"}]

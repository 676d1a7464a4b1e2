"""EventBridge rules delivering to SQS queues (standard and FIFO), and targets'
dead-letter queues."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock

ACCOUNT = "123456789012"


@pytest.fixture
def cloud() -> Any:
    with Cloud(clock=ManualClock(1_700_000_000), seed=5) as made:
        yield made


def make_queue(cloud: Cloud, name: str, **attributes: str) -> tuple[str, str]:
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    return url, f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}"


def bodies(cloud: Cloud, url: str) -> list[dict[str, Any]]:
    got = cloud.client("sqs").receive_message(
        QueueUrl=url,
        MaxNumberOfMessages=10,
        MessageAttributeNames=["All"],
        MessageSystemAttributeNames=["All"],
    )
    return list(got.get("Messages", []))


def put(cloud: Cloud, detail: dict[str, Any] | None = None) -> str:
    out = cloud.client("events").put_events(
        Entries=[{"Source": "shop", "DetailType": "order", "Detail": json.dumps(detail or {})}]
    )
    return str(out["Entries"][0]["EventId"])


def rule(cloud: Cloud, *targets: dict[str, Any]) -> None:
    events = cloud.client("events")
    events.put_rule(Name="r", EventPattern=json.dumps({"source": ["shop"]}))
    events.put_targets(Rule="r", Targets=list(targets))


def error(call: Any, **params: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**params)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


class TestQueueTargets:
    def test_event_lands_in_the_queue(self, cloud: Cloud) -> None:
        """A matching event is sent to the queue, the whole event as the body."""
        url, arn = make_queue(cloud, "orders")
        rule(cloud, {"Id": "q", "Arn": arn})
        event_id = put(cloud, {"n": 1})
        assert bodies(cloud, url) == []  # delivered on the scheduler, not inline
        cloud.advance(0)
        (message,) = bodies(cloud, url)
        body = json.loads(message["Body"])
        assert (body["id"], body["source"], body["detail"]) == (event_id, "shop", {"n": 1})
        assert cloud.engine("events").deliveries[-1].error_code is None

    def test_input_transformer_text_is_the_body(self, cloud: Cloud) -> None:
        """An InputTransformer's output is the message body as rendered."""
        url, arn = make_queue(cloud, "orders")
        transformer = {"InputPathsMap": {"n": "$.detail.n"}, "InputTemplate": '"order <n>"'}
        rule(cloud, {"Id": "q", "Arn": arn, "InputTransformer": transformer})
        put(cloud, {"n": 7})
        cloud.advance(0)
        assert [m["Body"] for m in bodies(cloud, url)] == ['"order 7"']

    def test_fifo_target_needs_a_message_group(self, cloud: Cloud) -> None:
        """A FIFO queue target without SqsParameters is refused; with one, each event goes
        to that group, deduplicated by event id."""
        url, arn = make_queue(cloud, "orders.fifo", FifoQueue="true")
        events = cloud.client("events")
        events.put_rule(Name="r", EventPattern=json.dumps({"source": ["shop"]}))
        code, message = error(events.put_targets, Rule="r", Targets=[{"Id": "q", "Arn": arn}])
        assert code == "ValidationException"
        assert message == "Parameter(s) SqsParameters must be specified for target: q."
        assert events.list_targets_by_rule(Rule="r")["Targets"] == []
        target = {"Id": "q", "Arn": arn, "SqsParameters": {"MessageGroupId": "g1"}}
        events.put_targets(Rule="r", Targets=[target])
        assert events.list_targets_by_rule(Rule="r")["Targets"] == [target]
        first, second = put(cloud, {"n": 1}), put(cloud, {"n": 2})
        cloud.advance(0)
        got = bodies(cloud, url)
        assert [json.loads(m["Body"])["id"] for m in got] == [first, second]
        assert got[0]["Attributes"]["MessageGroupId"] == "g1"
        assert got[0]["Attributes"]["MessageDeduplicationId"] == first

    def test_sqs_parameters_only_for_fifo_queues(self, cloud: Cloud) -> None:
        """SqsParameters on a standard queue is refused rather than ignored."""
        _, arn = make_queue(cloud, "orders")
        events = cloud.client("events")
        events.put_rule(Name="r", EventPattern=json.dumps({"source": ["shop"]}))
        target = {"Id": "q", "Arn": arn, "SqsParameters": {"MessageGroupId": "g"}}
        code, _ = error(events.put_targets, Rule="r", Targets=[target])
        assert code == "ValidationException"

    def test_missing_queue_is_a_failed_delivery(self, cloud: Cloud) -> None:
        """A queue that does not exist: the delivery is recorded as failed."""
        rule(cloud, {"Id": "q", "Arn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:gone"})
        put(cloud)
        cloud.advance(0)
        assert cloud.engine("events").deliveries[-1].error_code is not None


class TestDeadLetterQueues:
    def test_failed_delivery_goes_to_the_dlq_with_attributes(self, cloud: Cloud) -> None:
        """A target whose function does not exist: the event lands in the target's DLQ,
        with ERROR_CODE, ERROR_MESSAGE, RULE_ARN and TARGET_ARN attributes."""
        dlq_url, dlq_arn = make_queue(cloud, "dlq")
        missing = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:gone"
        rule(cloud, {"Id": "t", "Arn": missing, "DeadLetterConfig": {"Arn": dlq_arn}})
        event_id = put(cloud, {"n": 3})
        cloud.advance(0)
        (message,) = bodies(cloud, dlq_url)
        assert json.loads(message["Body"])["id"] == event_id
        attributes = {k: v["StringValue"] for k, v in message["MessageAttributes"].items()}
        assert attributes["ERROR_CODE"] == "ResourceNotFoundException"
        assert attributes["TARGET_ARN"] == missing
        assert attributes["RULE_ARN"] == f"arn:aws:events:us-east-1:{ACCOUNT}:rule/r"
        assert set(attributes) == {
            "ERROR_CODE",
            "ERROR_MESSAGE",
            "EXHAUSTED_RETRY_CONDITION",
            "RETRY_ATTEMPTS",
            "RULE_ARN",
            "TARGET_ARN",
        }

    def test_successful_delivery_leaves_the_dlq_empty(self, cloud: Cloud) -> None:
        """Only failures reach the DLQ."""
        dlq_url, dlq_arn = make_queue(cloud, "dlq")
        _, arn = make_queue(cloud, "orders")
        rule(cloud, {"Id": "q", "Arn": arn, "DeadLetterConfig": {"Arn": dlq_arn}})
        put(cloud)
        cloud.advance(0)
        assert bodies(cloud, dlq_url) == []

    @pytest.mark.parametrize(
        "dlq",
        [f"arn:aws:sqs:us-east-1:{ACCOUNT}:dlq.fifo", f"arn:aws:sns:us-east-1:{ACCOUNT}:t"],
    )
    def test_dlq_must_be_a_standard_queue(self, cloud: Cloud, dlq: str) -> None:
        """A FIFO queue or a topic as DeadLetterConfig is refused; nothing is attached."""
        _, arn = make_queue(cloud, "orders")
        events = cloud.client("events")
        events.put_rule(Name="r", EventPattern=json.dumps({"source": ["shop"]}))
        target = {"Id": "q", "Arn": arn, "DeadLetterConfig": {"Arn": dlq}}
        code, _ = error(events.put_targets, Rule="r", Targets=[target])
        assert code == "ValidationException"
        assert events.list_targets_by_rule(Rule="r")["Targets"] == []


def test_scheduled_rule_to_a_queue(cloud: Cloud) -> None:
    """A rate rule sends the Scheduled Event to its queue at each firing."""
    url, arn = make_queue(cloud, "ticks")
    events = cloud.client("events")
    events.put_rule(Name="tick", ScheduleExpression="rate(1 minute)")
    events.put_targets(Rule="tick", Targets=[{"Id": "q", "Arn": arn}])
    cloud.advance(180)
    got = bodies(cloud, url)
    assert len(got) == 3
    assert {json.loads(m["Body"])["detail-type"] for m in got} == {"Scheduled Event"}

"""EventBridge Scheduler with SQS: queue targets (standard and FIFO) and dead-letter queues."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud

MONDAY = dt.datetime(2024, 3, 25, tzinfo=dt.UTC).timestamp()
ROLE = "arn:aws:iam::123456789012:role/scheduler"
ACCOUNT = "123456789012"
HOUR = 3600


def make_queue(cloud: Cloud, name: str, **attributes: str) -> tuple[str, str]:
    url = cloud.client("sqs").create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    return url, f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}"


def messages(cloud: Cloud, url: str) -> list[dict[str, Any]]:
    got = cloud.client("sqs").receive_message(
        QueueUrl=url,
        MaxNumberOfMessages=10,
        MessageAttributeNames=["All"],
        MessageSystemAttributeNames=["All"],
    )
    return list(got.get("Messages", []))


def create(cloud: Cloud, target: dict[str, Any], expression: str = "rate(1 hour)") -> None:
    cloud.client("scheduler").create_schedule(
        Name="s",
        ScheduleExpression=expression,
        FlexibleTimeWindow={"Mode": "OFF"},
        Target={"RoleArn": ROLE, **target},
    )


def refused(cloud: Cloud, target: dict[str, Any]) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        create(cloud, target)
    assert cloud.client("scheduler").list_schedules()["Schedules"] == []
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


class TestQueueTargets:
    def test_each_firing_sends_the_input(self, cloud: Cloud) -> None:
        """A rate schedule sends its Input (context attributes replaced) at each firing."""
        url, arn = make_queue(cloud, "ticks")
        create(cloud, {"Arn": arn, "Input": "tick <aws.scheduler.attempt-number>"})
        cloud.advance(2 * HOUR - 1)
        assert [m["Body"] for m in messages(cloud, url)] == ["tick 1", "tick 1"]
        attempts = cloud.engine("scheduler").attempts
        assert [a.code for a in attempts] == [None, None]

    def test_no_input_sends_the_default_payload(self, cloud: Cloud) -> None:
        """Without Input, the queue gets Scheduler's default payload."""
        url, arn = make_queue(cloud, "ticks")
        create(cloud, {"Arn": arn})
        cloud.advance(1)
        assert [m["Body"] for m in messages(cloud, url)] == ["{}"]

    def test_fifo_target_needs_a_group(self, cloud: Cloud) -> None:
        """A FIFO queue target needs SqsParameters.MessageGroupId; the group is used."""
        url, arn = make_queue(
            cloud, "ticks.fifo", FifoQueue="true", ContentBasedDeduplication="true"
        )
        code, _ = refused(cloud, {"Arn": arn})
        assert code == "ValidationException"
        create(cloud, {"Arn": arn, "Input": "x", "SqsParameters": {"MessageGroupId": "g"}})
        cloud.advance(1)
        (message,) = messages(cloud, url)
        assert message["Attributes"]["MessageGroupId"] == "g"

    def test_sqs_parameters_refused_for_a_standard_queue(self, cloud: Cloud) -> None:
        """SqsParameters on a standard queue (or a function) is refused, never ignored."""
        _, arn = make_queue(cloud, "ticks")
        code, _ = refused(cloud, {"Arn": arn, "SqsParameters": {"MessageGroupId": "g"}})
        assert code == "ValidationException"

    def test_throttled_send_is_retried(self, cloud: Cloud) -> None:
        """A throttled SendMessage is retried with backoff, as a throttled Invoke is."""
        url, arn = make_queue(cloud, "ticks")
        cloud.faults.fail("sqs", "SendMessage", "RequestThrottled", times=1)
        create(
            cloud,
            {"Arn": arn, "Input": "n=<aws.scheduler.attempt-number>"},
            "at(2024-03-25T01:00:00)",
        )
        cloud.advance(HOUR + 5)
        attempts = cloud.engine("scheduler").attempts
        assert [(a.attempt, a.code is None) for a in attempts] == [(1, False), (2, True)]
        assert [m["Body"] for m in messages(cloud, url)] == ["n=2"]


class TestDeadLetterQueue:
    def test_discarded_firing_goes_to_the_dlq(self, cloud: Cloud) -> None:
        """A firing discarded (its function does not exist) lands in the DLQ: the payload
        as body, and the error and schedule as message attributes."""
        dlq_url, dlq_arn = make_queue(cloud, "dlq")
        missing = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:gone"
        create(
            cloud,
            {"Arn": missing, "Input": '{"k": 1}', "DeadLetterConfig": {"Arn": dlq_arn}},
            "at(2024-03-25T01:00:00)",
        )
        cloud.advance(HOUR)
        (message,) = messages(cloud, dlq_url)
        assert json.loads(message["Body"]) == {"k": 1}
        attributes = {k: v["StringValue"] for k, v in message["MessageAttributes"].items()}
        attempt = cloud.engine("scheduler").attempts[0]
        assert attempt.discarded
        assert attributes == {
            "ERROR_CODE": attempt.code,
            "ERROR_MESSAGE": attempt.message,
            "EXECUTION_ID": attempt.execution_id,
            "RETRY_ATTEMPTS": "0",
            "SCHEDULE_ARN": attempt.schedule_arn,
            "TARGET_ARN": missing,
        }

    def test_missing_target_queue_goes_to_the_dlq(self, cloud: Cloud) -> None:
        """A target queue that does not exist: discarded, and the DLQ gets the payload."""
        dlq_url, dlq_arn = make_queue(cloud, "dlq")
        gone = f"arn:aws:sqs:us-east-1:{ACCOUNT}:gone"
        create(cloud, {"Arn": gone, "Input": "x", "DeadLetterConfig": {"Arn": dlq_arn}})
        cloud.advance(1)
        assert [m["Body"] for m in messages(cloud, dlq_url)] == ["x"]

    def test_delivered_firing_leaves_the_dlq_empty(self, cloud: Cloud) -> None:
        """Only discarded firings reach the DLQ."""
        dlq_url, dlq_arn = make_queue(cloud, "dlq")
        _, arn = make_queue(cloud, "ticks")
        create(cloud, {"Arn": arn, "Input": "x", "DeadLetterConfig": {"Arn": dlq_arn}})
        cloud.advance(1)
        assert messages(cloud, dlq_url) == []

    def test_fifo_dlq_refused(self, cloud: Cloud) -> None:
        """Scheduler takes no FIFO queue as a DLQ (AWS's documented rule)."""
        _, arn = make_queue(cloud, "ticks")
        dlq = f"arn:aws:sqs:us-east-1:{ACCOUNT}:dlq.fifo"
        code, _ = refused(cloud, {"Arn": arn, "DeadLetterConfig": {"Arn": dlq}})
        assert code == "ValidationException"

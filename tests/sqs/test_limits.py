"""Limits not met elsewhere, on both sides: in-flight messages (with a small quota set
through Cloud(limits=...)), RedriveAllowPolicy's source list, message attribute names,
and the public engine contract other services use."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless.sqs import InvalidParameterValue

from .conftest import code_of

ARN = "arn:aws:sqs:us-east-1:123456789012:"


class TestInFlight:
    def test_quota(self) -> None:
        """At the in-flight quota a receive is OverLimit; a delete makes room."""
        cloud = Cloud.manual(limits={"sqs": {"max_inflight_standard": 2}})
        sqs = cloud.client("sqs")
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        for body in "abc":
            sqs.send_message(QueueUrl=url, MessageBody=body)
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2)["Messages"]
        assert len(got) == 2
        with pytest.raises(sqs.exceptions.OverLimit) as info:
            sqs.receive_message(QueueUrl=url)
        assert info.value.response["Error"]["Code"] == "OverLimit"
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        sqs.delete_message(QueueUrl=url, ReceiptHandle=got[0]["ReceiptHandle"])
        assert len(sqs.receive_message(QueueUrl=url)["Messages"]) == 1


class TestRedriveAllowSources:
    def test_ten_sources_at_most(self, sqs: Any) -> None:
        """byQueue lists 1 to 10 source ARNs."""

        def allow(count: int) -> str:
            arns = [f"{ARN}s{i}" for i in range(count)]
            return json.dumps({"redrivePermission": "byQueue", "sourceQueueArns": arns})

        sqs.create_queue(QueueName="ok", Attributes={"RedriveAllowPolicy": allow(10)})
        with pytest.raises(sqs.exceptions.InvalidAttributeValue):
            sqs.create_queue(QueueName="bad", Attributes={"RedriveAllowPolicy": allow(11)})
        with pytest.raises(sqs.exceptions.InvalidAttributeValue):
            sqs.create_queue(QueueName="bad", Attributes={"RedriveAllowPolicy": allow(0)})


class TestAttributeNames:
    @pytest.mark.parametrize("name", ["a", "a.b-c_d", "x" * 256])
    def test_accepted(self, sqs: Any, name: str) -> None:
        """Alphanumerics, hyphens, underscores and inner periods, up to 256 characters."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        value = {"DataType": "String", "StringValue": "v"}
        sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes={name: value})

    @pytest.mark.parametrize("name", [".a", "a.", "a..b", "a b", "x" * 257, "AWS.x", "amazon.y"])
    def test_refused(self, sqs: Any, name: str) -> None:
        """Leading, trailing or double periods, other characters, longer names, and the
        prefixes AWS reserves."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        value = {"DataType": "String", "StringValue": "v"}
        with pytest.raises(ClientError) as info:
            sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes={name: value})
        assert code_of(info) == "InvalidParameterValue"


class TestEngineContract:
    def test_queue_url_for_arn(self) -> None:
        """The URL of a queue by ARN; None for another Region, account or a missing queue."""
        cloud = Cloud.manual()
        engine = cloud.engine("sqs")
        url = engine.create_queue({"QueueName": "q"})["QueueUrl"]
        assert engine.queue_url_for_arn(ARN + "q") == url
        assert engine.queue_url_for_arn(ARN + "missing") is None
        assert engine.queue_url_for_arn("arn:aws:sqs:eu-west-1:123456789012:q") is None
        assert engine.queue_url_for_arn("arn:aws:sqs:us-east-1:111111111111:q") is None
        assert engine.queue_url_for_arn("not an arn") is None

    def test_dicts_in_and_out(self) -> None:
        """Engine methods take and return AWS's request and response dicts."""
        engine = Cloud.manual().engine("sqs")
        url = engine.create_queue({"QueueName": "q"})["QueueUrl"]
        sent = engine.send_message_batch(
            {"QueueUrl": url, "Entries": [{"Id": "1", "MessageBody": "a"}]}
        )
        assert sent["Failed"] == []
        got = engine.receive_message({"QueueUrl": url, "AttributeNames": ["All"]})
        message = got["Messages"][0]
        assert message["Body"] == "a"
        assert message["Attributes"]["ApproximateReceiveCount"] == "1"
        out = engine.change_message_visibility_batch(
            {
                "QueueUrl": url,
                "Entries": [
                    {"Id": "1", "ReceiptHandle": message["ReceiptHandle"], "VisibilityTimeout": 0}
                ],
            }
        )
        assert out == {"Successful": [{"Id": "1"}], "Failed": []}
        with pytest.raises(InvalidParameterValue):  # visible again: not in flight
            engine.change_message_visibility(
                {"QueueUrl": url, "ReceiptHandle": message["ReceiptHandle"], "VisibilityTimeout": 5}
            )
        out = engine.delete_message_batch(
            {"QueueUrl": url, "Entries": [{"Id": "1", "ReceiptHandle": message["ReceiptHandle"]}]}
        )
        assert out == {"Successful": [{"Id": "1"}], "Failed": []}
        counts = engine.get_queue_attributes({"QueueUrl": url, "AttributeNames": ["All"]})
        assert counts["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "0"
        assert engine.get_queue_url({"QueueName": "q"}) == {"QueueUrl": url}

    def test_listeners_hear_sends(self) -> None:
        """A listener hears the queue's ARN after a send (for event source mappings)."""
        engine = Cloud.manual().engine("sqs")
        url = engine.create_queue({"QueueName": "q"})["QueueUrl"]
        heard: list[str] = []
        engine.listeners.append(heard.append)
        engine.send_message({"QueueUrl": url, "MessageBody": "a"})
        assert heard == [ARN + "q"]

    def test_listeners_hear_moves(self) -> None:
        """A redrive to the DLQ, and a move task back, tell the receiving queue's listeners."""
        cloud = Cloud.manual()
        dlq = cloud.sqs.queue("dlq")
        src = cloud.sqs.queue("src", dead_letter=dlq, max_receives=1)
        heard: list[str] = []
        cloud.engine("sqs").listeners.append(heard.append)
        src.send("m")
        src.receive(visibility_timeout=0)
        assert src.receive() == []  # the receive that moves it
        assert heard == [ARN + "src", ARN + "dlq"]
        cloud.client("sqs").start_message_move_task(SourceArn=ARN + "dlq")
        cloud.advance(0)
        assert heard[-1] == ARN + "src"

    def test_move_task_leaves_in_flight_messages(self) -> None:
        """A message a DLQ consumer holds is not moved until it is visible again."""
        cloud = Cloud.manual()
        dlq = cloud.sqs.queue("dlq", visibility_timeout=30)
        cloud.sqs.queue("src", dead_letter=dlq, max_receives=1)
        dest = cloud.sqs.queue("dest")
        dlq.send("held")
        dlq.send("free")
        [held] = dlq.receive(max=1)
        assert held.body == "held"
        sqs = cloud.client("sqs")
        sqs.start_message_move_task(SourceArn=ARN + "dlq", DestinationArn=ARN + "dest")
        cloud.advance(0)
        assert dest.messages == ["free"]
        assert dlq.messages == ["held"]
        cloud.advance(30)
        assert sorted(dest.messages) == ["free", "held"]

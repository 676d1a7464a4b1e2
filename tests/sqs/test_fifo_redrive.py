"""FIFO queues (groups, deduplication, sequence numbers), dead-letter queues and move
tasks through boto3 on the bridge."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud

from .conftest import code_of, message_of

FIFO = {"FifoQueue": "true"}


def bodies(answer: dict[str, Any]) -> list[str]:
    return [m["Body"] for m in answer.get("Messages", [])]


@pytest.fixture
def fifo(sqs: Any) -> str:
    return str(sqs.create_queue(QueueName="q.fifo", Attributes=FIFO)["QueueUrl"])


class TestFifo:
    def test_group_and_dedup_required(self, sqs: Any, fifo: str) -> None:
        """A FIFO send needs MessageGroupId, and a dedup id unless content-based."""
        with pytest.raises(ClientError) as info:
            sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageDeduplicationId="d")
        assert code_of(info) == "MissingParameter"
        assert message_of(info) == "The request must contain the parameter MessageGroupId."
        with pytest.raises(ClientError) as info:
            sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g")
        assert message_of(info) == (
            "The queue should either have ContentBasedDeduplication enabled or "
            "MessageDeduplicationId provided explicitly"
        )

    def test_per_message_delay_refused(self, sqs: Any, fifo: str) -> None:
        """DelaySeconds per message is not for FIFO queues (0 is accepted, as AWS does)."""
        with pytest.raises(ClientError) as info:
            sqs.send_message(
                QueueUrl=fifo,
                MessageBody="x",
                MessageGroupId="g",
                MessageDeduplicationId="d",
                DelaySeconds=1,
            )
        assert code_of(info) == "InvalidParameterValue"
        sqs.send_message(
            QueueUrl=fifo,
            MessageBody="x",
            MessageGroupId="g",
            DelaySeconds=0,
            MessageDeduplicationId="d",
        )

    def test_order_within_group_and_blocking(self, cloud: Cloud, sqs: Any, fifo: str) -> None:
        """A group's messages come in send order; while one is in flight the group waits."""
        for i, group in enumerate("aaba"):
            sqs.send_message(
                QueueUrl=fifo, MessageBody=f"{group}{i}", MessageGroupId=group,
                MessageDeduplicationId=str(i),
            )  # fmt: skip
        first = sqs.receive_message(QueueUrl=fifo)
        assert bodies(first) == ["a0"]
        # a is blocked behind a0: only b's message is available
        assert bodies(sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)) == ["b2"]
        assert bodies(sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)) == []
        sqs.delete_message(QueueUrl=fifo, ReceiptHandle=first["Messages"][0]["ReceiptHandle"])
        assert bodies(sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)) == ["a1", "a3"]

    def test_redelivery_keeps_order(self, cloud: Cloud, sqs: Any, fifo: str) -> None:
        """A message whose visibility ends comes back before its group's later ones."""
        for i in range(2):
            sqs.send_message(
                QueueUrl=fifo, MessageBody=str(i), MessageGroupId="g", MessageDeduplicationId=str(i)
            )
        assert bodies(sqs.receive_message(QueueUrl=fifo)) == ["0"]
        cloud.advance(30)
        assert bodies(sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)) == ["0", "1"]

    def test_dedup_window(self, cloud: Cloud, sqs: Any, fifo: str) -> None:
        """A dedup id seen in the last 5 minutes is accepted and dropped, with the first
        message's id; after the window it is a new message."""
        args = {"QueueUrl": fifo, "MessageGroupId": "g", "MessageDeduplicationId": "d"}
        first = sqs.send_message(MessageBody="one", **args)
        cloud.advance(299)
        again = sqs.send_message(MessageBody="two", **args)
        assert again["MessageId"] == first["MessageId"]
        assert again["SequenceNumber"] == first["SequenceNumber"]
        cloud.advance(1)
        third = sqs.send_message(MessageBody="three", **args)
        assert third["MessageId"] != first["MessageId"]
        assert int(third["SequenceNumber"]) > int(first["SequenceNumber"])
        got = bodies(sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10))
        assert got == ["one", "three"]

    def test_content_based_dedup(self, sqs: Any) -> None:
        """ContentBasedDeduplication hashes the body (SHA-256) as the dedup id."""
        url = sqs.create_queue(
            QueueName="c.fifo", Attributes=FIFO | {"ContentBasedDeduplication": "true"}
        )["QueueUrl"]
        a = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")
        b = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")
        assert a["MessageId"] == b["MessageId"]
        got = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["All"])
        attrs = got["Messages"][0]["Attributes"]
        import hashlib

        assert attrs["MessageDeduplicationId"] == hashlib.sha256(b"same").hexdigest()
        assert attrs["MessageGroupId"] == "g"
        assert attrs["SequenceNumber"] == a["SequenceNumber"]

    def test_dedup_scope_message_group(self, sqs: Any) -> None:
        """With DeduplicationScope messageGroup one dedup id may be used in two groups."""
        url = sqs.create_queue(
            QueueName="s.fifo", Attributes=FIFO | {"DeduplicationScope": "messageGroup"}
        )["QueueUrl"]
        a = sqs.send_message(
            QueueUrl=url, MessageBody="x", MessageGroupId="g1", MessageDeduplicationId="d"
        )
        b = sqs.send_message(
            QueueUrl=url, MessageBody="x", MessageGroupId="g2", MessageDeduplicationId="d"
        )
        assert a["MessageId"] != b["MessageId"]

    def test_receive_attempt_id(self, sqs: Any, fifo: str) -> None:
        """A retried receive with the same ReceiveRequestAttemptId gets the same messages
        and handles."""
        sqs.send_message(
            QueueUrl=fifo, MessageBody="x", MessageGroupId="g", MessageDeduplicationId="d"
        )
        first = sqs.receive_message(QueueUrl=fifo, ReceiveRequestAttemptId="try")["Messages"]
        again = sqs.receive_message(QueueUrl=fifo, ReceiveRequestAttemptId="try")["Messages"]
        assert first == again
        assert "Messages" not in sqs.receive_message(QueueUrl=fifo)  # the group is blocked

    def test_receive_attempt_id_after_visibility(self, cloud: Cloud, sqs: Any, fifo: str) -> None:
        """Once the visibility timeout is over, the same attempt id is a new receive."""
        sqs.send_message(
            QueueUrl=fifo, MessageBody="x", MessageGroupId="g", MessageDeduplicationId="d"
        )
        first = sqs.receive_message(QueueUrl=fifo, ReceiveRequestAttemptId="try")["Messages"]
        cloud.advance(30)
        again = sqs.receive_message(QueueUrl=fifo, ReceiveRequestAttemptId="try")["Messages"]
        assert again[0]["MessageId"] == first[0]["MessageId"]
        assert again[0]["ReceiptHandle"] != first[0]["ReceiptHandle"]

    def test_fifo_batch_sequence(self, sqs: Any, fifo: str) -> None:
        """A batch's sequence numbers rise in entry order."""
        out = sqs.send_message_batch(
            QueueUrl=fifo,
            Entries=[
                {"Id": str(i), "MessageBody": str(i), "MessageGroupId": "g",
                 "MessageDeduplicationId": str(i)}
                for i in range(3)
            ],
        )  # fmt: skip
        numbers = [int(s["SequenceNumber"]) for s in out["Successful"]]
        assert numbers == sorted(numbers)
        assert len(set(numbers)) == 3


class TestRedrive:
    def make(self, sqs: Any, count: int = 2, fifo: bool = False) -> tuple[str, str, str]:
        suffix = ".fifo" if fifo else ""
        extra = FIFO if fifo else {}
        dlq = sqs.create_queue(QueueName="dlq" + suffix, Attributes=extra)["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])
        arn = dlq_arn["Attributes"]["QueueArn"]
        policy = json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": count})
        src = sqs.create_queue(
            QueueName="src" + suffix, Attributes=extra | {"RedrivePolicy": policy}
        )["QueueUrl"]
        return src, dlq, arn

    def test_moves_on_the_receive_that_exceeds(self, cloud: Cloud, sqs: Any) -> None:
        """maxReceiveCount receives are delivered; the next receive moves the message to
        the DLQ with DeadLetterQueueSourceArn."""
        src, dlq, _ = self.make(sqs, count=2)
        sqs.send_message(QueueUrl=src, MessageBody="poison")
        for _ in range(2):
            assert bodies(sqs.receive_message(QueueUrl=src, VisibilityTimeout=0)) == ["poison"]
        assert bodies(sqs.receive_message(QueueUrl=src)) == []
        got = sqs.receive_message(QueueUrl=dlq, MessageSystemAttributeNames=["All"])
        message = got["Messages"][0]
        assert message["Body"] == "poison"
        assert message["Attributes"]["DeadLetterQueueSourceArn"].endswith(":src")

    def test_list_dead_letter_sources(self, sqs: Any) -> None:
        """ListDeadLetterSourceQueues names the queues that redrive to this one."""
        src, dlq, _ = self.make(sqs)
        assert sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"] == [src]
        assert sqs.list_dead_letter_source_queues(QueueUrl=src)["queueUrls"] == []

    def test_target_must_exist_and_match_type(self, sqs: Any) -> None:
        """A RedrivePolicy needs an existing DLQ of the same type."""
        policy = {"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:none"}
        with pytest.raises(ClientError) as info:
            sqs.create_queue(QueueName="s", Attributes={"RedrivePolicy": json.dumps(policy)})
        assert "Dead letter target does not exist" in message_of(info)
        sqs.create_queue(QueueName="f.fifo", Attributes=FIFO)
        policy["deadLetterTargetArn"] = "arn:aws:sqs:us-east-1:123456789012:f.fifo"
        with pytest.raises(ClientError) as info:
            sqs.create_queue(QueueName="s", Attributes={"RedrivePolicy": json.dumps(policy)})
        assert "must be same type" in message_of(info)

    @pytest.mark.parametrize(("count", "ok"), [(1, True), (1000, True), (0, False), (1001, False)])
    def test_max_receive_count_range(self, sqs: Any, count: int, ok: bool) -> None:
        """maxReceiveCount is 1 to 1000."""
        arn = "arn:aws:sqs:us-east-1:123456789012:dlq"
        sqs.create_queue(QueueName="dlq")
        policy = json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": count})
        if ok:
            sqs.create_queue(QueueName="s", Attributes={"RedrivePolicy": policy})
        else:
            with pytest.raises(ClientError):
                sqs.create_queue(QueueName="s", Attributes={"RedrivePolicy": policy})

    def test_redrive_allow_policy(self, sqs: Any) -> None:
        """A DLQ's RedriveAllowPolicy decides which sources may use it."""
        sqs.create_queue(
            QueueName="dlq", Attributes={"RedriveAllowPolicy": '{"redrivePermission":"denyAll"}'}
        )
        policy = json.dumps(
            {"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq", "maxReceiveCount": 1}
        )
        with pytest.raises(ClientError):
            sqs.create_queue(QueueName="s", Attributes={"RedrivePolicy": policy})
        by_queue = json.dumps(
            {
                "redrivePermission": "byQueue",
                "sourceQueueArns": ["arn:aws:sqs:us-east-1:123456789012:s"],
            }
        )
        dlq = sqs.get_queue_url(QueueName="dlq")["QueueUrl"]
        sqs.set_queue_attributes(QueueUrl=dlq, Attributes={"RedriveAllowPolicy": by_queue})
        sqs.create_queue(QueueName="s", Attributes={"RedrivePolicy": policy})
        with pytest.raises(ClientError):
            sqs.create_queue(QueueName="t", Attributes={"RedrivePolicy": policy})

    def test_fifo_redrive_keeps_group_moving(self, sqs: Any) -> None:
        """On a FIFO queue the poison message moves and its group goes on."""
        src, dlq, _ = self.make(sqs, count=1, fifo=True)
        for i in range(2):
            sqs.send_message(
                QueueUrl=src, MessageBody=str(i), MessageGroupId="g", MessageDeduplicationId=str(i)
            )
        assert bodies(sqs.receive_message(QueueUrl=src, VisibilityTimeout=0)) == ["0"]
        assert bodies(sqs.receive_message(QueueUrl=src)) == ["1"]
        assert bodies(sqs.receive_message(QueueUrl=dlq)) == ["0"]

    def test_remove_policy(self, sqs: Any) -> None:
        """An empty RedrivePolicy removes it."""
        src, _, _ = self.make(sqs)
        sqs.set_queue_attributes(QueueUrl=src, Attributes={"RedrivePolicy": ""})
        got = sqs.get_queue_attributes(QueueUrl=src, AttributeNames=["All"])["Attributes"]
        assert "RedrivePolicy" not in got


class TestMoveTasks:
    def test_move_back_to_source(self, cloud: Cloud, sqs: Any) -> None:
        """StartMessageMoveTask returns a DLQ's messages to their source on the clock."""
        src, dlq, dlq_arn = TestRedrive().make(sqs, count=1)
        sqs.send_message(QueueUrl=src, MessageBody="m")
        sqs.receive_message(QueueUrl=src, VisibilityTimeout=0)
        sqs.receive_message(QueueUrl=src)  # moves it
        handle = sqs.start_message_move_task(SourceArn=dlq_arn)["TaskHandle"]
        running = sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"][0]
        assert running["Status"] == "RUNNING"
        assert running["TaskHandle"] == handle
        cloud.advance(1)
        done = sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"][0]
        assert done["Status"] == "COMPLETED"
        assert done["ApproximateNumberOfMessagesMoved"] == 1
        got = sqs.receive_message(QueueUrl=src, MessageSystemAttributeNames=["All"])
        assert bodies(got) == ["m"]
        assert got["Messages"][0]["Attributes"]["ApproximateReceiveCount"] == "1"
        assert bodies(sqs.receive_message(QueueUrl=dlq)) == []

    def test_rate_and_cancel(self, cloud: Cloud, sqs: Any) -> None:
        """MaxNumberOfMessagesPerSecond paces the task; a cancel keeps what moved."""
        _, dlq, dlq_arn = TestRedrive().make(sqs, count=1)
        dest = sqs.create_queue(QueueName="dest")["QueueUrl"]
        for i in range(5):
            sqs.send_message(QueueUrl=dlq, MessageBody=str(i))
        dest_arn = "arn:aws:sqs:us-east-1:123456789012:dest"
        handle = sqs.start_message_move_task(
            SourceArn=dlq_arn, DestinationArn=dest_arn, MaxNumberOfMessagesPerSecond=2
        )["TaskHandle"]
        with pytest.raises(ClientError):
            sqs.start_message_move_task(SourceArn=dlq_arn)
        cloud.advance(0)
        cloud.advance(1)
        assert (
            sqs.cancel_message_move_task(TaskHandle=handle)["ApproximateNumberOfMessagesMoved"] == 4
        )
        got = sqs.receive_message(QueueUrl=dest, MaxNumberOfMessages=10)
        assert sorted(bodies(got)) == ["0", "1", "2", "3"]
        with pytest.raises(ClientError):
            sqs.cancel_message_move_task(TaskHandle=handle)

    def test_source_must_be_a_dlq(self, sqs: Any) -> None:
        """A queue no one redrives to cannot be a move task's source."""
        sqs.create_queue(QueueName="plain")
        with pytest.raises(ClientError) as info:
            sqs.start_message_move_task(SourceArn="arn:aws:sqs:us-east-1:123456789012:plain")
        assert message_of(info) == "Source queue must be configured as a Dead Letter Queue."
        with pytest.raises(sqs.exceptions.ResourceNotFoundException):
            sqs.start_message_move_task(SourceArn="arn:aws:sqs:us-east-1:123456789012:none")


class TestMoveTaskLimits:
    @pytest.mark.parametrize(("value", "ok"), [(1, True), (10, True), (0, False), (11, False)])
    def test_list_max_results(self, sqs: Any, value: int, ok: bool) -> None:
        """ListMessageMoveTasks MaxResults is 1 to 10."""
        _, _, arn = TestRedrive().make(sqs)
        if ok:
            assert sqs.list_message_move_tasks(SourceArn=arn, MaxResults=value)["Results"] == []
        else:
            with pytest.raises(ClientError) as info:
                sqs.list_message_move_tasks(SourceArn=arn, MaxResults=value)
            assert code_of(info) == "InvalidParameterValue"

    @pytest.mark.parametrize(("rate", "ok"), [(1, True), (500, True), (0, False), (501, False)])
    def test_rate_range(self, sqs: Any, rate: int, ok: bool) -> None:
        """MaxNumberOfMessagesPerSecond is 1 to 500."""
        _, _, arn = TestRedrive().make(sqs)
        if ok:
            sqs.start_message_move_task(SourceArn=arn, MaxNumberOfMessagesPerSecond=rate)
        else:
            with pytest.raises(ClientError):
                sqs.start_message_move_task(SourceArn=arn, MaxNumberOfMessagesPerSecond=rate)
            assert sqs.list_message_move_tasks(SourceArn=arn)["Results"] == []

    def test_cancel_unknown(self, sqs: Any) -> None:
        """A handle that is not one is InvalidParameterValue; one naming no task of an
        existing queue is ResourceNotFoundException (as AWS answers)."""
        with pytest.raises(ClientError) as info:
            sqs.cancel_message_move_task(TaskHandle="nope")
        assert code_of(info) == "InvalidParameterValue"
        arn = "arn:aws:sqs:us-east-1:123456789012:q"
        sqs.create_queue(QueueName="q")
        raw = json.dumps({"taskId": "10f57157-fc38-4da9-a113-4de7e12d05aa", "sourceArn": arn})
        with pytest.raises(sqs.exceptions.ResourceNotFoundException):
            sqs.cancel_message_move_task(TaskHandle=base64.b64encode(raw.encode()).decode())


class TestDeadLetterSourcePages:
    def test_pages(self, sqs: Any) -> None:
        """ListDeadLetterSourceQueues pages with MaxResults and NextToken."""
        sqs.create_queue(QueueName="dlq")
        policy = json.dumps(
            {"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq", "maxReceiveCount": 1}
        )
        for name in ("s1", "s2", "s3"):
            sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": policy})
        dlq = sqs.get_queue_url(QueueName="dlq")["QueueUrl"]
        first = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=2)
        assert [u.rsplit("/", 1)[1] for u in first["queueUrls"]] == ["s1", "s2"]
        rest = sqs.list_dead_letter_source_queues(
            QueueUrl=dlq, MaxResults=2, NextToken=first["NextToken"]
        )
        assert [u.rsplit("/", 1)[1] for u in rest["queueUrls"]] == ["s3"]
        assert "NextToken" not in rest


class TestFifoIds:
    @pytest.mark.parametrize(
        ("value", "ok"), [("g", True), ("x" * 128, True), ("x" * 129, False), ("a b", False)]
    )
    @pytest.mark.parametrize("name", ["MessageGroupId", "MessageDeduplicationId"])
    def test_id_rules(self, sqs: Any, fifo: str, name: str, value: str, ok: bool) -> None:
        """Group and deduplication ids are 1 to 128 printable ASCII characters."""
        params = {"MessageGroupId": "g", "MessageDeduplicationId": "d", name: value}
        if ok:
            sqs.send_message(QueueUrl=fifo, MessageBody="x", **params)
        else:
            with pytest.raises(ClientError) as info:
                sqs.send_message(QueueUrl=fifo, MessageBody="x", **params)
            assert message_of(info).endswith(
                f"Reason: {name} can only include alphanumeric and punctuation characters. "
                "1 to 128 in length."
            )

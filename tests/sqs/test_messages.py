"""Messages through boto3 on the bridge: send, receive, delete, visibility, batches,
attributes and their MD5 digests, delays and retention on the clock."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless.sqs import SQSLimits, md5_of_attributes

from .conftest import START, code_of, message_of


@pytest.fixture
def url(sqs: Any) -> str:
    return str(sqs.create_queue(QueueName="q")["QueueUrl"])


def bodies(answer: dict[str, Any]) -> list[str]:
    return [m["Body"] for m in answer.get("Messages", [])]


class TestSend:
    def test_digests(self, sqs: Any, url: str) -> None:
        """MD5OfMessageBody is the body's MD5; attribute digests use AWS's encoding."""
        attributes: dict[str, dict[str, Any]] = {
            "s": {"DataType": "String", "StringValue": "x"},
            "n": {"DataType": "Number.int", "StringValue": "12"},
            "b": {"DataType": "Binary", "BinaryValue": b"\x00\x01"},
        }
        out = sqs.send_message(QueueUrl=url, MessageBody="héllo", MessageAttributes=attributes)
        assert out["MD5OfMessageBody"] == hashlib.md5("héllo".encode()).hexdigest()
        assert out["MD5OfMessageAttributes"] == md5_of_attributes(attributes)

    def test_digests_match_moto(self, sqs: Any) -> None:
        """The attribute digest agrees with moto's independent implementation."""
        moto = pytest.importorskip("moto")
        import boto3

        attributes: dict[str, dict[str, Any]] = {
            "a": {"DataType": "String", "StringValue": "1"},
            "z": {"DataType": "Binary", "BinaryValue": b"xy"},
            "m": {"DataType": "Number", "StringValue": "-3.5"},
        }
        ours = md5_of_attributes(attributes)
        with moto.mock_aws():
            other = boto3.client("sqs", region_name="us-east-1")
            queue = other.create_queue(QueueName="q")["QueueUrl"]
            theirs = other.send_message(
                QueueUrl=queue, MessageBody="b", MessageAttributes=attributes
            )["MD5OfMessageAttributes"]
        assert ours == theirs

    def test_system_attribute_digest(self, sqs: Any, url: str) -> None:
        """AWSTraceHeader is returned on receive with its digest on send."""
        trace = {"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-a-b"}}
        out = sqs.send_message(QueueUrl=url, MessageBody="x", MessageSystemAttributes=trace)
        assert out["MD5OfMessageSystemAttributes"] == md5_of_attributes(trace)
        got = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["AWSTraceHeader"])
        assert got["Messages"][0]["Attributes"] == {"AWSTraceHeader": "Root=1-a-b"}

    def test_size_limit(self, sqs: Any, url: str) -> None:
        """1 MiB of body and attributes is accepted; one byte more is refused."""
        limit = SQSLimits().max_message_bytes
        sqs.send_message(QueueUrl=url, MessageBody="x" * limit)
        with pytest.raises(ClientError) as info:
            sqs.send_message(QueueUrl=url, MessageBody="x" * (limit + 1))
        assert code_of(info) == "InvalidParameterValue"
        assert message_of(info) == (
            "One or more parameters are invalid. Reason: Message must be shorter than "
            f"{limit} bytes."
        )
        attrs = {"ab": {"DataType": "String", "StringValue": "c"}}  # 2 + 6 + 1 bytes
        with pytest.raises(ClientError):
            sqs.send_message(QueueUrl=url, MessageBody="x" * (limit - 8), MessageAttributes=attrs)
        sqs.send_message(QueueUrl=url, MessageBody="x" * (limit - 9), MessageAttributes=attrs)

    def test_queue_maximum_message_size(self, sqs: Any) -> None:
        """A queue's MaximumMessageSize is its own limit."""
        url = sqs.create_queue(QueueName="small", Attributes={"MaximumMessageSize": "1024"})
        sqs.send_message(QueueUrl=url["QueueUrl"], MessageBody="x" * 1024)
        with pytest.raises(ClientError):
            sqs.send_message(QueueUrl=url["QueueUrl"], MessageBody="x" * 1025)

    def test_256k_limit_as_a_setting(self) -> None:
        """Cloud(limits=...) brings back the 256 KiB limit of older Regions."""
        cloud = Cloud.manual(limits={"sqs": {"max_message_bytes": 262144}})
        sqs = cloud.client("sqs")
        url = sqs.create_queue(QueueName="q", Attributes={"MaximumMessageSize": "262144"})
        with pytest.raises(sqs.exceptions.InvalidParameterValue):
            sqs.send_message(QueueUrl=url["QueueUrl"], MessageBody="x" * 262145)
        with pytest.raises(sqs.exceptions.InvalidAttributeValue):
            sqs.create_queue(QueueName="r", Attributes={"MaximumMessageSize": "262145"})

    def test_empty_body_and_bad_characters(self, sqs: Any, url: str) -> None:
        """An empty body is MissingParameter; a character outside SQS's set
        InvalidMessageContents."""
        with pytest.raises(ClientError) as info:
            sqs.send_message(QueueUrl=url, MessageBody="")
        assert code_of(info) == "MissingParameter"
        with pytest.raises(sqs.exceptions.InvalidMessageContents):
            sqs.send_message(QueueUrl=url, MessageBody="a\x00b")
        sqs.send_message(QueueUrl=url, MessageBody="tab\tok \U0001f600")

    def test_attribute_checks(self, sqs: Any, url: str) -> None:
        """Ten attributes at most; types String, Number, Binary; numbers must parse."""
        ten = {f"a{i}": {"DataType": "String", "StringValue": "v"} for i in range(10)}
        sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes=ten)
        eleven = ten | {"a10": {"DataType": "String", "StringValue": "v"}}
        with pytest.raises(ClientError) as info:
            sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes=eleven)
        assert (
            message_of(info)
            == "Number of message attributes [11] exceeds the allowed maximum [10]."
        )
        for bad in (
            {"DataType": "Text", "StringValue": "v"},
            {"DataType": "Number", "StringValue": "twelve"},
            {"DataType": "String", "StringValue": ""},
        ):
            with pytest.raises(ClientError) as info:
                sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes={"a": bad})
            assert code_of(info) == "InvalidParameterValue"

    @pytest.mark.parametrize(("delay", "ok"), [(0, True), (900, True), (901, False)])
    def test_delay_range(self, sqs: Any, url: str, delay: int, ok: bool) -> None:
        """DelaySeconds is 0 to 900."""
        if ok:
            sqs.send_message(QueueUrl=url, MessageBody="x", DelaySeconds=delay)
        else:
            with pytest.raises(ClientError) as info:
                sqs.send_message(QueueUrl=url, MessageBody="x", DelaySeconds=delay)
            assert message_of(info) == (
                "Value 901 for parameter DelaySeconds is invalid. Reason: Must be between 0 and "
                "900, if provided."
            )

    def test_dedup_id_on_standard_queue(self, sqs: Any, url: str) -> None:
        """MessageDeduplicationId belongs to FIFO queues."""
        with pytest.raises(ClientError) as info:
            sqs.send_message(QueueUrl=url, MessageBody="x", MessageDeduplicationId="d")
        assert code_of(info) == "InvalidParameterValue"


class TestReceive:
    def test_visibility_timeout(self, cloud: Cloud, sqs: Any, url: str) -> None:
        """A received message is hidden for the queue's timeout, then seen again."""
        sqs.send_message(QueueUrl=url, MessageBody="x")
        assert bodies(sqs.receive_message(QueueUrl=url)) == ["x"]
        cloud.advance(29)
        assert bodies(sqs.receive_message(QueueUrl=url)) == []
        cloud.advance(1)
        assert bodies(sqs.receive_message(QueueUrl=url)) == ["x"]

    def test_receive_visibility_override(self, cloud: Cloud, sqs: Any, url: str) -> None:
        """VisibilityTimeout on the receive wins over the queue's."""
        sqs.send_message(QueueUrl=url, MessageBody="x")
        sqs.receive_message(QueueUrl=url, VisibilityTimeout=5)
        cloud.advance(5)
        assert bodies(sqs.receive_message(QueueUrl=url)) == ["x"]

    @pytest.mark.parametrize(
        ("name", "value", "ok"),
        [
            ("MaxNumberOfMessages", 1, True),
            ("MaxNumberOfMessages", 10, True),
            ("MaxNumberOfMessages", 0, False),
            ("MaxNumberOfMessages", 11, False),
            ("VisibilityTimeout", 43200, True),
            ("VisibilityTimeout", 43201, False),
            ("WaitTimeSeconds", 20, True),
            ("WaitTimeSeconds", 21, False),
        ],
    )
    def test_parameter_ranges(self, sqs: Any, url: str, name: str, value: int, ok: bool) -> None:
        """Each receive parameter's last accepted and first refused value."""
        if ok:
            sqs.receive_message(QueueUrl=url, **{name: value})
        else:
            with pytest.raises(ClientError) as info:
                sqs.receive_message(QueueUrl=url, **{name: value})
            assert code_of(info) == "InvalidParameterValue"
            low, high = {"MaxNumberOfMessages": (1, 10), "VisibilityTimeout": (0, 43200)}.get(
                name, (0, 20)
            )
            reason = (
                f"Must be >= {low} and <= {high}, if provided."
                if name == "WaitTimeSeconds"
                else f"Must be between {low} and {high}, if provided."
            )
            assert message_of(info) == (
                f"Value {value} for parameter {name} is invalid. Reason: {reason}"
            )

    def test_max_number(self, sqs: Any, url: str) -> None:
        """At most MaxNumberOfMessages (1 by default)."""
        for i in range(12):
            sqs.send_message(QueueUrl=url, MessageBody=str(i))
        assert len(bodies(sqs.receive_message(QueueUrl=url))) == 1
        assert len(bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10))) == 10

    def test_system_attributes(self, cloud: Cloud, sqs: Any, url: str) -> None:
        """SentTimestamp, receive counts and first receive time, in milliseconds."""
        sqs.send_message(QueueUrl=url, MessageBody="x")
        cloud.advance(2)
        first = sqs.receive_message(
            QueueUrl=url, MessageSystemAttributeNames=["All"], VisibilityTimeout=0
        )["Messages"][0]["Attributes"]
        assert first == {
            "SenderId": "123456789012",
            "SentTimestamp": str(int(START * 1000)),
            "ApproximateReceiveCount": "1",
            "ApproximateFirstReceiveTimestamp": str(int((START + 2) * 1000)),
        }
        cloud.advance(1)
        again = sqs.receive_message(QueueUrl=url, AttributeNames=["ApproximateReceiveCount"])
        assert again["Messages"][0]["Attributes"] == {"ApproximateReceiveCount": "2"}

    def test_message_attribute_filter(self, sqs: Any, url: str) -> None:
        """MessageAttributeNames picks attributes by name, prefix.* or All; the digest
        covers what is returned."""
        attributes: dict[str, dict[str, Any]] = {
            "order.id": {"DataType": "String", "StringValue": "1"},
            "order.kind": {"DataType": "String", "StringValue": "k"},
            "other": {"DataType": "String", "StringValue": "o"},
        }
        sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes=attributes)
        got = sqs.receive_message(
            QueueUrl=url, MessageAttributeNames=["order.*"], VisibilityTimeout=0
        )
        message = got["Messages"][0]
        assert sorted(message["MessageAttributes"]) == ["order.id", "order.kind"]
        assert message["MD5OfMessageAttributes"] == md5_of_attributes(message["MessageAttributes"])
        none = sqs.receive_message(QueueUrl=url)["Messages"][0]
        assert "MessageAttributes" not in none
        assert "MD5OfMessageAttributes" not in none

    def test_long_poll_on_manual_clock_answers_at_once(
        self, cloud: Cloud, sqs: Any, url: str
    ) -> None:
        """On a ManualClock a long poll with nothing there answers empty at once, and the
        clock does not move; a message already there is returned."""
        before = cloud.clock.time()
        assert "Messages" not in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)
        assert cloud.clock.time() == before
        sqs.send_message(QueueUrl=url, MessageBody="x")
        assert bodies(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)) == ["x"]

    def test_long_poll_on_real_clock_wakes_on_send(self) -> None:
        """Under a real clock a long poll waits and a send wakes it before the wait ends."""
        import threading
        import time

        cloud = Cloud()  # SystemClock
        sqs = cloud.client("sqs")
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        engine = cloud.engine("sqs")
        got: list[Any] = []
        receiver = threading.Thread(
            target=lambda: got.append(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20))
        )
        started = time.monotonic()
        receiver.start()
        while not engine.arrivals._waiters and receiver.is_alive():  # until it waits
            time.sleep(0)  # a yield to the receiver, not a pause
        sqs.send_message(QueueUrl=url, MessageBody="woke")
        receiver.join(10)
        assert bodies(got[0]) == ["woke"]
        assert time.monotonic() - started < 10

    def test_delay_on_the_clock(self, cloud: Cloud, sqs: Any) -> None:
        """A queue's DelaySeconds and a message's own hide it until due."""
        url = sqs.create_queue(QueueName="d", Attributes={"DelaySeconds": "5"})["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="queue-delay")
        sqs.send_message(QueueUrl=url, MessageBody="own-delay", DelaySeconds=8)
        cloud.advance(4)
        assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)) == []
        cloud.advance(1)
        assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)) == ["queue-delay"]
        cloud.advance(3)
        assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)) == ["own-delay"]

    def test_retention_on_the_clock(self, cloud: Cloud, sqs: Any) -> None:
        """A message lives MessageRetentionPeriod seconds from its send."""
        url = sqs.create_queue(QueueName="r", Attributes={"MessageRetentionPeriod": "60"})
        url = url["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="x")
        cloud.advance(59)
        assert bodies(sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)) == ["x"]
        cloud.advance(1)
        assert bodies(sqs.receive_message(QueueUrl=url)) == []
        got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        assert got["ApproximateNumberOfMessages"] == "0"
        assert got["ApproximateNumberOfMessagesNotVisible"] == "0"

    def test_retention_trim_runs_on_the_clock(self, cloud: Cloud, sqs: Any) -> None:
        """Expired messages leave the queue when the clock passes their expiry, with no
        operation on the queue (a task on the Cloud's scheduler)."""
        url = sqs.create_queue(QueueName="t", Attributes={"MessageRetentionPeriod": "60"})
        url = url["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="first")
        cloud.advance(30)
        sqs.send_message(QueueUrl=url, MessageBody="second")
        queue = cloud.engine("sqs").queues["t"]
        cloud.advance(30)
        assert [m.body for m in queue.messages.values()] == ["second"]
        cloud.advance(30)
        assert not queue.messages
        cloud.engine("sqs")._check()

    def test_shorter_retention_applies_to_old_messages(self, cloud: Cloud, sqs: Any) -> None:
        """Lowering MessageRetentionPeriod expires messages already older than it."""
        url = sqs.create_queue(QueueName="t")["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="old")
        cloud.advance(120)
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"MessageRetentionPeriod": "60"})
        cloud.advance(0)
        assert not cloud.engine("sqs").queues["t"].messages


class TestDelete:
    def test_delete_by_handle(self, cloud: Cloud, sqs: Any, url: str) -> None:
        """A deleted message never comes back; deleting again succeeds."""
        sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
        sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
        sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
        cloud.advance(60)
        assert bodies(sqs.receive_message(QueueUrl=url)) == []

    def test_old_handle_deletes_nothing(self, cloud: Cloud, sqs: Any, url: str) -> None:
        """Only the latest receipt handle deletes (AWS: the older call succeeds but the
        message stays)."""
        sqs.send_message(QueueUrl=url, MessageBody="x")
        old = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"][0]
        new = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"][0]
        assert old["ReceiptHandle"] != new["ReceiptHandle"]
        sqs.delete_message(QueueUrl=url, ReceiptHandle=old["ReceiptHandle"])
        assert bodies(sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)) == ["x"]

    def test_invalid_handle(self, sqs: Any, url: str) -> None:
        """A handle SQS did not issue is ReceiptHandleIsInvalid."""
        with pytest.raises(sqs.exceptions.ReceiptHandleIsInvalid) as info:
            sqs.delete_message(QueueUrl=url, ReceiptHandle="garbage")
        assert (
            message_of(info) == 'The input receipt handle "garbage" is not a valid receipt handle.'
        )

    def test_handle_of_another_queue(self, sqs: Any, url: str) -> None:
        """A handle from another queue is refused too."""
        other = sqs.create_queue(QueueName="other")["QueueUrl"]
        sqs.send_message(QueueUrl=other, MessageBody="x")
        handle = sqs.receive_message(QueueUrl=other)["Messages"][0]["ReceiptHandle"]
        with pytest.raises(sqs.exceptions.ReceiptHandleIsInvalid):
            sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)


class TestChangeVisibility:
    def test_extend_and_release(self, cloud: Cloud, sqs: Any, url: str) -> None:
        """A new timeout counts from now; 0 makes the message visible at once."""
        sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
        cloud.advance(20)
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=30)
        cloud.advance(29)
        assert bodies(sqs.receive_message(QueueUrl=url)) == []
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0)
        assert bodies(sqs.receive_message(QueueUrl=url)) == ["x"]

    def test_total_twelve_hours(self, cloud: Cloud, sqs: Any, url: str) -> None:
        """A message stays in flight at most 12 hours from its receive."""
        sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
        cloud.advance(10)
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=43190)
        with pytest.raises(ClientError) as info:
            sqs.change_message_visibility(
                QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=43191
            )
        assert message_of(info) == (
            "Value 43191 for parameter VisibilityTimeout is invalid. Reason: Total "
            "VisibilityTimeout for the message is beyond the limit [43200 seconds]."
        )

    def test_not_in_flight(self, cloud: Cloud, sqs: Any, url: str) -> None:
        """A message visible again (or deleted) cannot change its visibility."""
        sqs.send_message(QueueUrl=url, MessageBody="x")
        handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
        cloud.advance(30)
        with pytest.raises(ClientError) as info:
            sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=5)
        assert code_of(info) == "InvalidParameterValue"
        assert "Message does not exist or is not available" in message_of(info)


class TestBatches:
    def test_send_batch_partial(self, sqs: Any, url: str) -> None:
        """Each entry succeeds or fails alone, with the entry's AWS code."""
        out = sqs.send_message_batch(
            QueueUrl=url,
            Entries=[
                {"Id": "ok", "MessageBody": "a"},
                {"Id": "bad", "MessageBody": "b", "DelaySeconds": 901},
            ],
        )
        assert [s["Id"] for s in out["Successful"]] == ["ok"]
        assert out["Failed"][0]["Id"] == "bad"
        assert out["Failed"][0]["Code"] == "InvalidParameterValue"
        assert out["Failed"][0]["SenderFault"] is True

    def test_batch_envelope(self, sqs: Any, url: str) -> None:
        """1..10 entries with distinct, well-formed ids."""
        entry = {"Id": "a", "MessageBody": "x"}
        ten = [entry | {"Id": f"e{i}"} for i in range(10)]
        assert len(sqs.send_message_batch(QueueUrl=url, Entries=ten)["Successful"]) == 10
        with pytest.raises(sqs.exceptions.TooManyEntriesInBatchRequest) as info:
            sqs.send_message_batch(QueueUrl=url, Entries=[*ten, entry])
        assert code_of(info) == "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"
        with pytest.raises(sqs.exceptions.EmptyBatchRequest):
            sqs.send_message_batch(QueueUrl=url, Entries=[])
        with pytest.raises(sqs.exceptions.BatchEntryIdsNotDistinct):
            sqs.send_message_batch(QueueUrl=url, Entries=[entry, entry])
        with pytest.raises(sqs.exceptions.InvalidBatchEntryId):
            sqs.send_message_batch(QueueUrl=url, Entries=[entry | {"Id": "a.b"}])
        sqs.send_message_batch(QueueUrl=url, Entries=[entry | {"Id": "x" * 80}])
        with pytest.raises(sqs.exceptions.InvalidBatchEntryId):
            sqs.send_message_batch(QueueUrl=url, Entries=[entry | {"Id": "x" * 81}])

    def test_batch_total_size(self, sqs: Any, url: str) -> None:
        """The batch's messages together are at most the limit (1 MiB)."""
        half = SQSLimits().max_batch_bytes // 2
        sqs.send_message_batch(
            QueueUrl=url,
            Entries=[
                {"Id": "a", "MessageBody": "x" * half},
                {"Id": "b", "MessageBody": "x" * half},
            ],
        )
        with pytest.raises(sqs.exceptions.BatchRequestTooLong):
            sqs.send_message_batch(
                QueueUrl=url,
                Entries=[
                    {"Id": "a", "MessageBody": "x" * half},
                    {"Id": "b", "MessageBody": "x" * (half + 1)},
                ],
            )

    def test_delete_and_change_batches(self, cloud: Cloud, sqs: Any, url: str) -> None:
        """DeleteMessageBatch and ChangeMessageVisibilityBatch report per entry."""
        for body in "abc":
            sqs.send_message(QueueUrl=url, MessageBody=body)
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=3)["Messages"]
        handles = {m["Body"]: m["ReceiptHandle"] for m in got}
        out = sqs.delete_message_batch(
            QueueUrl=url,
            Entries=[
                {"Id": "a", "ReceiptHandle": handles["a"]},
                {"Id": "z", "ReceiptHandle": "no"},
            ],
        )
        assert out["Successful"] == [{"Id": "a"}]
        assert out["Failed"][0]["Code"] == "ReceiptHandleIsInvalid"
        out = sqs.change_message_visibility_batch(
            QueueUrl=url,
            Entries=[
                {"Id": "b", "ReceiptHandle": handles["b"], "VisibilityTimeout": 0},
                {"Id": "c", "ReceiptHandle": handles["c"], "VisibilityTimeout": 43201},
            ],
        )
        assert out["Successful"] == [{"Id": "b"}]
        assert out["Failed"][0]["Id"] == "c"
        assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)) == ["b"]

    def test_visibility_entry_without_timeout(self, sqs: Any, url: str) -> None:
        """A ChangeMessageVisibilityBatch entry without VisibilityTimeout fails alone
        (MissingParameter) and leaves its message as it was; the other entry changes."""
        sqs.send_message(QueueUrl=url, MessageBody="a")
        sqs.send_message(QueueUrl=url, MessageBody="b")
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2)["Messages"]
        out = sqs.change_message_visibility_batch(
            QueueUrl=url,
            Entries=[
                {"Id": "a", "ReceiptHandle": got[0]["ReceiptHandle"]},
                {"Id": "b", "ReceiptHandle": got[1]["ReceiptHandle"], "VisibilityTimeout": 0},
            ],
        )
        assert [e["Id"] for e in out["Successful"]] == ["b"]
        assert [(f["Id"], f["Code"]) for f in out["Failed"]] == [("a", "MissingParameter")]
        assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2)) == ["b"]

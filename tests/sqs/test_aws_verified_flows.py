"""SQS's behaviour over several requests (FIFO order, attribute filters, receipt handles,
deduplication, dead-letter queues, permissions) against answers recorded on AWS, each
test naming its source (see ``_verified.py``)."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest

from tests.sqs._verified import World, attrs, refused

# -- FIFO order: (id, source, queue VisibilityTimeout, sends, steps) ------------------------
# A step: ("receive", max, VisibilityTimeout or None, bodies AWS returned),
# ("advance", seconds), ("visible", index in the last receive), ("change", index,
# seconds), ("delete", indexes...), ("count", ApproximateNumberOfMessages).
Step = tuple[Any, ...]
FIFO_ORDERS: list[tuple[str, str, str, list[str], list[Step]]] = [
    (
        "group-whole",
        "L test_fifo_receive_message_group_id_ordering",
        "30",
        ["g1-m1", "g2-m1", "g1-m2", "g1-m3"],
        [("receive", 10, None, ["g1-m1", "g1-m2", "g1-m3", "g2-m1"])],
    ),
    (
        "group-shares-visibility",
        "L test_fifo_receive_message_visibility_timeout_shared_in_group",
        "1",
        ["g1-m1", "g1-m2", "g1-m3", "g1-m4", "g2-m1", "g3-m1"],
        [
            ("receive", 2, None, ["g1-m1", "g1-m2"]),
            ("receive", 1, None, ["g2-m1"]),
            ("advance", 2),
            ("receive", 10, 0, ["g3-m1", "g1-m1", "g1-m2", "g1-m3", "g1-m4", "g2-m1"]),
        ],
    ),
    (
        "zero-visibility",
        "L test_fifo_receive_message_with_zero_visibility_timeout",
        "30",
        ["g1-m1", "g2-m1", "g2-m2", "g3-m1", "g1-m2"],
        [
            ("receive", 3, 0, ["g1-m1", "g1-m2", "g2-m1"]),
            ("receive", 10, 0, ["g3-m1", "g1-m1", "g1-m2", "g2-m1", "g2-m2"]),
        ],
    ),
    (
        "head-visible-again",
        "L test_fifo_message_group_visibility_after_terminate_visibility_timeout",
        "30",
        ["g1-m1", "g1-m2", "g2-m1"],
        [
            ("receive", 2, None, ["g1-m1", "g1-m2"]),
            ("visible", 0),
            ("receive", 3, None, ["g2-m1", "g1-m1"]),
        ],
    ),
    (
        "head-visible-after-change",
        "L test_fifo_message_group_visibility_after_change_message_visibility",
        "30",
        ["g1-m1", "g1-m2", "g2-m1"],
        [
            ("receive", 2, None, ["g1-m1", "g1-m2"]),
            ("change", 0, 1),
            ("advance", 2),
            ("receive", 3, None, ["g2-m1", "g1-m1"]),
        ],
    ),
    (
        "after-delete",
        "L test_fifo_message_group_visibility_after_delete",
        "30",
        ["g1-m1", "g2-m1", "g1-m2", "g2-m2", "g1-m2", "g1-m3", "g1-m4", "g3-m1"],
        [
            ("receive", 2, None, ["g1-m1", "g1-m2"]),
            ("delete", 0, 1),
            ("receive", 10, None, ["g2-m1", "g2-m2", "g1-m3", "g1-m4", "g3-m1"]),
        ],
    ),
    (
        "after-partial-delete",
        "L test_fifo_message_group_visibility_after_partial_delete",
        "30",
        ["g1-m1", "g2-m1", "g1-m2", "g2-m2", "g1-m2", "g1-m3", "g1-m4", "g3-m1"],
        [
            ("receive", 2, None, ["g1-m1", "g1-m2"]),
            ("delete", 0),
            ("receive", 10, None, ["g2-m1", "g2-m2", "g3-m1"]),
        ],
    ),
    (
        "in-order-after-timeout",
        "L test_fifo_messages_in_order_after_timeout",
        "1",
        ["g1-m0", "g1-m1", "g1-m2"],
        [
            ("receive", 10, None, ["g1-m0", "g1-m1", "g1-m2"]),
            ("advance", 2),
            ("receive", 10, None, ["g1-m0", "g1-m1", "g1-m2"]),
        ],
    ),
    (
        "approximate-count",
        "L test_fifo_approx_number_of_messages",
        "30",
        ["g1-m1", "g1-m2", "g1-m3", "g2-m1", "g3-m1"],
        [("count", 5), ("receive", 4, None, ["g1-m1", "g1-m2", "g1-m3", "g2-m1"]), ("count", 1)],
    ),
]


@pytest.mark.parametrize(
    ("timeout", "sends", "steps"), [pytest.param(*row[2:], id=row[0]) for row in FIFO_ORDERS]
)
def test_fifo_order(world: World, timeout: str, sends: list[str], steps: list[Step]) -> None:
    """The bodies each receive returned on AWS (message group = the body's prefix)."""
    sqs = world.sqs
    url = sqs.create_queue(
        QueueName="order.fifo",
        Attributes={
            "FifoQueue": "true",
            "ContentBasedDeduplication": "true",
            "VisibilityTimeout": timeout,
        },
    )["QueueUrl"]
    for body in sends:
        sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=body.split("-")[0])
    last: list[dict[str, Any]] = []
    for step in steps:
        if step[0] == "receive":
            extra = {} if step[2] is None else {"VisibilityTimeout": step[2]}
            last = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=step[1], **extra).get(
                "Messages", []
            )
            assert [m["Body"] for m in last] == step[3]
        elif step[0] == "advance":
            world.cloud.advance(step[1])
        elif step[0] in ("visible", "change"):
            index, seconds = step[1], (0 if step[0] == "visible" else step[2])
            sqs.change_message_visibility(
                QueueUrl=url, ReceiptHandle=last[index]["ReceiptHandle"], VisibilityTimeout=seconds
            )
        elif step[0] == "delete":
            for index in step[1:]:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=last[index]["ReceiptHandle"])
        else:
            assert attrs(world, url, "ApproximateNumberOfMessages") == {
                "ApproximateNumberOfMessages": str(step[1])
            }


# -- MessageAttributeNames: (names, attribute names shown or None, MD5 or None) -------------
FILTERS = [
    ([], None, None),
    (["All"], ["General", "Hello", "Help.Me"], "4c360f3fdafd970e05fae2f149d997f5"),
    (["*"], ["General", "Hello", "Help.Me"], "4c360f3fdafd970e05fae2f149d997f5"),
    ([".*"], ["General", "Hello", "Help.Me"], "4c360f3fdafd970e05fae2f149d997f5"),
    # AWS's 2023 recording had an empty map here; its JSON answers have since dropped
    # empty collections (an empty receive has no "Messages": floci #773, 2026) [?].
    (["Foo", "Help"], None, None),
    (["Hello", "General"], ["General", "Hello"], "fca026605781cb4126a1e9044df24232"),
    (["Foo", "Hello"], ["Hello"], "a311262e065454b75da111d535b8dacd"),
    (["Hel.*"], ["Hello", "Help.Me"], "83fee93c1bcd8b9a5a923ffacdc636c7"),
    (["AWS."], None, None),
    (["..foo"], None, None),
]


@pytest.mark.parametrize(("names", "shown", "md5"), FILTERS, ids=[repr(f[0]) for f in FILTERS])
def test_message_attribute_filter(
    world: World, names: list[str], shown: list[str] | None, md5: str | None
) -> None:
    """L test_receive_message_message_attribute_names_filters (snapshot 2023-11-14)."""
    url = world.url("std")
    sent = world.sqs.send_message(
        QueueUrl=url,
        MessageBody="msg",
        MessageAttributes={
            "Help.Me": {"DataType": "String", "StringValue": "Me"},
            "Hello": {"DataType": "String", "StringValue": "There"},
            "General": {"DataType": "String", "StringValue": "Kenobi"},
        },
    )
    assert sent["MD5OfMessageAttributes"] == "4c360f3fdafd970e05fae2f149d997f5"
    assert sent["MD5OfMessageBody"] == "6e2baaf3b97dbeef01c0043275f9a0e7"
    message = world.sqs.receive_message(QueueUrl=url, MessageAttributeNames=names)["Messages"][0]
    assert (
        sorted(message["MessageAttributes"]) if "MessageAttributes" in message else None
    ) == shown
    assert message.get("MD5OfMessageAttributes") == md5


SYSTEM_NAMES = [
    (
        ["All"],
        [
            "ApproximateFirstReceiveTimestamp",
            "ApproximateReceiveCount",
            "SenderId",
            "SentTimestamp",
        ],
    ),
    (["SenderId"], ["SenderId"]),
    (["SenderId", "SequenceNumber"], ["SenderId"]),
]


@pytest.mark.parametrize(("names", "shown"), SYSTEM_NAMES, ids=[repr(f[0]) for f in SYSTEM_NAMES])
def test_system_attribute_names(world: World, names: list[str], shown: list[str]) -> None:
    """L test_receive_message_attribute_names_filters: a standard queue's system attributes."""
    world.sqs.send_message(QueueUrl=world.url("std"), MessageBody="msg")
    message = world.sqs.receive_message(QueueUrl=world.url("std"), AttributeNames=names)
    attributes = message["Messages"][0]["Attributes"]
    assert sorted(attributes) == shown
    assert all(attributes[n].isdigit() for n in shown if n.endswith("Timestamp"))


def test_fifo_system_attributes(world: World) -> None:
    """L test_fifo_message_attributes: every system attribute of a FIFO message; the
    receive count grows on the second receive."""
    sqs = world.sqs
    url = sqs.create_queue(
        QueueName="attrs.fifo",
        Attributes={
            "FifoQueue": "true",
            "ContentBasedDeduplication": "true",
            "VisibilityTimeout": "0",
            "DeduplicationScope": "messageGroup",
            "FifoThroughputLimit": "perMessageGroupId",
        },
    )["QueueUrl"]
    sent = sqs.send_message(
        QueueUrl=url,
        MessageBody="message-body-1",
        MessageGroupId="group-1",
        MessageDeduplicationId="dedup-1",
    )
    assert sent["MD5OfMessageBody"] == "19c9e282d65f9733bc6b35d50062c7ee"
    counts = []
    for _ in range(2):
        got = sqs.receive_message(QueueUrl=url, AttributeNames=["All"])["Messages"][0]
        attributes = got["Attributes"]
        assert sorted(attributes) == [
            "ApproximateFirstReceiveTimestamp",
            "ApproximateReceiveCount",
            "MessageDeduplicationId",
            "MessageGroupId",
            "SenderId",
            "SentTimestamp",
            "SequenceNumber",
        ]
        assert attributes["SequenceNumber"] == sent["SequenceNumber"]
        assert (attributes["MessageDeduplicationId"], attributes["MessageGroupId"]) == (
            "dedup-1",
            "group-1",
        )
        counts.append(attributes["ApproximateReceiveCount"])
    assert counts == ["1", "2"]


# -- receipt handles ----------------------------------------------------------------------------
def test_fifo_expired_handlerefused(world: World) -> None:
    """L test_fifo_delete_message_with_expired_receipt_handle (snapshot): a FIFO handle
    dies with its visibility timeout; the message stays."""
    sqs = world.sqs
    url = sqs.create_queue(
        QueueName="expiry.fifo",
        Attributes={
            "FifoQueue": "true",
            "ContentBasedDeduplication": "true",
            "VisibilityTimeout": "1",
        },
    )["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="g1-m1", MessageGroupId="1")
    handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
    world.cloud.advance(2)
    error = refused(lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle=handle))["Error"]
    assert (error["Code"], error["Message"], error["QueryErrorCode"]) == (
        "InvalidParameterValue",
        (
            f"Value {handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle "
            "has expired."
        ),
        "InvalidParameterValueException",
    )
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url)["Messages"]] == ["g1-m1"]


def test_fifo_live_handle_deletes(world: World) -> None:
    """The other side: within its visibility timeout the handle deletes the message."""
    sqs = world.sqs
    sqs.send_message(QueueUrl=world.url("cbd"), MessageBody="m", MessageGroupId="1")
    handle = sqs.receive_message(QueueUrl=world.url("cbd"))["Messages"][0]["ReceiptHandle"]
    world.cloud.advance(29)
    sqs.delete_message(QueueUrl=world.url("cbd"), ReceiptHandle=handle)
    assert attrs(world, world.url("cbd"), "ApproximateNumberOfMessagesNotVisible") == {
        "ApproximateNumberOfMessagesNotVisible": "0"
    }


def test_standard_handle_after_timeout_deletes(world: World) -> None:
    """L test_remove_message_with_old_receipt_handle: a standard queue's handle still
    deletes after its visibility timeout."""
    sqs, url = world.sqs, world.url("std")
    sqs.send_message(QueueUrl=url, MessageBody="test")
    handle = sqs.receive_message(QueueUrl=url, VisibilityTimeout=1)["Messages"][0]["ReceiptHandle"]
    world.cloud.advance(2)
    sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
    assert attrs(world, url, "ApproximateNumberOfMessages") == {"ApproximateNumberOfMessages": "0"}


def test_deleted_handle(world: World) -> None:
    """L test_change_visibility_on_deleted_message_raises_invalid_parameter_value and
    test_delete_message_with_deleted_receipt_handle."""
    sqs, url = world.sqs, world.url("std")
    sqs.send_message(QueueUrl=url, MessageBody="foo")
    handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=42)
    for _ in range(3):
        sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
    error = refused(
        lambda: sqs.change_message_visibility(
            QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=42
        )
    )["Error"]
    assert (error["Code"], error["Message"]) == (
        "InvalidParameterValue",
        (
            f"Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not "
            "exist or is not available for visibility timeout change."
        ),
    )


def test_visibility_zero_once(world: World) -> None:
    """L test_change_message_visibility_not_permanent and
    test_receive_message_with_visibility_timeout_updates_timeout."""
    sqs, url = world.sqs, world.url("std")
    sent = sqs.send_message(QueueUrl=url, MessageBody="test")["MessageId"]
    first = sqs.receive_message(QueueUrl=url)["Messages"][0]
    sqs.change_message_visibility(
        QueueUrl=url, ReceiptHandle=first["ReceiptHandle"], VisibilityTimeout=0
    )
    assert [m["MessageId"] for m in sqs.receive_message(QueueUrl=url)["Messages"]] == [sent]
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    world.cloud.advance(30)
    assert len(sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"]) == 1
    assert len(sqs.receive_message(QueueUrl=url, VisibilityTimeout=3)["Messages"]) == 1
    assert "Messages" not in sqs.receive_message(QueueUrl=url)


def test_older_handle_changes_visibility(world: World) -> None:
    """L test_terminate_visibility_timeout_after_receive: a standard queue takes the
    first receive's handle after a second receive; the message comes back at once."""
    sqs, url = world.sqs, world.url("std")
    sqs.send_message(QueueUrl=url, MessageBody="test")
    first = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"][0]
    assert len(sqs.receive_message(QueueUrl=url, VisibilityTimeout=3)["Messages"]) == 1
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    sqs.change_message_visibility(
        QueueUrl=url, ReceiptHandle=first["ReceiptHandle"], VisibilityTimeout=0
    )
    assert len(sqs.receive_message(QueueUrl=url)["Messages"]) == 1


def test_batch_entry_with_bad_character(world: World) -> None:
    """L test_batch_send_with_invalid_char_should_succeed: that entry fails alone."""
    entries = [{"Id": str(i), "MessageBody": str(i)} for i in range(9)]
    entries.append({"Id": "9", "MessageBody": "\x01"})
    got = world.sqs.send_message_batch(QueueUrl=world.url("std"), Entries=entries)
    assert len(got["Successful"]) == 9
    assert [(f["Id"], f["Code"]) for f in got["Failed"]] == [("9", "InvalidMessageContents")]


# -- FIFO deduplication -------------------------------------------------------------------------
@pytest.mark.parametrize("content_based", [True, False])
def test_dedup_after_delete(world: World, content_based: bool) -> None:
    """L test_fifo_deduplication_arrives_once_after_delete: the id outlives the message."""
    sqs = world.sqs
    url = world.url("cbd" if content_based else "fifo")
    extra = {} if content_based else {"MessageDeduplicationId": "dedup1"}
    item = '{"foo": "bar"}'
    sqs.send_message(QueueUrl=url, MessageBody=item, MessageGroupId="group-1", **extra)
    got = sqs.receive_message(QueueUrl=url)["Messages"]
    assert [m["MD5OfBody"] for m in got] == ["94232c5b8fc9272f6f73a1e36eb68fcf"]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=got[0]["ReceiptHandle"])
    sqs.send_message(QueueUrl=url, MessageBody=item, MessageGroupId="group-1", **extra)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)


@pytest.mark.parametrize("content_based", [True, False])
def test_dedup_across_groups(world: World, content_based: bool) -> None:
    """L test_fifo_deduplication_not_on_message_group_id: queue scope spans groups."""
    sqs = world.sqs
    url = world.url("cbd" if content_based else "fifo")
    extra = {} if content_based else {"MessageDeduplicationId": "dedup1"}
    for group in ("group-1", "group-2"):
        sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId=group, **extra)
    assert len(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]) == 1


def test_purge_forgets_dedup_ids(world: World) -> None:
    """L test_purge_queue_clears_fifo_deduplication_cache."""
    sqs, url = world.sqs, world.url("fifo")
    for body in ("message-1", "message-2"):
        sqs.send_message(
            QueueUrl=url, MessageBody=body, MessageGroupId="g", MessageDeduplicationId="d"
        )
        if body == "message-1":
            sqs.purge_queue(QueueUrl=url)
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url)["Messages"]] == ["message-2"]


def test_purge_takes_in_flight_and_delayed(world: World) -> None:
    """L test_purge_queue_deletes_inflight_messages / _delayed_messages."""
    sqs, url = world.sqs, world.url("std")
    for i in range(10):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{i}", DelaySeconds=2 if i % 2 else 0)
    sqs.receive_message(QueueUrl=url, VisibilityTimeout=3, MaxNumberOfMessages=5)
    sqs.purge_queue(QueueUrl=url)
    world.cloud.advance(3)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)


# -- dead-letter queues and permissions -----------------------------------------------------------
def test_fifo_dead_letter(world: World) -> None:
    """L test_dead_letter_queue_with_fifo_and_content_based_deduplication: the third
    receive moves the message (same id) to the dead-letter queue."""
    sqs = world.sqs
    arn = attrs(world, world.url("cbd"), "QueueArn")["QueueArn"]
    url = sqs.create_queue(
        QueueName="src.fifo",
        Attributes={
            "FifoQueue": "true",
            "ContentBasedDeduplication": "true",
            "VisibilityTimeout": "60",
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 2}),
        },
    )["QueueUrl"]
    sent = sqs.send_message(QueueUrl=url, MessageBody="foobar", MessageGroupId="1")["MessageId"]
    got = [
        len(sqs.receive_message(QueueUrl=url, VisibilityTimeout=0).get("Messages", []))
        for _ in range(3)
    ]
    assert got == [1, 1, 0]
    moved = sqs.receive_message(QueueUrl=world.url("cbd"))["Messages"]
    assert [(m["MessageId"], m["Body"]) for m in moved] == [(sent, "foobar")]
    assert sqs.list_dead_letter_source_queues(QueueUrl=world.url("cbd"))["queueUrls"] == [url]


def test_standard_dead_letter(world: World) -> None:
    """L test_dead_letter_queue_max_receive_count: one of two receives gets the message,
    then the dead-letter queue has it under the same id."""
    sqs = world.sqs
    dlq = sqs.create_queue(QueueName="dl", Attributes={"VisibilityTimeout": "0"})["QueueUrl"]
    arn = attrs(world, dlq, "QueueArn")["QueueArn"]
    url = sqs.create_queue(
        QueueName="src",
        Attributes={
            "VisibilityTimeout": "0",
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 1}),
        },
    )["QueueUrl"]
    sent = sqs.send_message(QueueUrl=url, MessageBody="test")["MessageId"]
    got = [sqs.receive_message(QueueUrl=url).get("Messages") for _ in range(2)]
    assert (got[0] is None) != (got[1] is None)
    assert sqs.receive_message(QueueUrl=dlq)["Messages"][0]["MessageId"] == sent


def test_permission_policy(world: World) -> None:
    """L test_sqs_permission_lifecycle (snapshot): AddPermission's policy document."""
    sqs, url = world.sqs, world.url("std")
    arn = "arn:aws:sqs:us-east-1:123456789012:std"

    def policy() -> Any:
        text = attrs(world, url, "Policy").get("Policy")
        return None if text is None else json.loads(text)

    sqs.add_permission(
        QueueUrl=url,
        AWSAccountIds=["123456789012", "668614515564"],
        Actions=["ReceiveMessage"],
        Label="crossaccountpermission",
    )
    got = policy()
    statement = got["Statement"][0]
    assert (got["Version"], got["Id"]) == ("2008-10-17", f"{arn}/SQSDefaultPolicy")
    assert sorted(statement["Principal"]["AWS"]) == [
        "arn:aws:iam::123456789012:root",
        "arn:aws:iam::668614515564:root",
    ]
    assert {k: v for k, v in statement.items() if k != "Principal"} == {
        "Sid": "crossaccountpermission",
        "Effect": "Allow",
        "Action": "SQS:ReceiveMessage",
        "Resource": arn,
    }
    sqs.remove_permission(QueueUrl=url, Label="crossaccountpermission")
    assert policy() is None
    for label in ("crossaccountpermission", "crossaccountpermission2"):
        sqs.add_permission(
            QueueUrl=url, AWSAccountIds=["123456789012"], Actions=["ReceiveMessage"], Label=label
        )
    got = policy()
    assert [s["Sid"] for s in got["Statement"]] == [
        "crossaccountpermission",
        "crossaccountpermission2",
    ]
    assert got["Statement"][1]["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}
    sqs.remove_permission(QueueUrl=url, Label="crossaccountpermission")
    assert [s["Sid"] for s in policy()["Statement"]] == ["crossaccountpermission2"]


def test_fifo_queue_delay(world: World) -> None:
    """L test_fifo_queue_send_message_with_delay_on_queue_works."""
    sqs = world.sqs
    url = sqs.create_queue(
        QueueName="late.fifo",
        Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true", "DelaySeconds": "2"},
    )["QueueUrl"]
    for i in (1, 2, 3):
        sqs.send_message(QueueUrl=url, MessageBody=f"message-{i}", MessageGroupId="1")
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    world.cloud.advance(2)
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=3)["Messages"]
    assert [m["Body"] for m in got] == ["message-1", "message-2", "message-3"]


def test_content_dedup_once(world: World) -> None:
    """L test_fifo_content_based_message_deduplication_arrives_once: the same body twice
    in one group is one message."""
    sqs, url = world.sqs, world.url("cbd")
    item = '{"foo": "bar"}'
    for _ in range(2):
        sqs.send_message(QueueUrl=url, MessageBody=item, MessageGroupId="group-1")
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url)["Messages"]] == [item]
    assert "Messages" not in sqs.receive_message(QueueUrl=url)


# -- message move tasks (L tests/aws/services/sqs/test_sqs_move_task.py, snapshots 2024) -------
def _pipe(world: World, name: str, messages: int) -> tuple[str, str, str]:
    """A queue whose dead-letter queue holds ``messages``: (source url, dlq url, dlq arn)."""
    sqs = world.sqs
    dlq = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    arn = attrs(world, dlq, "QueueArn")["QueueArn"]
    policy = json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 1})
    url = sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": policy})["QueueUrl"]
    for i in range(messages):
        sqs.send_message(QueueUrl=url, MessageBody=f"message-{i}")
    for _ in range(2 * messages):
        sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)
    assert attrs(world, dlq, "ApproximateNumberOfMessages") == {
        "ApproximateNumberOfMessages": str(messages)
    }
    return url, dlq, arn


def _bodies(world: World, url: str) -> list[str]:
    got = world.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
    return sorted(m["Body"] for m in got.get("Messages", []))


def test_move_task_workflow(world: World) -> None:
    """test_basic_move_task_workflow: the handle's form, the finished task's row."""
    _, dlq, arn = _pipe(world, "basic", 2)
    dest = world.sqs.create_queue(QueueName="dest")["QueueUrl"]
    dest_arn = attrs(world, dest, "QueueArn")["QueueArn"]
    handle = world.sqs.start_message_move_task(SourceArn=arn, DestinationArn=dest_arn)["TaskHandle"]
    decoded = json.loads(base64.b64decode(handle))
    assert sorted(decoded) == ["sourceArn", "taskId"]
    assert (decoded["sourceArn"], str(uuid.UUID(decoded["taskId"]))) == (arn, decoded["taskId"])
    world.cloud.advance(1)
    assert _bodies(world, dest) == ["message-0", "message-1"]
    assert _bodies(world, dlq) == []
    row = world.sqs.list_message_move_tasks(SourceArn=arn)["Results"][0]
    assert isinstance(row.pop("StartedTimestamp"), int)
    assert row == {
        "ApproximateNumberOfMessagesMoved": 2,
        "ApproximateNumberOfMessagesToMove": 2,
        "DestinationArn": dest_arn,
        "SourceArn": arn,
        "Status": "COMPLETED",
    }


def test_move_task_to_sources(world: World) -> None:
    """test_move_task_workflow_with_default_destination: no DestinationArn in the row,
    the messages back in their source."""
    url, _, arn = _pipe(world, "home", 2)
    world.sqs.start_message_move_task(SourceArn=arn)
    world.cloud.advance(1)
    assert _bodies(world, url) == ["message-0", "message-1"]
    row = world.sqs.list_message_move_tasks(SourceArn=arn)["Results"][0]
    del row["StartedTimestamp"]
    assert row == {
        "ApproximateNumberOfMessagesMoved": 2,
        "ApproximateNumberOfMessagesToMove": 2,
        "SourceArn": arn,
        "Status": "COMPLETED",
    }


def test_move_task_cancel(world: World) -> None:
    """test_move_task_cancel: the running row has the handle and the rate; a cancelled
    one has neither the handle nor the rest of the messages moved."""
    _, dlq, arn = _pipe(world, "slow", 10)
    dest = world.sqs.create_queue(QueueName="dest")["QueueUrl"]
    dest_arn = attrs(world, dest, "QueueArn")["QueueArn"]
    handle = world.sqs.start_message_move_task(
        SourceArn=arn, DestinationArn=dest_arn, MaxNumberOfMessagesPerSecond=1
    )["TaskHandle"]
    world.cloud.advance(1.5)
    row = world.sqs.list_message_move_tasks(SourceArn=arn)["Results"][0]
    assert (row["Status"], row["TaskHandle"], row["MaxNumberOfMessagesPerSecond"]) == (
        "RUNNING",
        handle,
        1,
    )
    assert row["ApproximateNumberOfMessagesToMove"] == 10
    moved = world.sqs.cancel_message_move_task(TaskHandle=handle)[
        "ApproximateNumberOfMessagesMoved"
    ]
    world.cloud.advance(10)
    row = world.sqs.list_message_move_tasks(SourceArn=arn)["Results"][0]
    assert (row["Status"], "TaskHandle" in row, row["ApproximateNumberOfMessagesMoved"]) == (
        "CANCELLED",
        False,
        moved,
    )
    assert len(_bodies(world, dlq)) == 10 - moved > 0


def test_move_task_destination_deleted(world: World) -> None:
    """test_move_task_delete_destination_queue_while_running: the task fails with
    FailureReason AWS.SimpleQueueService.NonExistentQueue; the rest stays in the DLQ."""
    _, dlq, arn = _pipe(world, "lost", 10)
    dest = world.sqs.create_queue(QueueName="dest")["QueueUrl"]
    dest_arn = attrs(world, dest, "QueueArn")["QueueArn"]
    world.sqs.start_message_move_task(
        SourceArn=arn, DestinationArn=dest_arn, MaxNumberOfMessagesPerSecond=1
    )
    world.cloud.advance(1.5)
    world.sqs.delete_queue(QueueUrl=dest)
    world.cloud.advance(10)
    row = world.sqs.list_message_move_tasks(SourceArn=arn)["Results"][0]
    assert (row["Status"], row["FailureReason"], "TaskHandle" in row) == (
        "FAILED",
        "AWS.SimpleQueueService.NonExistentQueue",
        False,
    )
    assert _bodies(world, dlq)

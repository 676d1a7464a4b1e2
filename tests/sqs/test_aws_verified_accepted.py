"""SQS's accepted side against answers recorded on AWS: one row per verified expectation,
each naming its source test (see ``_verified.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest

from tests.sqs._verified import MIB, World, attrs


def equal(got: Any, want: Any) -> None:
    assert got == want


# -- accepted: (id, source, call, check of the answer) ---------------------------------------
def _names_by_prefix(w: World, *prefixes: str) -> list[list[str]]:
    """Queues a-test-queue-1/-2 and b-test-queue-1, then ListQueues by each prefix."""
    for name in ("a-test-queue-1", "a-test-queue-2", "b-test-queue-1"):
        w.sqs.create_queue(QueueName=name)
    out = []
    for prefix in prefixes:
        urls = w.sqs.list_queues(QueueNamePrefix=prefix).get("QueueUrls", [])
        out.append(sorted(u.rsplit("/", 1)[1] for u in urls))
    return out


ACCEPTED: list[tuple[str, str, Callable[[World], Any], Callable[[World, Any], None]]] = [
    (
        "fifo-delay-0",
        "M test_send_message_delay_seconds_validation; L ..._delay_0_works_for_fifo",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("fifo"),
            MessageBody="test",
            DelaySeconds=0,
            MessageGroupId="test",
            MessageDeduplicationId="42",
        ),
        lambda w, r: None if "SequenceNumber" in r else pytest.fail(str(r)),
    ),
    (
        "fifo-delay-0-queue-delay",
        "M test_send_message_delay_seconds_validation (DelaySeconds 10 on the queue)",
        lambda w: [
            w.sqs.send_message(QueueUrl=w.url("delayed"), MessageBody="t", **extra)
            for extra in (
                {"DelaySeconds": 0, "MessageGroupId": "g", "MessageDeduplicationId": "1"},
                {"MessageGroupId": "g", "MessageDeduplicationId": "2"},
            )
        ],
        lambda w, r: None if len({m["MessageId"] for m in r}) == 2 else pytest.fail(str(r)),
    ),
    (
        "message-at-queue-size",
        "L test_send_message_with_updated_maximum_message_size (base case)",
        lambda w: (
            w.sqs.set_queue_attributes(
                QueueUrl=w.url("std"), Attributes={"MaximumMessageSize": "1024"}
            ),
            w.sqs.send_message(QueueUrl=w.url("std"), MessageBody="a" * 1024),
        )[1],
        lambda w, r: None if r["MessageId"] else pytest.fail(str(r)),
    ),
    (
        "batch-at-limit",
        "L test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size",
        lambda w: w.sqs.send_message_batch(
            QueueUrl=w.url("std"),
            Entries=[
                {
                    "Id": "1",
                    "MessageBody": "a" * (MIB - 9),
                    "MessageAttributes": {"k": {"DataType": "String", "StringValue": "x"}},
                },
                {"Id": "2", "MessageBody": "a"},
            ],
        ),
        lambda w, r: (
            None
            if ([e["Id"] for e in r["Successful"]], r["Failed"]) == (["1", "2"], [])
            and r["Successful"][1]["MD5OfMessageBody"] == "0cc175b9c0f1b6a831c399e269772661"
            else pytest.fail(str(r))
        ),
    ),
    (
        "sse-kms",
        "L test_sse_queue_attributes",
        lambda w: (
            w.sqs.set_queue_attributes(
                QueueUrl=w.url("std"),
                Attributes={
                    "KmsMasterKeyId": "testKeyId",
                    "KmsDataKeyReusePeriodSeconds": "6000",
                    "SqsManagedSseEnabled": "false",
                },
            ),
            attrs(
                w,
                w.url("std"),
                "KmsMasterKeyId",
                "KmsDataKeyReusePeriodSeconds",
                "SqsManagedSseEnabled",
            ),
        )[1],
        lambda w, r: equal(
            r,
            {
                "KmsMasterKeyId": "testKeyId",
                "KmsDataKeyReusePeriodSeconds": "6000",
                "SqsManagedSseEnabled": "false",
            },
        ),
    ),
    (
        "sse-sqs",
        "L test_sse_queue_attributes",
        lambda w: (
            w.sqs.set_queue_attributes(
                QueueUrl=w.url("std"), Attributes={"SqsManagedSseEnabled": "true"}
            ),
            attrs(
                w,
                w.url("std"),
                "KmsMasterKeyId",
                "KmsDataKeyReusePeriodSeconds",
                "SqsManagedSseEnabled",
            ),
        )[1],
        lambda w, r: equal(r, {"SqsManagedSseEnabled": "true"}),
    ),
    (
        "fifo-told-fifo",
        "L test_set_unsupported_attribute_fifo",
        lambda w: (
            w.sqs.set_queue_attributes(QueueUrl=w.url("fifo"), Attributes={"FifoQueue": "true"}),
            attrs(w, w.url("fifo"), "FifoQueue"),
        )[1],
        lambda w, r: equal(r, {"FifoQueue": "true"}),
    ),
    (
        "unicode-attribute-name",
        "L test_send_message_with_invalid_string_attributes (base line)",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("std"),
            MessageBody="test",
            MessageAttributes={"attr.1øßä": {"StringValue": "Valida", "DataType": "String"}},
        ),
        lambda w, r: None if r["MD5OfMessageAttributes"] else pytest.fail(str(r)),
    ),
    (
        "create-again-no-attributes",
        "L test_create_queue_with_default_attributes_is_idempotent",
        lambda w: (
            w.sqs.create_queue(
                QueueName="q2",
                Attributes={"VisibilityTimeout": "69", "ReceiveMessageWaitTimeSeconds": "1"},
            ),
            w.sqs.create_queue(QueueName="q2"),
            w.sqs.create_queue(QueueName="q2", Attributes={"VisibilityTimeout": "69"}),
        ),
        lambda w, r: None if len({x["QueueUrl"] for x in r}) == 1 else pytest.fail(str(r)),
    ),
    (
        "create-after-change",
        "L test_create_queue_with_different_attributes_raises_exception",
        lambda w: (
            w.sqs.set_queue_attributes(QueueUrl=w.url("std"), Attributes={"DelaySeconds": "2"}),
            w.sqs.create_queue(QueueName="std", Attributes={"DelaySeconds": "2"}),
        )[1],
        lambda w, r: equal(r["QueueUrl"], w.url("std")),
    ),
    (
        "three-attributes",
        "L test_create_queue_and_get_attributes",
        lambda w: attrs(w, w.url("std"), "QueueArn", "CreatedTimestamp", "VisibilityTimeout"),
        lambda w, r: equal(
            (sorted(r), r["VisibilityTimeout"]),
            (["CreatedTimestamp", "QueueArn", "VisibilityTimeout"], "30"),
        ),
    ),
    (
        "fifo-all-attributes",
        "L test_fifo_set_content_based_deduplication_strategy",
        lambda w: (
            w.sqs.set_queue_attributes(
                QueueUrl=w.url("cbd"), Attributes={"ContentBasedDeduplication": "false"}
            ),
            attrs(w, w.url("cbd"), "All"),
        )[1],
        lambda w, r: equal(
            {
                k: v
                for k, v in r.items()
                if k
                not in (
                    "CreatedTimestamp",
                    "LastModifiedTimestamp",
                    "QueueArn",
                    "MaximumMessageSize",
                )
            },
            {
                "ApproximateNumberOfMessages": "0",
                "ApproximateNumberOfMessagesDelayed": "0",
                "ApproximateNumberOfMessagesNotVisible": "0",
                "ContentBasedDeduplication": "false",
                "DeduplicationScope": "queue",
                "DelaySeconds": "0",
                "FifoQueue": "true",
                "FifoThroughputLimit": "perQueue",
                "MessageRetentionPeriod": "345600",
                "ReceiveMessageWaitTimeSeconds": "0",
                "SqsManagedSseEnabled": "true",
                "VisibilityTimeout": "30",
            },
        ),
    ),
    (
        "standard-all-attributes",
        "L test_create_and_update_queue_attributes",
        lambda w: (
            w.sqs.create_queue(
                QueueName="attrs",
                Attributes={
                    "MessageRetentionPeriod": "604800",
                    "ReceiveMessageWaitTimeSeconds": "10",
                    "VisibilityTimeout": "20",
                },
            ),
            attrs(w, w.url("std").replace("/std", "/attrs"), "All"),
        )[1],
        lambda w, r: equal(
            sorted(r.items()),
            sorted(
                {
                    "ApproximateNumberOfMessages": "0",
                    "ApproximateNumberOfMessagesDelayed": "0",
                    "ApproximateNumberOfMessagesNotVisible": "0",
                    "CreatedTimestamp": r["CreatedTimestamp"],
                    "DelaySeconds": "0",
                    "LastModifiedTimestamp": r["LastModifiedTimestamp"],
                    "MaximumMessageSize": str(MIB),
                    "MessageRetentionPeriod": "604800",
                    "QueueArn": "arn:aws:sqs:us-east-1:123456789012:attrs",
                    "ReceiveMessageWaitTimeSeconds": "10",
                    "SqsManagedSseEnabled": "true",
                    "VisibilityTimeout": "20",
                }.items()
            ),
        ),
    ),
    (
        "purge-after-a-minute",
        "L test_successive_purge_calls_fail (the 60 seconds)",
        lambda w: (
            w.sqs.purge_queue(QueueUrl=w.url("std")),
            w.cloud.advance(60),
            w.sqs.purge_queue(QueueUrl=w.url("std")),
        )[2],
        lambda w, r: equal(r["ResponseMetadata"]["HTTPStatusCode"], 200),
    ),
    (
        "system-attribute-md5",
        "L test_system_attributes_have_no_effect_on_attr_md5",
        lambda w: [
            w.sqs.send_message(
                QueueUrl=w.url("std"),
                MessageBody="test",
                MessageAttributes={
                    "timestamp": {"StringValue": "1493147359900", "DataType": "Number"}
                },
                **extra,
            )
            for extra in (
                {},
                {
                    "MessageSystemAttributes": {
                        "AWSTraceHeader": {
                            "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793;"
                            "Parent=53995c3f42cd8ad8;Sampled=1",
                            "DataType": "String",
                        }
                    }
                },
            )
        ],
        lambda w, r: equal(
            (
                r[0]["MD5OfMessageAttributes"] == r[1]["MD5OfMessageAttributes"],
                r[0].get("MD5OfMessageSystemAttributes"),
                r[1].get("MD5OfMessageSystemAttributes"),
            ),
            (True, None, "5ae4d5d7636402d80f4eb6d213245a88"),
        ),
    ),
    (
        "list-queues-prefix",
        "L test_list_queues",
        lambda w: _names_by_prefix(w, "a-test-queue-", "b-test-queue-"),
        lambda w, r: equal(r, [["a-test-queue-1", "a-test-queue-2"], ["b-test-queue-1"]]),
    ),
    (
        "queue-url-per-region",
        "L test_get_queue_url_multi_region",
        lambda w: (
            [
                boto3.client("sqs", region_name=region).create_queue(QueueName="same")["QueueUrl"]
                for region in ("us-east-1", "eu-central-1")
            ]
            + [
                boto3.client("sqs", region_name="eu-central-1").get_queue_url(QueueName="same")[
                    "QueueUrl"
                ]
            ]
        ),
        lambda w, r: equal((r[0] != r[1], r[1] == r[2]), (True, True)),
    ),
    (
        "encoded-content",
        "L test_send_receive_message_encoded_content; test_message_with_carriage_return",
        lambda w: [
            (
                w.sqs.send_message(QueueUrl=w.url("std"), MessageBody=body)["MD5OfMessageBody"],
                w.sqs.receive_message(QueueUrl=w.url("std"), VisibilityTimeout=0)["Messages"][0],
                w.sqs.purge_queue(QueueUrl=w.url("std")),
                w.cloud.advance(60),
            )[:2]
            for body in (
                '"&quot;&quot;\r',
                '{\r\n"machineID" : "d357006e26ff47439e1ef894225d4307"}',
            )
        ],
        lambda w, r: equal(
            [(m["Body"], m["MD5OfBody"] == md5) for md5, m in r],
            [
                ('"&quot;&quot;\r', True),
                ('{\r\n"machineID" : "d357006e26ff47439e1ef894225d4307"}', True),
            ],
        ),
    ),
    (
        "no-tags",
        "L test_queue_list_nonexistent_tags",
        lambda w: w.sqs.list_queue_tags(QueueUrl=w.url("std")),
        lambda w, r: equal(sorted(r), ["ResponseMetadata"]),
    ),
    (
        "queue-name-as-url",
        "L test_posting_to_queue_via_queue_name",
        lambda w: w.sqs.send_message(QueueUrl="std", MessageBody="Using name instead of URL"),
        lambda w, r: equal(
            (r["MD5OfMessageBody"], attrs(w, w.url("std"), "ApproximateNumberOfMessages")),
            ("86a83f96652a1bfad3891e7d523750cb", {"ApproximateNumberOfMessages": "1"}),
        ),
    ),
    (
        "body-md5",
        "L test_send_receive_message; test_posting_to_queue_via_queue_name (digest only)",
        lambda w: [
            w.sqs.send_message(QueueUrl=w.url("std"), MessageBody=b)["MD5OfMessageBody"]
            for b in ("message", "Using name instead of URL")
        ],
        lambda w, r: equal(
            r, ["78e731027d8fd50ed642340b7c9a63b3", "86a83f96652a1bfad3891e7d523750cb"]
        ),
    ),
    (
        "tags",
        "L test_tag_untag_queue",
        lambda w: [
            w.sqs.tag_queue(
                QueueUrl=w.url("std"), Tags={"tag1": "value1", "tag2": "value2", "tag3": ""}
            ),
            w.sqs.list_queue_tags(QueueUrl=w.url("std"))["Tags"],
            w.sqs.untag_queue(QueueUrl=w.url("std"), TagKeys=["tag1", "tag3"]),
            w.sqs.list_queue_tags(QueueUrl=w.url("std"))["Tags"],
            w.sqs.untag_queue(QueueUrl=w.url("std"), TagKeys=["tag2"]),
            "Tags" in w.sqs.list_queue_tags(QueueUrl=w.url("std")),
        ][1::2],
        lambda w, r: equal(
            r, [{"tag1": "value1", "tag2": "value2", "tag3": ""}, {"tag2": "value2"}, False]
        ),
    ),
    (
        "tags-overwrite-and-case",
        "L test_tag_queue_overwrites_existing_tag; test_tags_case_sensitive",
        lambda w: (
            w.sqs.tag_queue(QueueUrl=w.url("std"), Tags={"tag1": "value1", "MyTag": "a"}),
            w.sqs.tag_queue(QueueUrl=w.url("std"), Tags={"tag1": "VALUE1", "mytag": "b"}),
            w.sqs.list_queue_tags(QueueUrl=w.url("std"))["Tags"],
        )[2],
        lambda w, r: equal(r, {"tag1": "VALUE1", "MyTag": "a", "mytag": "b"}),
    ),
    (
        "sequence-numbers",
        "L test_sequence_number; test_fifo_sequence_number_increases",
        lambda w: (
            [
                w.sqs.send_message(
                    QueueUrl=w.url("fifo"),
                    MessageBody=f"m{i}",
                    MessageGroupId="g",
                    MessageDeduplicationId=f"m{i}",
                )["SequenceNumber"]
                for i in range(3)
            ]
            + ["SequenceNumber" in w.sqs.send_message(QueueUrl=w.url("std"), MessageBody="m")]
        ),
        lambda w, r: equal((int(r[0]) < int(r[1]) < int(r[2]), r[3]), (True, False)),
    ),
]


@pytest.mark.parametrize(
    ("call", "check"), [pytest.param(row[2], row[3], id=row[0]) for row in ACCEPTED]
)
def test_accepted(
    world: World, call: Callable[[World], Any], check: Callable[[World, Any], None]
) -> None:
    check(world, call(world))

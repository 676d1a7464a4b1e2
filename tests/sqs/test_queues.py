"""Queue operations through boto3 on the bridge: create, find, list, delete, purge,
attributes, tags and permissions, with AWS's errors on both sides of each limit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud

from .conftest import START, code_of, message_of

URL = "https://sqs.us-east-1.amazonaws.com/123456789012/"
ARN = "arn:aws:sqs:us-east-1:123456789012:"


class TestCreateQueue:
    def test_url_and_defaults(self, sqs: Any) -> None:
        """A new standard queue answers AWS's URL and default attributes."""
        url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
        assert url == URL + "jobs"
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        assert attrs == {
            "QueueArn": ARN + "jobs",
            "ApproximateNumberOfMessages": "0",
            "ApproximateNumberOfMessagesNotVisible": "0",
            "ApproximateNumberOfMessagesDelayed": "0",
            "CreatedTimestamp": str(int(START)),
            "LastModifiedTimestamp": str(int(START)),
            "VisibilityTimeout": "30",
            "MaximumMessageSize": "1048576",
            "MessageRetentionPeriod": "345600",
            "DelaySeconds": "0",
            "ReceiveMessageWaitTimeSeconds": "0",
            "SqsManagedSseEnabled": "true",
        }

    def test_fifo_defaults(self, sqs: Any) -> None:
        """A FIFO queue lists its FIFO attributes."""
        url = sqs.create_queue(QueueName="q.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        assert attrs["FifoQueue"] == "true"
        assert attrs["ContentBasedDeduplication"] == "false"
        assert attrs["DeduplicationScope"] == "queue"
        assert attrs["FifoThroughputLimit"] == "perQueue"

    def test_idempotent_with_same_attributes(self, sqs: Any) -> None:
        """Creating an existing queue with the same attributes returns its URL."""
        a = sqs.create_queue(QueueName="q", Attributes={"VisibilityTimeout": "60"})
        b = sqs.create_queue(QueueName="q", Attributes={"VisibilityTimeout": "60"})
        assert a["QueueUrl"] == b["QueueUrl"]

    def test_different_attribute_is_queue_name_exists(self, sqs: Any) -> None:
        """Another value for an attribute is QueueNameExists naming it (query code
        QueueAlreadyExists), caught as client.exceptions.QueueNameExists."""
        sqs.create_queue(QueueName="q", Attributes={"VisibilityTimeout": "60"})
        with pytest.raises(sqs.exceptions.QueueNameExists) as info:
            sqs.create_queue(QueueName="q", Attributes={"VisibilityTimeout": "61"})
        assert code_of(info) == "QueueAlreadyExists"
        assert message_of(info) == (
            "A queue already exists with the same name and a different value for attribute "
            "VisibilityTimeout"
        )

    @pytest.mark.parametrize("name", ["a", "a" * 80, "A-b_9"])
    def test_names_accepted(self, sqs: Any, name: str) -> None:
        """1 to 80 alphanumerics, hyphens and underscores."""
        assert sqs.create_queue(QueueName=name)["QueueUrl"] == URL + name

    @pytest.mark.parametrize("name", ["a" * 81, "a.b", "a b", "x.fifo"])
    def test_names_refused(self, sqs: Any, name: str) -> None:
        """Longer names or other characters are InvalidParameterValue."""
        with pytest.raises(ClientError) as info:
            sqs.create_queue(QueueName=name)
        assert code_of(info) == "InvalidParameterValue"

    def test_fifo_name_limits(self, sqs: Any) -> None:
        """A FIFO name is 1 to 75 characters before .fifo (80 in all)."""
        fifo = {"FifoQueue": "true"}
        sqs.create_queue(QueueName="a" * 75 + ".fifo", Attributes=fifo)
        with pytest.raises(ClientError) as info:
            sqs.create_queue(QueueName="a" * 76 + ".fifo", Attributes=fifo)
        assert "must end with .fifo suffix" in message_of(info)
        with pytest.raises(ClientError):
            sqs.create_queue(QueueName="plain", Attributes=fifo)

    @pytest.mark.parametrize(
        ("name", "good", "bad"),
        [
            ("VisibilityTimeout", "43200", "43201"),
            ("VisibilityTimeout", "0", "-1"),
            ("DelaySeconds", "900", "901"),
            ("MaximumMessageSize", "1048576", "1048577"),
            ("MaximumMessageSize", "1024", "1023"),
            ("MessageRetentionPeriod", "1209600", "1209601"),
            ("MessageRetentionPeriod", "60", "59"),
            ("ReceiveMessageWaitTimeSeconds", "20", "21"),
        ],
    )
    def test_attribute_ranges(self, sqs: Any, name: str, good: str, bad: str) -> None:
        """The last accepted value of each range, and the first refused."""
        sqs.create_queue(QueueName="ok", Attributes={name: good})
        with pytest.raises(sqs.exceptions.InvalidAttributeValue) as info:
            sqs.create_queue(QueueName="bad", Attributes={name: bad})
        assert message_of(info) == f"Invalid value for the parameter {name}."
        assert sqs.list_queues(QueueNamePrefix="bad").get("QueueUrls") is None

    def test_unknown_attribute(self, sqs: Any) -> None:
        """An unknown name, or a FIFO attribute on a standard queue, is InvalidAttributeName."""
        with pytest.raises(sqs.exceptions.InvalidAttributeName) as info:
            sqs.create_queue(QueueName="q", Attributes={"ContentBasedDeduplication": "true"})
        assert message_of(info) == "Unknown Attribute ContentBasedDeduplication."

    def test_deleted_recently(self, cloud: Cloud, sqs: Any) -> None:
        """The name is taken for 60 seconds after DeleteQueue."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.delete_queue(QueueUrl=url)
        cloud.advance(59)
        with pytest.raises(sqs.exceptions.QueueDeletedRecently) as info:
            sqs.create_queue(QueueName="q")
        assert code_of(info) == "AWS.SimpleQueueService.QueueDeletedRecently"
        cloud.advance(1)
        assert sqs.create_queue(QueueName="q")["QueueUrl"] == url

    def test_high_throughput_pair(self, sqs: Any) -> None:
        """perMessageGroupId needs DeduplicationScope messageGroup."""
        good = {
            "FifoQueue": "true",
            "DeduplicationScope": "messageGroup",
            "FifoThroughputLimit": "perMessageGroupId",
        }
        sqs.create_queue(QueueName="a.fifo", Attributes=good)
        with pytest.raises(sqs.exceptions.InvalidAttributeValue):
            sqs.create_queue(QueueName="b.fifo", Attributes=good | {"DeduplicationScope": "queue"})


class TestFind:
    def test_get_queue_url(self, sqs: Any) -> None:
        """GetQueueUrl finds by name; a missing queue is QueueDoesNotExist with AWS's code."""
        sqs.create_queue(QueueName="q")
        assert sqs.get_queue_url(QueueName="q")["QueueUrl"] == URL + "q"
        with pytest.raises(sqs.exceptions.QueueDoesNotExist) as info:
            sqs.get_queue_url(QueueName="nope")
        assert info.value.response["Error"] == {
            "Code": "AWS.SimpleQueueService.NonExistentQueue",
            "Message": "The specified queue does not exist.",
            "QueryErrorCode": "QueueDoesNotExist",
            "Type": "Sender",
        }

    def test_other_owner(self, sqs: Any) -> None:
        """Another account's name is not found here."""
        sqs.create_queue(QueueName="q")
        with pytest.raises(sqs.exceptions.QueueDoesNotExist):
            sqs.get_queue_url(QueueName="q", QueueOwnerAWSAccountId="111111111111")

    def test_list_prefix_and_pages(self, sqs: Any) -> None:
        """ListQueues filters by prefix and pages with MaxResults and NextToken."""
        for name in ("b", "a1", "a2", "a3"):
            sqs.create_queue(QueueName=name)
        assert sqs.list_queues(QueueNamePrefix="a")["QueueUrls"] == [
            URL + "a1",
            URL + "a2",
            URL + "a3",
        ]
        first = sqs.list_queues(MaxResults=3)
        assert len(first["QueueUrls"]) == 3
        second = sqs.list_queues(MaxResults=3, NextToken=first["NextToken"])
        assert second["QueueUrls"] == [URL + "b"]
        assert "NextToken" not in second
        pages = sqs.get_paginator("list_queues").paginate(PaginationConfig={"PageSize": 1})
        assert sum(len(p.get("QueueUrls", [])) for p in pages) == 4

    @pytest.mark.parametrize(("value", "ok"), [(1, True), (1000, True), (0, False), (1001, False)])
    def test_max_results_range(self, sqs: Any, value: int, ok: bool) -> None:
        """MaxResults is 1 to 1000."""
        if ok:
            sqs.list_queues(MaxResults=value)
        else:
            with pytest.raises(ClientError) as info:
                sqs.list_queues(MaxResults=value)
            assert code_of(info) == "InvalidParameterValue"

    def test_bad_url(self, sqs: Any) -> None:
        """A QueueUrl that is no URL is InvalidAddress; an unknown queue QueueDoesNotExist."""
        with pytest.raises(sqs.exceptions.InvalidAddress):
            sqs.send_message(QueueUrl="nonsense", MessageBody="x")
        with pytest.raises(sqs.exceptions.QueueDoesNotExist):
            sqs.send_message(QueueUrl=URL + "none", MessageBody="x")

    def test_any_host_same_path(self, sqs: Any) -> None:
        """A URL with another host (a local endpoint's) reaches the same queue."""
        sqs.create_queue(QueueName="q")
        sqs.send_message(QueueUrl="http://localhost:4566/123456789012/q", MessageBody="x")
        assert len(sqs.receive_message(QueueUrl=URL + "q")["Messages"]) == 1


class TestDeleteAndPurge:
    def test_delete_queue(self, sqs: Any) -> None:
        """A deleted queue is gone for every operation."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.delete_queue(QueueUrl=url)
        with pytest.raises(sqs.exceptions.QueueDoesNotExist):
            sqs.send_message(QueueUrl=url, MessageBody="x")
        with pytest.raises(sqs.exceptions.QueueDoesNotExist):
            sqs.delete_queue(QueueUrl=url)

    def test_purge_once_a_minute(self, cloud: Cloud, sqs: Any) -> None:
        """PurgeQueue empties the queue; another within 60 s is PurgeQueueInProgress."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="x")
        sqs.purge_queue(QueueUrl=url)
        assert "Messages" not in sqs.receive_message(QueueUrl=url)
        cloud.advance(59)
        with pytest.raises(sqs.exceptions.PurgeQueueInProgress) as info:
            sqs.purge_queue(QueueUrl=url)
        assert code_of(info) == "AWS.SimpleQueueService.PurgeQueueInProgress"
        cloud.advance(1)
        sqs.purge_queue(QueueUrl=url)


class TestAttributes:
    def test_set_and_get_named(self, cloud: Cloud, sqs: Any) -> None:
        """SetQueueAttributes changes values and LastModifiedTimestamp; a named get
        answers only those."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        cloud.advance(5)
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "7"})
        got = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["DelaySeconds", "LastModifiedTimestamp"]
        )["Attributes"]
        assert got == {"DelaySeconds": "7", "LastModifiedTimestamp": str(int(START) + 5)}

    def test_fifo_queue_cannot_change(self, sqs: Any) -> None:
        """FifoQueue is fixed at creation."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        with pytest.raises(ClientError):
            sqs.set_queue_attributes(QueueUrl=url, Attributes={"FifoQueue": "true"})

    def test_refused_set_changes_nothing(self, sqs: Any) -> None:
        """A refused SetQueueAttributes leaves every attribute as it was."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        with pytest.raises(ClientError):
            sqs.set_queue_attributes(
                QueueUrl=url, Attributes={"DelaySeconds": "5", "VisibilityTimeout": "99999"}
            )
        got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["DelaySeconds"])
        assert got["Attributes"] == {"DelaySeconds": "0"}

    def test_counts(self, cloud: Cloud, sqs: Any) -> None:
        """Visible, in-flight and delayed messages are counted apart, on the clock."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="a")
        sqs.send_message(QueueUrl=url, MessageBody="b")
        sqs.send_message(QueueUrl=url, MessageBody="c", DelaySeconds=10)
        sqs.receive_message(QueueUrl=url)

        def counts() -> list[str]:
            names = [
                "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed",
            ]
            got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
            return [got[n] for n in names]

        assert counts() == ["1", "1", "1"]
        cloud.advance(10)
        assert counts() == ["2", "1", "0"]
        cloud.advance(20)
        assert counts() == ["3", "0", "0"]


class TestTagsAndPermissions:
    def test_tags(self, sqs: Any) -> None:
        """Tags on create, TagQueue, UntagQueue and ListQueueTags."""
        url = sqs.create_queue(QueueName="q", tags={"a": "1"})["QueueUrl"]
        sqs.tag_queue(QueueUrl=url, Tags={"b": "2"})
        sqs.untag_queue(QueueUrl=url, TagKeys=["a", "zz"])
        assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"b": "2"}

    def test_tag_limit(self, sqs: Any) -> None:
        """50 tags per queue; the 51st is refused."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.tag_queue(QueueUrl=url, Tags={f"k{i}": "v" for i in range(50)})
        with pytest.raises(ClientError):
            sqs.tag_queue(QueueUrl=url, Tags={"one-more": "v"})

    def test_permissions(self, sqs: Any) -> None:
        """AddPermission writes a Policy statement; RemovePermission drops it."""
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.add_permission(
            QueueUrl=url, Label="l", AWSAccountIds=["111111111111"], Actions=["SendMessage"]
        )
        got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]
        statement = json.loads(got["Policy"])["Statement"][0]
        assert statement["Sid"] == "l"
        assert statement["Action"] == "SQS:SendMessage"
        with pytest.raises(ClientError):
            sqs.add_permission(
                QueueUrl=url, Label="l", AWSAccountIds=["111111111111"], Actions=["SendMessage"]
            )
        sqs.remove_permission(QueueUrl=url, Label="l")
        got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        assert "Policy" not in got


class TestEncryption:
    def test_kms_turns_sse_sqs_off(self, sqs: Any) -> None:
        """A KMS key replaces SSE-SQS and brings the data key reuse period; turning
        SSE-SQS back on drops the key."""
        url = sqs.create_queue(QueueName="k", Attributes={"KmsMasterKeyId": "alias/aws/sqs"})
        url = url["QueueUrl"]
        got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        assert got["SqsManagedSseEnabled"] == "false"
        assert got["KmsMasterKeyId"] == "alias/aws/sqs"
        assert got["KmsDataKeyReusePeriodSeconds"] == "300"
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"SqsManagedSseEnabled": "true"})
        got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        assert got["SqsManagedSseEnabled"] == "true"
        assert "KmsMasterKeyId" not in got

    @pytest.mark.parametrize(("value", "ok"), [("60", True), ("86400", True), ("59", False)])
    def test_reuse_period_range(self, sqs: Any, value: str, ok: bool) -> None:
        """KmsDataKeyReusePeriodSeconds is 60 to 86,400."""
        attrs = {"KmsMasterKeyId": "alias/aws/sqs", "KmsDataKeyReusePeriodSeconds": value}
        if ok:
            sqs.create_queue(QueueName="k", Attributes=attrs)
        else:
            with pytest.raises(sqs.exceptions.InvalidAttributeValue):
                sqs.create_queue(QueueName="k", Attributes=attrs)

"""SQS's refusals against answers recorded on AWS: one row per verified expectation,
each naming its source test (see ``_verified.py``). Every row fails if the code, the
text, the status or the QueryErrorCode drifts, or if a refused request changes state."""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.sqs._verified import MIB, World, refused, state

BATCH_ID_TEXT = (
    "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
    "It can be at most 80 letters long."
)
NO_DEDUP = (
    "The queue should either have ContentBasedDeduplication enabled or "
    "MessageDeduplicationId provided explicitly"
)
WRONG_TYPE = "The request include parameter that is not valid for this queue type."


def _delete_with_id(entry_id: str, w: World) -> Any:
    return w.sqs.delete_message_batch(
        QueueUrl=w.url("std"), Entries=[{"Id": entry_id, "ReceiptHandle": "testHandle1"}]
    )


def _send_with_attributes(attributes: dict[str, Any], w: World) -> Any:
    return w.sqs.send_message(
        QueueUrl=w.url("std"), MessageBody="test", MessageAttributes=attributes
    )


def _task_handle(source_arn: str) -> str:
    """A move task handle as AWS makes them: base64 of JSON taskId and sourceArn."""
    raw = json.dumps({"taskId": "10f57157-fc38-4da9-a113-4de7e12d05aa", "sourceArn": source_arn})
    return base64.b64encode(raw.encode()).decode()


def _dead_letter_std(w: World, messages: int) -> None:
    """Make std a dead-letter queue (of "src", maxReceiveCount 1) holding ``messages``."""
    arn = "arn:aws:sqs:us-east-1:123456789012:std"
    policy = json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 1})
    src = w.sqs.create_queue(QueueName="src", Attributes={"RedrivePolicy": policy})["QueueUrl"]
    for i in range(messages):
        w.sqs.send_message(QueueUrl=src, MessageBody=f"m{i}")
    for _ in range(2 * messages):
        w.sqs.receive_message(QueueUrl=src, VisibilityTimeout=0)


def _move_running(w: World) -> None:
    """A move task running (one message a second) from std, a DLQ of three, to dest."""
    _dead_letter_std(w, 3)
    w.sqs.create_queue(QueueName="dest")
    w.sqs.start_message_move_task(
        SourceArn="arn:aws:sqs:us-east-1:123456789012:std",
        DestinationArn="arn:aws:sqs:us-east-1:123456789012:dest",
        MaxNumberOfMessagesPerSecond=1,
    )


# -- refusals: (id, source, call, code, message, HTTP status, QueryErrorCode) --------------
Refusal = tuple[str, str, Callable[[World], Any], str, str, int, str]


def _batch_entries(n: int) -> list[dict[str, str]]:
    return [{"Id": f"m{i}", "MessageBody": f"b{i}"} for i in range(n)]


REFUSALS: list[Refusal] = [
    (
        "fifo-delay-5",
        "M test_send_message_delay_seconds_validation",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("fifo"),
            MessageBody="t",
            DelaySeconds=5,
            MessageGroupId="g",
            MessageDeduplicationId="a",
        ),
        "InvalidParameterValue",
        f"Value 5 for parameter DelaySeconds is invalid. Reason: {WRONG_TYPE}",
        400,
        "InvalidParameterValueException",
    ),
    (
        "fifo-delay-5-queue-delay",
        "M test_send_message_delay_seconds_validation (DelaySeconds 10 on the queue)",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("delayed"),
            MessageBody="t",
            DelaySeconds=5,
            MessageGroupId="g",
            MessageDeduplicationId="a",
        ),
        "InvalidParameterValue",
        f"Value 5 for parameter DelaySeconds is invalid. Reason: {WRONG_TYPE}",
        400,
        "InvalidParameterValueException",
    ),
    (
        "fifo-delay-2-cbd",
        "L test_fifo_queue_send_message_with_delay_seconds_fails",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("cbd"), MessageBody="message-1", MessageGroupId="1", DelaySeconds=2
        ),
        "InvalidParameterValue",
        f"Value 2 for parameter DelaySeconds is invalid. Reason: {WRONG_TYPE}",
        400,
        "InvalidParameterValueException",
    ),
    (
        "sse-kms-and-sqs",
        "L test_sse_kms_and_sqs_are_mutually_exclusive",
        lambda w: w.sqs.set_queue_attributes(
            QueueUrl=w.url("std"),
            Attributes={"KmsMasterKeyId": "testKeyId", "SqsManagedSseEnabled": "true"},
        ),
        "InvalidAttributeName",
        (
            "You can use one type of server-side encryption (SSE) at one time. You can either "
            "enable KMS SSE or SQS SSE."
        ),
        400,
        "InvalidAttributeName",
    ),
    (
        "redrive-arn-not-arn",
        "L test_invalid_dead_letter_arn_rejected_before_lookup",
        lambda w: w.sqs.create_queue(
            QueueName="src",
            Attributes={
                "RedrivePolicy": json.dumps({"deadLetterTargetArn": "dummy", "maxReceiveCount": 42})
            },
        ),
        "InvalidParameterValue",
        (
            'Value {"deadLetterTargetArn": "dummy", "maxReceiveCount": 42} for parameter '
            "RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn."
        ),
        400,
        "InvalidParameterValueException",
    ),
    (
        "purge-twice",
        "L test_successive_purge_calls_fail",
        lambda w: w.sqs.purge_queue(QueueUrl=w.url("std")),
        "AWS.SimpleQueueService.PurgeQueueInProgress",
        "Only one PurgeQueue operation on std is allowed every 60 seconds.",
        403,
        "PurgeQueueInProgress",
    ),
    (
        "message-over-queue-size",
        "L test_send_message_with_updated_maximum_message_size",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("std"),
            MessageBody="a" * (1024 - 8 + 1),
            MessageAttributes={"k": {"DataType": "String", "StringValue": "x"}},
        ),
        "InvalidParameterValue",
        "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.",
        400,
        "InvalidParameterValueException",
    ),
    (
        "message-over-default-size",
        "L test_send_oversized_message (1 MiB today)",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("std"),
            MessageBody="a" * (MIB - 8 + 1),
            MessageAttributes={"k": {"DataType": "String", "StringValue": "x"}},
        ),
        "InvalidParameterValue",
        f"One or more parameters are invalid. Reason: Message must be shorter than {MIB} bytes.",
        400,
        "InvalidParameterValueException",
    ),
    (
        "batch-too-long",
        "L test_send_message_batch_with_oversized_contents (1 MiB today)",
        lambda w: w.sqs.send_message_batch(
            QueueUrl=w.url("std"),
            Entries=[
                {
                    "Id": "1",
                    "MessageBody": "a" * (MIB - 8),
                    "MessageAttributes": {"k": {"DataType": "String", "StringValue": "x"}},
                },
                {"Id": "2", "MessageBody": "a"},
            ],
        ),
        "AWS.SimpleQueueService.BatchRequestTooLong",
        f"Batch requests cannot be longer than {MIB} bytes. You have sent {MIB + 1} bytes.",
        400,
        "BatchRequestTooLong",
    ),
    *[
        (
            f"delete-batch-bad-id-{n}",
            "L test_delete_message_batch_invalid_msg_id",
            functools.partial(_delete_with_id, bad),
            "AWS.SimpleQueueService.InvalidBatchEntryId",
            BATCH_ID_TEXT,
            400,
            "InvalidBatchEntryId",
        )
        for n, bad in enumerate(["", "testLongId" * 10, "invalid:id"])
    ],
    (
        "send-batch-bad-id",
        "L test_invalid_batch_id",
        lambda w: w.sqs.send_message_batch(
            QueueUrl=w.url("std"), Entries=[{"Id": "message:x1", "MessageBody": "b"}]
        ),
        "AWS.SimpleQueueService.InvalidBatchEntryId",
        BATCH_ID_TEXT,
        400,
        "InvalidBatchEntryId",
    ),
    (
        "send-batch-20",
        "L test_too_many_entries_in_batch_request",
        lambda w: w.sqs.send_message_batch(QueueUrl=w.url("std"), Entries=_batch_entries(20)),
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "Maximum number of entries per request are 10. You have sent 20.",
        400,
        "TooManyEntriesInBatchRequest",
    ),
    (
        "delete-batch-20",
        "L test_delete_message_batch_with_too_large_batch",
        lambda w: w.sqs.delete_message_batch(
            QueueUrl=w.url("std"),
            Entries=[{"Id": str(i), "ReceiptHandle": "h"} for i in range(20)],
        ),
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "Maximum number of entries per request are 10. You have sent 20.",
        400,
        "TooManyEntriesInBatchRequest",
    ),
    (
        "visibility-batch-20",
        "L test_change_message_visibility_batch_with_too_large_batch",
        lambda w: w.sqs.change_message_visibility_batch(
            QueueUrl=w.url("std"),
            Entries=[
                {"Id": str(i), "ReceiptHandle": "h", "VisibilityTimeout": 123} for i in range(20)
            ],
        ),
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "Maximum number of entries per request are 10. You have sent 20.",
        400,
        "TooManyEntriesInBatchRequest",
    ),
    (
        "receive-11",
        "L test_send_receive_max_number_of_messages",
        lambda w: w.sqs.receive_message(QueueUrl=w.url("std"), MaxNumberOfMessages=11),
        "InvalidParameterValue",
        (
            "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and "
            "10, if provided."
        ),
        400,
        "InvalidParameterValueException",
    ),
    (
        "fifo-batch-no-group",
        "L test_send_batch_missing_message_group_id_for_fifo_queue",
        lambda w: w.sqs.send_message_batch(
            QueueUrl=w.url("fifo"),
            Entries=[
                {
                    "Id": "a",
                    "MessageBody": "m",
                    "MessageGroupId": "g",
                    "MessageDeduplicationId": "1",
                },
                {"Id": "b", "MessageBody": "m", "MessageDeduplicationId": "2"},
            ],
        ),
        "InvalidParameterValue",
        "The request must contain the parameter MessageGroupId.",
        400,
        "InvalidParameterValueException",
    ),
    (
        "fifo-batch-no-dedup",
        "L test_send_batch_missing_deduplication_id_for_fifo_queue",
        lambda w: w.sqs.send_message_batch(
            QueueUrl=w.url("fifo"),
            Entries=[
                {
                    "Id": "a",
                    "MessageBody": "m",
                    "MessageGroupId": "g",
                    "MessageDeduplicationId": "1",
                },
                {"Id": "b", "MessageBody": "m", "MessageGroupId": "g"},
            ],
        ),
        "InvalidParameterValue",
        NO_DEDUP,
        400,
        "InvalidParameterValueException",
    ),
    (
        "fifo-no-dedup",
        "L test_posting_to_fifo_requires_deduplicationid_group_id",
        lambda w: w.sqs.send_message(QueueUrl=w.url("fifo"), MessageBody="m", MessageGroupId="g"),
        "InvalidParameterValue",
        NO_DEDUP,
        400,
        "InvalidParameterValueException",
    ),
    (
        "fifo-no-group",
        "L test_posting_to_fifo_requires_deduplicationid_group_id",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("fifo"), MessageBody="m", MessageDeduplicationId="d"
        ),
        "MissingParameter",
        "The request must contain the parameter MessageGroupId.",
        400,
        "MissingRequiredParameterException",
    ),
    (
        "recreate-other-delay",
        "L test_create_queue_with_different_attributes_raises_exception",
        lambda w: w.sqs.create_queue(QueueName="std", Attributes={"DelaySeconds": "2"}),
        "QueueAlreadyExists",
        (
            "A queue already exists with the same name and a different value for attribute "
            "DelaySeconds"
        ),
        400,
        "QueueNameExists",
    ),
    (
        "recreate-fifo-other-cbd",
        "L test_create_fifo_queue_with_different_attributes_raises_error",
        lambda w: w.sqs.create_queue(
            QueueName="cbd.fifo",
            Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "false"},
        ),
        "QueueAlreadyExists",
        (
            "A queue already exists with the same name and a different value for attribute "
            "ContentBasedDeduplication"
        ),
        400,
        "QueueNameExists",
    ),
    (
        "empty-string-attribute",
        "L test_send_message_with_empty_string_attribute",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("std"),
            MessageBody="test",
            MessageAttributes={"ErrorDetails": {"StringValue": "", "DataType": "String"}},
        ),
        "InvalidParameterValue",
        "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.",
        400,
        "InvalidParameterValueException",
    ),
    (
        "fifo-attribute-on-standard",
        "L test_set_unsupported_attribute_fifo",
        lambda w: w.sqs.set_queue_attributes(
            QueueUrl=w.url("std"), Attributes={"FifoQueue": "true"}
        ),
        "InvalidAttributeName",
        "Unknown Attribute FifoQueue.",
        400,
        "InvalidAttributeName",
    ),
    (
        "fifo-to-standard",
        "L test_set_unsupported_attribute_fifo",
        lambda w: w.sqs.set_queue_attributes(
            QueueUrl=w.url("fifo"), Attributes={"FifoQueue": "false"}
        ),
        "InvalidAttributeValue",
        "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.",
        400,
        "InvalidAttributeValue",
    ),
    (
        "no-such-queue-name",
        "L test_non_existent_queue",
        lambda w: w.sqs.get_queue_url(QueueName="nope"),
        "AWS.SimpleQueueService.NonExistentQueue",
        "The specified queue does not exist.",
        400,
        "QueueDoesNotExist",
    ),
    (
        "no-such-queue-url",
        "L test_non_existent_queue",
        lambda w: w.sqs.get_queue_attributes(QueueUrl=w.url("std") + "-nope"),
        "AWS.SimpleQueueService.NonExistentQueue",
        "The specified queue does not exist.",
        400,
        "QueueDoesNotExist",
    ),
    (
        "delete-garbage-handle",
        "L test_delete_message_with_illegal_receipt_handle",
        lambda w: w.sqs.delete_message(QueueUrl=w.url("std"), ReceiptHandle="garbage"),
        "ReceiptHandleIsInvalid",
        'The input receipt handle "garbage" is not a valid receipt handle.',
        400,
        "ReceiptHandleIsInvalid",
    ),
    (
        "recreate-after-delete",
        "L test_create_queue_recently_deleted",
        lambda w: w.sqs.create_queue(QueueName="std"),
        "AWS.SimpleQueueService.QueueDeletedRecently",
        (
            "You must wait 60 seconds after deleting a queue before you can create another "
            "with the same name."
        ),
        400,
        "QueueDeletedRecently",
    ),
    (
        "add-permission-label-twice",
        "L test_sqs_permission_lifecycle",
        lambda w: w.sqs.add_permission(
            QueueUrl=w.url("std"),
            AWSAccountIds=["668614515564"],
            Actions=["ReceiveMessage"],
            Label="crossaccountpermission",
        ),
        "InvalidParameterValue",
        "Value crossaccountpermission for parameter Label is invalid. Reason: Already exists.",
        400,
        "InvalidParameterValueException",
    ),
    (
        "remove-permission-no-label",
        "L test_sqs_permission_lifecycle",
        lambda w: w.sqs.remove_permission(QueueUrl=w.url("std"), Label="crossaccountpermission2"),
        "InvalidParameterValue",
        "Value crossaccountpermission2 for parameter Label is invalid. Reason: can't find label.",
        400,
        "InvalidParameterValueException",
    ),
    (
        "cancel-not-a-handle",
        "L test_sqs_move_task.py::test_cancel_with_invalid_task_handle",
        lambda w: w.sqs.cancel_message_move_task(TaskHandle="foobared"),
        "InvalidParameterValue",
        "Value for parameter TaskHandle is invalid.",
        400,
        "InvalidParameterValueException",
    ),
    (
        "cancel-source-missing",
        "L test_sqs_move_task.py::test_cancel_with_invalid_source_arn_in_task_handle",
        lambda w: w.sqs.cancel_message_move_task(
            TaskHandle=_task_handle(
                "arn:aws:sqs:us-east-1:878966065785:test-queue-doesnt-exist-123456"
            )
        ),
        "ResourceNotFoundException",
        "The resource that you specified for the SourceArn parameter doesn't exist.",
        404,
        "ResourceNotFoundException",
    ),
    (
        "cancel-task-missing",
        "L test_sqs_move_task.py::test_cancel_with_invalid_task_id_in_task_handle",
        lambda w: w.sqs.cancel_message_move_task(
            TaskHandle=_task_handle("arn:aws:sqs:us-east-1:123456789012:std")
        ),
        "ResourceNotFoundException",
        "Task does not exist.",
        404,
        "ResourceNotFoundException",
    ),
    (
        "move-from-non-dlq",
        "L test_sqs_move_task.py::test_source_needs_redrive_policy",
        lambda w: w.sqs.start_message_move_task(
            SourceArn="arn:aws:sqs:us-east-1:123456789012:std",
            DestinationArn="arn:aws:sqs:us-east-1:123456789012:dest",
        ),
        "InvalidParameterValue",
        "Source queue must be configured as a Dead Letter Queue.",
        400,
        "InvalidParameterValueException",
    ),
    (
        "move-destination-missing",
        "L test_sqs_move_task.py::test_destination_needs_to_exist",
        lambda w: w.sqs.start_message_move_task(
            SourceArn="arn:aws:sqs:us-east-1:123456789012:std",
            DestinationArn="arn:aws:sqs:us-east-1:123456789012:destdoesntexist",
        ),
        "ResourceNotFoundException",
        "The resource that you specified for the DestinationArn parameter doesn't exist.",
        404,
        "ResourceNotFoundException",
    ),
    (
        "move-twice",
        "L test_sqs_move_task.py::test_start_multiple_move_tasks",
        lambda w: w.sqs.start_message_move_task(
            SourceArn="arn:aws:sqs:us-east-1:123456789012:std",
            DestinationArn="arn:aws:sqs:us-east-1:123456789012:dest",
            MaxNumberOfMessagesPerSecond=1,
        ),
        "InvalidParameterValue",
        (
            "There is already a task running. Only one active task is allowed for a source queue "
            "arn at a given time."
        ),
        400,
        "InvalidParameterValueException",
    ),
]


#: What a refusal's row needs done first (the refused request is the row's call).
SETUP: dict[str, Callable[[World], Any]] = {
    "purge-twice": lambda w: w.sqs.purge_queue(QueueUrl=w.url("std")),
    "message-over-queue-size": lambda w: w.sqs.set_queue_attributes(
        QueueUrl=w.url("std"), Attributes={"MaximumMessageSize": "1024"}
    ),
    "recreate-after-delete": lambda w: w.sqs.delete_queue(QueueUrl=w.url("std")),
    "move-from-non-dlq": lambda w: w.sqs.create_queue(QueueName="dest"),
    "move-destination-missing": lambda w: _dead_letter_std(w, 0),
    "move-twice": lambda w: _move_running(w),
    "add-permission-label-twice": lambda w: w.sqs.add_permission(
        QueueUrl=w.url("std"),
        AWSAccountIds=["123456789012"],
        Actions=["ReceiveMessage"],
        Label="crossaccountpermission",
    ),
}


@pytest.mark.parametrize(
    ("row_id", "call", "code", "message", "status", "query_code"),
    [pytest.param(row[0], *row[2:], id=row[0]) for row in REFUSALS],
)
def test_refusal(
    world: World,
    row_id: str,
    call: Callable[[World], Any],
    code: str,
    message: str,
    status: int,
    query_code: str,
) -> None:
    """AWS's code, text, status and QueryErrorCode; nothing changes behind the refusal."""
    if row_id in SETUP:
        SETUP[row_id](world)
    before = state(world)
    response = refused(lambda: call(world))
    error = response["Error"]
    assert (error["Code"], error["Message"], error["QueryErrorCode"]) == (code, message, query_code)
    assert error["Type"] == "Sender"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert state(world) == before


# -- refusals whose code alone was checked on AWS: (id, source, call, code) ----------------
ATTRIBUTE_REFUSALS = [
    ("aWs.-prefix", {"aWs.-Invalid-attr": {"StringValue": "Valid", "DataType": "String"}}),
    ("AMAZON.-prefix", {"AMAZON.-Invalid-attr": {"StringValue": "Valid", "DataType": "String"}}),
    ("dot-prefix", {".-Invalid-attr": {"StringValue": "Valid", "DataType": "String"}}),
    *[
        (f"char-{n}", {f"Invalid-{ch}-attr": {"StringValue": "Valid", "DataType": "String"}})
        for n, ch in enumerate(["!", '"', "§", "(", "?"])
    ],
    ("name-257", {"L" * 257: {"StringValue": "Valid", "DataType": "String"}}),
    ("type-invalid", {"Attribute_name": {"StringValue": "Valid", "DataType": "Invalid"}}),
    (
        "type-too-long",
        {"Attribute_name": {"StringValue": "Valid", "DataType": "Number." + "L" * 256}},
    ),
    ("dot-suffix", {"Invalid.": {"StringValue": "Valid", "DataType": "String"}}),
]

CODE_ONLY: list[tuple[str, str, Callable[[World], Any], str]] = [
    (
        "body-bad-characters",
        "L test_send_message_with_invalid_payload_characters",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("std"), MessageBody=f"Invalid-{chr(0)}-{chr(8)}-{chr(19)}-{chr(65535)}"
        ),
        "InvalidMessageContents",
    ),
    (
        "attribute-bad-characters",
        "L test_invalid_string_attributes_cause_invalid_parameter_value_error",
        lambda w: w.sqs.send_message(
            QueueUrl=w.url("std"),
            MessageBody="test",
            MessageAttributes={
                "attr1": {"StringValue": f"Invalid-{chr(8)},{chr(11)}", "DataType": "String"}
            },
        ),
        "InvalidParameterValue",
    ),
    *[
        (
            f"attribute-{name}",
            "L test_send_message_with_invalid_string_attributes (AWS: a code with 'Invalid')",
            functools.partial(_send_with_attributes, attrs),
            "InvalidParameterValue",
        )
        for name, attrs in ATTRIBUTE_REFUSALS
    ],
    (
        "fifo-without-suffix",
        "L test_fifo_queue_requires_suffix",
        lambda w: w.sqs.create_queue(QueueName="invalid-x", Attributes={"FifoQueue": "true"}),
        "InvalidParameterValue",
    ),
    (
        "standard-with-suffix",
        "L test_standard_queue_cannot_have_fifo_suffix",
        lambda w: w.sqs.create_queue(QueueName="queue-x.fifo"),
        "InvalidParameterValue",
    ),
    (
        "name-with-slashes",
        "L test_disallow_queue_name_with_slashes",
        lambda w: w.sqs.create_queue(QueueName="queue/x/"),
        "InvalidParameterValue",
    ),
    (
        "visibility-invalid-handle",
        "L test_invalid_receipt_handle_should_return_error_message",
        lambda w: w.sqs.change_message_visibility(
            QueueUrl=w.url("std"), ReceiptHandle="INVALID", VisibilityTimeout=60
        ),
        "ReceiptHandleIsInvalid",
    ),
    (
        "empty-send-batch",
        "L test_send_message_batch_with_empty_list",
        lambda w: w.sqs.send_message_batch(QueueUrl=w.url("std"), Entries=[]),
        "AWS.SimpleQueueService.EmptyBatchRequest",
    ),
]


@pytest.mark.parametrize(
    ("call", "code"), [pytest.param(row[2], row[3], id=row[0]) for row in CODE_ONLY]
)
def test_refusal_code(world: World, call: Callable[[World], Any], code: str) -> None:
    """The code AWS answers (its text was not recorded); nothing changes."""
    before = state(world)
    assert refused(lambda: call(world))["Error"]["Code"] == code
    assert state(world) == before

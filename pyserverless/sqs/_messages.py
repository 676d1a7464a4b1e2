"""SQS's message texts, each with where it came from.

[D] documented by AWS; [O] observed in AWS answers quoted by public issues and SDK tests;
[?] unconfirmed (pyserverless's best wording where no AWS text was found).
"""

from __future__ import annotations

# [D] the JSON error example of "Interpreting Amazon SQS JSON API responses".
QUEUE_NOT_FOUND = "The specified queue does not exist."
# [O] CreateQueue with a name in use and other attributes.
QUEUE_EXISTS = (
    "A queue already exists with the same name and a different value for attribute {name}"
)
# [D] CreateQueue within 60 s of DeleteQueue of the name.
DELETED_RECENTLY = (
    "You must wait 60 seconds after deleting a queue before you can create another with the "
    "same name."
)
# [O] a second PurgeQueue within 60 s: the queue's name, HTTP 403 (LocalStack's AWS snapshot).
PURGE_IN_PROGRESS = "Only one PurgeQueue operation on {name} is allowed every 60 seconds."
# [O] CreateQueue with a name outside the pattern.
BAD_QUEUE_NAME = (
    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
)
# [O] a FIFO queue's name without .fifo, or FifoQueue on another name.
BAD_FIFO_NAME = (
    "The name of a FIFO queue can only include alphanumeric characters, hyphens, or "
    "underscores, must end with .fifo suffix and be 1 to 80 in length."
)
# [O] an attribute name SQS does not know.
UNKNOWN_ATTRIBUTE = "Unknown Attribute {name}."
# [O] a queue attribute's value out of range.
BAD_ATTRIBUTE = "Invalid value for the parameter {name}."
# [O] SetQueueAttributes with a KMS key and SqsManagedSseEnabled=true together
# (LocalStack's snapshot of AWS, test_sse_kms_and_sqs_are_mutually_exclusive).
SSE_BOTH = (
    "You can use one type of server-side encryption (SSE) at one time. You can either enable "
    "KMS SSE or SQS SSE."
)
# [O] FifoQueue=false set on a FIFO queue (LocalStack's test_set_unsupported_attribute_fifo,
# run against AWS); on a standard queue FifoQueue is an unknown attribute.
FIFO_IMMUTABLE = (
    "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported."
)
# [O] RedrivePolicy whose target does not exist.
REDRIVE_NO_TARGET = (
    "Value {value} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not "
    "exist."
)
# [O] RedrivePolicy whose deadLetterTargetArn is not an ARN, refused before any lookup
# (LocalStack's snapshot of AWS, test_invalid_dead_letter_arn_rejected_before_lookup).
REDRIVE_BAD_ARN = (
    "Value {value} for parameter RedrivePolicy is invalid. Reason: Invalid value for "
    "deadLetterTargetArn."
)
# [O] RedrivePolicy to a queue of the other type.
REDRIVE_TYPE = (
    "Value {value} for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be "
    "same type of queue as the source.."
)
# [O] RedrivePolicy that is not JSON with both members.
REDRIVE_BAD = (
    "Value {value} for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a "
    "valid JSON map."
)
# [O] maxReceiveCount out of 1..1000.
REDRIVE_COUNT = (
    "Value {value} for parameter RedrivePolicy is invalid. Reason: Invalid value for "
    "maxReceiveCount: {count}, valid values are from 1 to {top} both inclusive."
)
# [?] RedrivePolicy that the target's RedriveAllowPolicy refuses.
REDRIVE_NOT_ALLOWED = (
    "Value {value} for parameter RedrivePolicy is invalid. Reason: Queue {source} is not allowed "
    "to use {target} as a dead-letter queue."
)
# [O] RedriveAllowPolicy that is malformed.
ALLOW_BAD = "Value {value} for parameter RedriveAllowPolicy is invalid. Reason: {reason}"
# [O] the body missing or empty.
MISSING = "The request must contain the parameter {name}."
# [O] a message over the queue's size.
TOO_LONG = "One or more parameters are invalid. Reason: Message must be shorter than {size} bytes."
# [O] characters outside SQS's set.
BAD_CONTENTS = (
    "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | "
    "#xE000 to #xFFFD | #x10000 to #x10FFFF"
)
# [O] a parameter of the other queue type (MessageDeduplicationId on a standard queue).
WRONG_QUEUE_TYPE = "The request include parameter that is not valid for this queue type"
# [O] a per-message DelaySeconds on a FIFO queue.
FIFO_DELAY = (
    "Value {value} for parameter DelaySeconds is invalid. Reason: The request include parameter "
    "that is not valid for this queue type."
)
# [O] a group or deduplication id outside 1 to 128 printable ASCII characters.
BAD_FIFO_ID = (
    "Value {value} for parameter {name} is invalid. Reason: {name} can only include "
    "alphanumeric and punctuation characters. 1 to 128 in length."
)
# [O] a FIFO send without a deduplication id on a queue without content-based deduplication.
NO_DEDUP = (
    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId "
    "provided explicitly"
)
# [O] a parameter value out of range.
OUT_OF_RANGE = (
    "Value {value} for parameter {name} is invalid. Reason: Must be between {low} and {high}, "
    "if provided."
)
# [O] WaitTimeSeconds out of range (its own wording).
WAIT_RANGE = (
    "Value {value} for parameter WaitTimeSeconds is invalid. Reason: Must be >= {low} and "
    "<= {high}, if provided."
)
# [O] the ChangeMessageVisibility that would keep a message in flight over 12 hours.
TOTAL_VISIBILITY = (
    "Value {value} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout "
    "for the message is beyond the limit [{limit} seconds]."
)
# [O] ChangeMessageVisibility of a message deleted or no longer in flight.
NOT_IN_FLIGHT = (
    "Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is "
    "not available for visibility timeout change."
)
# [O] DeleteMessage on a FIFO queue with a handle whose visibility timeout has passed
# (LocalStack's snapshot of AWS, 2023-11).
HANDLE_EXPIRED = (
    "Value {handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."
)
# [O] a receipt handle SQS did not issue.
BAD_HANDLE = 'The input receipt handle "{handle}" is not a valid receipt handle.'
# [O] a batch with no entries.
EMPTY_BATCH = "There should be at least one {entry} in the request."
# [O] a batch with too many entries.
TOO_MANY_ENTRIES = "Maximum number of entries per request are {limit}. You have sent {count}."
# [O] two entries with one Id.
IDS_NOT_DISTINCT = "Id {id} repeated."
# [O] a batch entry Id outside the pattern.
BAD_ENTRY_ID = (
    "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can "
    "be at most 80 letters long."
)
# [O] a batch over the summed size (LocalStack's snapshot of AWS,
# test_send_message_batch_with_oversized_contents, 2023-11).
BATCH_TOO_LONG = "Batch requests cannot be longer than {limit} bytes. You have sent {size} bytes."
# [O] more message attributes than allowed.
TOO_MANY_ATTRIBUTES = (
    "Number of message attributes [{count}] exceeds the allowed maximum [{limit}]."
)
# [O] a message attribute without a value (LocalStack's
# test_send_message_with_empty_string_attribute, run against AWS: the String case).
ATTRIBUTE_NO_VALUE = (
    "Message (user) attribute '{name}' must contain a non-empty value of type '{type}'."
)
# [O] a message attribute type outside String / Number / Binary.
ATTRIBUTE_BAD_TYPE = (
    "The message attribute '{name}' has an invalid message attribute type, the set of supported "
    "type prefixes is Binary, Number, and String."
)
# [O] a Number attribute that is not a number.
ATTRIBUTE_BAD_NUMBER = "Can't convert value '{value}' to a number."
# [O] a message attribute name outside the rules.
ATTRIBUTE_BAD_NAME = "Message ({name}) contains invalid characters in the attribute name."
# [?] an attribute name reserved by AWS.
ATTRIBUTE_RESERVED = "Message attribute name '{name}' is reserved for use by SQS."
# [O] the tags limit.
TOO_MANY_TAGS = "Too many tags added for queue {name}."
# [O] the in-flight limit.
TOO_MANY_INFLIGHT = "Too many messages in flight."
# [O] ListQueues MaxResults out of range.
MAX_RESULTS = (
    "Value {value} for parameter MaxResults is invalid. Reason: MaxResults must be an integer "
    "between 1 and 1000."
)
# [O] NextToken without MaxResults, or one SQS did not issue.
BAD_TOKEN = "Invalid NextToken value."
# [?] a queue URL that is not an SQS queue URL.
BAD_ADDRESS = "The address {url} is not valid for this endpoint."
# [O] StartMessageMoveTask from a queue that is no dead-letter queue.
NOT_A_DLQ = "Source queue must be configured as a Dead Letter Queue."
# [O] a second move task on one source.
TASK_RUNNING = (
    "There is already a task running. Only one active task is allowed for a source queue arn "
    "at a given time."
)
# [?] a task handle that names no task.
TASK_NOT_FOUND = "Task does not exist."
# [O] a move task's queue that does not exist (LocalStack's test_sqs_move_task.py
# snapshots of AWS, 2024-01): {name} is SourceArn or DestinationArn.
TASK_QUEUE_MISSING = "The resource that you specified for the {name} parameter doesn't exist."
# [O] CancelMessageMoveTask with a handle that is not one (same source).
BAD_TASK_HANDLE = "Value for parameter TaskHandle is invalid."
# [?] cancelling a finished task.
TASK_NOT_RUNNING = "Only active tasks can be cancelled."
# [?] an ARN that is not an SQS queue ARN.
BAD_ARN = "Value {value} for parameter {name} is invalid. Reason: Invalid ARN."
# [?] what pyserverless answers for a feature it does not emulate.
NOT_EMULATED = "pyserverless's SQS does not support {what}."

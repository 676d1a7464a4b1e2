"""EventBridge Scheduler's message texts, each with where it came from.

[O] observed in AWS answers quoted by public issues; [?] unconfirmed (pyserverless's
best wording where no AWS text was found).
"""

from __future__ import annotations

# [O] CreateSchedule / UpdateSchedule with a malformed expression (quoted in LocalStack
# issue 9284 as "ValidationException: Invalid Schedule Expression <expression>").
BAD_EXPRESSION = "Invalid Schedule Expression {expression}."
# [?] a ScheduleExpressionTimezone that is not an IANA time zone name.
BAD_TIMEZONE = "Invalid ScheduleExpressionTimezone {timezone}."
# [?] FlexibleTimeWindow FLEXIBLE without a window.
WINDOW_REQUIRED = "MaximumWindowInMinutes must be provided when Mode is FLEXIBLE."
# [?] FlexibleTimeWindow OFF with a window.
WINDOW_NOT_ALLOWED = "MaximumWindowInMinutes must not be provided when Mode is OFF."
# [?] EndDate not after StartDate.
END_BEFORE_START = "The StartDate must be before the EndDate."
# [?] a target pyserverless does not deliver to (Lambda functions and SQS queues only,
# until the other services exist).
UNSUPPORTED_TARGET = (
    "Target {arn} is not supported by pyserverless's EventBridge Scheduler: "
    "only Lambda function and SQS queue ARNs are."
)
# [?] a FIFO queue target without SqsParameters.MessageGroupId.
SQS_GROUP_REQUIRED = "SqsParameters.MessageGroupId is required for an SQS FIFO queue target."
# [?] SqsParameters for a target that is not a FIFO queue.
SQS_PARAMETERS_NOT_FIFO = "SqsParameters is only valid for an SQS FIFO queue target."
# [?] a DeadLetterConfig that is not a standard queue ("EventBridge Scheduler does not
# support using a FIFO queue as your schedule's DLQ").
BAD_DEAD_LETTER = "DeadLetterConfig.Arn {arn} must be the ARN of a standard SQS queue."
# [?] a member pyserverless does not honour (refused, never stored and ignored).
UNSUPPORTED_MEMBER = "{member} is not supported by pyserverless's EventBridge Scheduler."
# [?] a Lambda target's Input that is not JSON (AWS documents that it must be).
BAD_INPUT = "Input must be a well-formed JSON for a Lambda target."
# [O] GetSchedule / UpdateSchedule on a missing schedule (quoted in aws-sdk-js-v3 issue 5720
# and other public reports).
SCHEDULE_NOT_FOUND = "Schedule {name} does not exist."
# [?] a schedule group that does not exist.
GROUP_NOT_FOUND = "Schedule group {name} does not exist."
# [?] CreateSchedule on a name the group already has.
SCHEDULE_EXISTS = "Schedule {name} already exists."
# [?] CreateScheduleGroup on an existing name.
GROUP_EXISTS = "Schedule group {name} already exists."
# [?] DeleteScheduleGroup default.
DELETE_DEFAULT_GROUP = "Cannot delete the default schedule group."
# [?] a quota reached.
QUOTA = "The request exceeds the service quota for {what}."
# [?] a NextToken this engine did not issue.
BAD_TOKEN = "The NextToken provided is invalid."
# [?] tagging anything but a schedule group.
BAD_TAG_ARN = "Invalid ResourceArn {arn}: only schedule groups can be tagged."
# [?] a name the model's pattern does not match in full (AWS's usual envelope).
BAD_NAME = (
    "1 validation error detected: Value '{value}' at '{member}' failed to satisfy "
    "constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$"
)

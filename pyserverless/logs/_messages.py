"""CloudWatch Logs' message texts, each with where it comes from.

[D] documented by AWS, [O] observed in AWS's answers (quoted in issues and SDK tests),
[?] unconfirmed: the closest text found, kept in one place so that a capture can fix it.
"""

from __future__ import annotations

#: [O] CreateLogGroup / CreateLogStream on a name in use.
GROUP_EXISTS = "The specified log group already exists"
STREAM_EXISTS = "The specified log stream already exists"
#: [O] every operation naming a missing group / stream.
GROUP_NOT_FOUND = "The specified log group does not exist."
STREAM_NOT_FOUND = "The specified log stream does not exist."
#: [O] PutLogEvents with events out of order.
NOT_CHRONOLOGICAL = "Log events in a single PutLogEvents request must be in chronological order."
#: [?] PutLogEvents whose accepted events span more than 24 hours.
SPAN = "The batch of log events in a single PutLogEvents request cannot span more than 24 hours."
#: [?] PutLogEvents over 1,048,576 bytes (messages in UTF-8 plus 26 bytes per event).
TOO_LARGE = "Upload too large: {size} bytes exceeds limit of {limit}"
#: [O] PutRetentionPolicy with a value outside the list (Coral's validation envelope).
RETENTION = (
    "1 validation error detected: Value '{days}' at 'retentionInDays' failed to satisfy "
    "constraint: Member must satisfy enum value set: [{allowed}]"
)
#: [?] DescribeLogStreams ordered by LastEventTime with a name prefix.
ORDER_WITH_PREFIX = "Cannot order by LastEventTime with a logStreamNamePrefix."
#: [?] both forms of one parameter, or neither. BOTH_NAMES and BOTH_PATTERNS [O]: the
#: LocalStack suite's captures from AWS (test_logs_streams / test_logs_groups, 2026-02).
BOTH_NAMES = "LogGroup name and LogGroup ARN are mutually exclusive parameters."
NO_NAME = "Should provide either name or identifier."
BOTH_PATTERNS = "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters."
BOTH_IDENTIFIERS = (
    "logGroupIdentifiers is mutually exclusive with logGroupNamePrefix and logGroupNamePattern."
)
BOTH_STREAMS = "Cannot specify both logStreamNames and logStreamNamePrefix."
#: [O] a token this service did not hand out.
BAD_TOKEN = "The specified nextToken is invalid."
#: [?] the start of a time range after its end.
BAD_RANGE = "Start time must be less than or equal to end time."
#: [O] a bare term with a character other than letters, digits and _ (AWS quotes the
#: character: "Invalid character(s) in term ':'"); [?] the other parse failures.
BAD_PATTERN = "Invalid character(s) in term '{term}'"
BAD_FILTER = "Invalid filter pattern: {why}"
#: [?] tags: more than 50 on one resource.
TOO_MANY_TAGS = "A resource can have no more than 50 tags."
#: [?] tag resource ARN of something that is not a log group.
BAD_ARN = "Invalid resource arn: {arn}"
#: [?] log groups per Region.
GROUP_QUOTA = "Resource limit exceeded."
#: [?] DeleteLogGroup on a group with deletion protection.
PROTECTED = "Cannot delete log group {name} because deletion protection is enabled."
#: Operations of the Logs model not emulated (Logs Insights, subscriptions, metric filters...).
NOT_BUILT = "{operation} is not supported by pyserverless's CloudWatch Logs."

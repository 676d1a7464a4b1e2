"""CloudWatch Logs answers checked against captures from AWS, one row per expectation.

Every row names its source: the LocalStack suite's snapshot files recorded against AWS
(``tests/aws/services/logs/test_logs_{groups,streams,events,filter_events}.snapshot.json`` in
localstack/localstack, recorded 2026-02), whose requests are in the matching ``.py``
files. A row runs its set-up calls, then its call, and asserts AWS's answer: the error's
code, message and status, or the members of the response. Each runs on both doors
(``cloud.client`` and boto3 through ``mock_aws``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from tests.conftest import DOORS, door_client

NOW = 1_711_368_000  # 2024-03-25 12:00 UTC
NOW_MS = NOW * 1000
ARN = "arn:aws:logs:us-east-1:123456789012:log-group:"
GROUP = [("create_log_group", {"logGroupName": "g"})]
STREAM = [*GROUP, ("create_log_stream", {"logGroupName": "g", "logStreamName": "s"})]
SRC_GROUPS = "localstack tests/aws/services/logs/test_logs_groups"
SRC_STREAMS = "localstack tests/aws/services/logs/test_logs_streams"
SRC_EVENTS = "localstack tests/aws/services/logs/test_logs_events"
SRC_FILTER = "localstack tests/aws/services/logs/test_logs_filter_events"


class Row(NamedTuple):
    id: str
    source: str
    setup: list[tuple[str, dict[str, Any]]]
    op: str
    params: dict[str, Any]
    #: (code, message, status) for a refusal, else the members the answer must hold.
    expect: tuple[str, str, int] | dict[str, Any]
    #: Members the answer must not hold.
    absent: tuple[str, ...] = ()


def _group_row(**extra: Any) -> dict[str, Any]:
    return {"logGroupName": "g", "arn": ARN + "g:*", "logGroupArn": ARN + "g", **extra}


ROWS = [
    Row("create-group-duplicate", f"{SRC_GROUPS}::test_create_log_group_duplicate_error",
        GROUP, "create_log_group", {"logGroupName": "g"},
        ("ResourceAlreadyExistsException", "The specified log group already exists", 400)),
    Row("create-group-513", f"{SRC_GROUPS}::test_create_log_group_invalid_name_length",
        [], "create_log_group", {"logGroupName": "a" * 513},
        ("InvalidParameterException",
         "Invalid LogGroup or LogStream, both must have length less than or equal to 512.",
         400)),
    Row("create-group-512", "the accepted side of the row above", [], "create_log_group",
        {"logGroupName": "a" * 512}, {}),
    Row("create-stream-513", "the same sentence names both (test_logs_groups, 2026-02)",
        GROUP, "create_log_stream", {"logGroupName": "g", "logStreamName": "s" * 513},
        ("InvalidParameterException",
         "Invalid LogGroup or LogStream, both must have length less than or equal to 512.",
         400)),
    Row("describe-by-prefix", f"{SRC_GROUPS}::test_describe_log_groups_with_prefix",
        GROUP, "describe_log_groups", {"logGroupNamePrefix": "g"},
        {"logGroups": [_group_row(creationTime=NOW_MS, metricFilterCount=0, storedBytes=0,
                                  logGroupClass="STANDARD", deletionProtectionEnabled=False)]}),
    Row("describe-by-pattern", f"{SRC_GROUPS}::test_describe_log_groups_with_pattern",
        GROUP, "describe_log_groups", {"logGroupNamePattern": "g"},
        {"logGroups": [_group_row(creationTime=NOW_MS, metricFilterCount=0,
                                  logGroupClass="STANDARD")]}),
    Row("prefix-and-pattern", f"{SRC_GROUPS}::test_describe_log_groups_prefix_and_pattern_error",
        GROUP, "describe_log_groups", {"logGroupNamePrefix": "g", "logGroupNamePattern": "g"},
        ("InvalidParameterException",
         "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.",
         400)),
    Row("list-groups-no-match", f"{SRC_GROUPS}::test_list_log_groups_with_pattern",
        GROUP, "list_log_groups", {"logGroupNamePattern": "no-such-group"}, {"logGroups": []}),
    Row("tags-after-create", f"{SRC_GROUPS}::test_create_log_group_with_tags",
        [("create_log_group", {"logGroupName": "g", "tags": {"env": "testing"}})],
        "list_tags_log_group", {"logGroupName": "g"}, {"tags": {"env": "testing"}}),
    Row("create-stream-duplicate", f"{SRC_STREAMS}::test_create_log_stream_duplicate_error",
        STREAM, "create_log_stream", {"logGroupName": "g", "logStreamName": "s"},
        ("ResourceAlreadyExistsException", "The specified log stream already exists", 400)),
    Row("streams-by-identifier-arn",
        f"{SRC_STREAMS}::test_describe_log_streams_with_log_group_identifier",
        STREAM, "describe_log_streams", {"logGroupIdentifier": ARN + "g"},
        {"logStreams": [{"logStreamName": "s", "creationTime": NOW_MS, "storedBytes": 0,
                         "arn": ARN + "g:log-stream:s"}]}),
    Row("streams-name-and-identifier",
        f"{SRC_STREAMS}::test_describe_log_streams_with_log_group_identifier",
        STREAM, "describe_log_streams", {"logGroupName": "g", "logGroupIdentifier": "g"},
        ("ValidationException",
         "LogGroup name and LogGroup ARN are mutually exclusive parameters.", 400)),
    Row("put-to-missing-stream", f"{SRC_EVENTS}::test_put_log_events_to_invalid_stream",
        GROUP, "put_log_events",
        {"logGroupName": "g", "logStreamName": "invalid-stream",
         "logEvents": [{"timestamp": NOW_MS, "message": "test"}]},
        ("ResourceNotFoundException", "The specified log stream does not exist.", 400)),
    Row("put-out-of-order", f"{SRC_EVENTS}::test_put_log_events_wrong_order",
        STREAM, "put_log_events",
        {"logGroupName": "g", "logStreamName": "s",
         "logEvents": [{"timestamp": NOW_MS, "message": "Message 0"},
                       {"timestamp": NOW_MS - 2 * 86_400_000, "message": "Message 1"}]},
        ("InvalidParameterException",
         "Log events in a single PutLogEvents request must be in chronological order.", 400)),
    Row("put-too-old", f"{SRC_EVENTS}::test_put_log_events_too_old", STREAM, "put_log_events",
        {"logGroupName": "g", "logStreamName": "s",
         "logEvents": [{"timestamp": NOW_MS - 30 * 86_400_000, "message": "Old message"}]},
        {"rejectedLogEventsInfo": {"tooOldLogEventEndIndex": 1}}),
    Row("put-too-new", f"{SRC_EVENTS}::test_put_log_events_too_new", STREAM, "put_log_events",
        {"logGroupName": "g", "logStreamName": "s",
         "logEvents": [{"timestamp": NOW_MS + 86_400_000, "message": "Future message"}]},
        {"rejectedLogEventsInfo": {"tooNewLogEventStartIndex": 0}}),
    Row("get-bad-token", f"{SRC_EVENTS}::test_get_log_events_invalid_token", STREAM,
        "get_log_events", {"logGroupName": "g", "logStreamName": "s", "nextToken": "invalid-token"},
        ("InvalidParameterException", "The specified nextToken is invalid.", 400)),
    Row("get-limit-10001", f"{SRC_EVENTS}::test_get_log_events_limit_validation", STREAM,
        "get_log_events", {"logGroupName": "g", "logStreamName": "s", "limit": 10001},
        ("InvalidParameterException",
         ("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: "
          "Member must have value less than or equal to 10000"), 400)),
    Row("get-limit-10000", "the accepted side of the row above", STREAM, "get_log_events",
        {"logGroupName": "g", "logStreamName": "s", "limit": 10000}, {"events": []}),
    Row("get-missing-group", f"{SRC_EVENTS}::test_resource_does_not_exist", [],
        "get_log_events", {"logGroupName": "g", "logStreamName": "s"},
        ("ResourceNotFoundException", "The specified log group does not exist.", 400)),
    Row("get-missing-stream", f"{SRC_EVENTS}::test_resource_does_not_exist", GROUP,
        "get_log_events", {"logGroupName": "g", "logStreamName": "s"},
        ("ResourceNotFoundException", "The specified log stream does not exist.", 400)),
    Row("get-by-identifier-arn", f"{SRC_EVENTS}::test_get_log_events_using_log_group_identifier",
        STREAM, "get_log_events", {"logGroupIdentifier": ARN + "g", "logStreamName": "s"},
        {"events": []}),
    Row("filter-limit-10001", f"{SRC_FILTER}::test_filter_log_events_limit_validation", GROUP,
        "filter_log_events", {"logGroupName": "g", "limit": 10001},
        ("InvalidParameterException",
         ("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: "
          "Member must have value less than or equal to 10000"), 400)),
    Row("filter-limit-10000", "the accepted side of the row above", GROUP, "filter_log_events",
        {"logGroupName": "g", "limit": 10000}, {"events": []}),
    Row("filter-bad-token", f"{SRC_FILTER}::test_filter_log_events_unknown_token", STREAM,
        "filter_log_events",
        {"logGroupName": "g", "logStreamNames": ["s"], "limit": 20, "nextToken": "invalid-token"},
        ("InvalidParameterException", "The specified nextToken is invalid.", 400)),
]  # fmt: skip


@pytest.fixture(params=DOORS)
def logs(request: pytest.FixtureRequest) -> Iterator[Any]:
    with door_client(request.param, Cloud(clock=ManualClock(NOW)), "logs") as client:
        yield client


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_verified(logs: Any, row: Row) -> None:
    """AWS's answer to the row's request (source in the row)."""
    for op, params in row.setup:
        getattr(logs, op)(**params)
    call = getattr(logs, row.op)
    if isinstance(row.expect, tuple):
        with pytest.raises(ClientError) as info:
            call(**row.params)
        err = info.value.response
        got = (err["Error"]["Code"], err["Error"]["Message"])
        assert (*got, err["ResponseMetadata"]["HTTPStatusCode"]) == row.expect
        return
    answer = call(**row.params)
    for member, value in row.expect.items():
        assert answer[member] == value, member
    for member in row.absent:
        assert member not in answer


def test_pattern_search_leaves_out_bytes_and_protection(logs: Any) -> None:
    """logGroupNamePattern answers no storedBytes or deletionProtectionEnabled (the
    describe-log-groups-pattern capture); a prefix search answers both."""
    logs.create_log_group(logGroupName="g")
    (by_pattern,) = logs.describe_log_groups(logGroupNamePattern="g")["logGroups"]
    (by_prefix,) = logs.describe_log_groups(logGroupNamePrefix="g")["logGroups"]
    assert {"storedBytes", "deletionProtectionEnabled"}.isdisjoint(by_pattern)
    assert {"storedBytes", "deletionProtectionEnabled"} <= set(by_prefix)

"""``cloud.client("logs")``: boto3's CloudWatch Logs client, over the engine.

Each operation is one call of the engine's method of the same name.

>>> from pyserverless import Cloud
>>> logs = Cloud.manual().client("logs")
>>> _ = logs.create_log_group(logGroupName="/app")
>>> _ = logs.create_log_stream(logGroupName="/app", logStreamName="web")
>>> [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]]
['/app']
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core import shapes as _shapes
from .._core.client import Params, Response, ServiceClient, operation
from ._engine import CloudWatchLogs
from ._errors import LogsError

__all__ = ["LogsClient"]

#: AWS's own sentence for a group or stream name over 512 characters [O] (the LocalStack
#: suite's capture from AWS, test_logs_groups::test_create_log_group_invalid_name_length,
#: 2026-02), in place of the model's constraint envelope.
NAME_TOO_LONG = "Invalid LogGroup or LogStream, both must have length less than or equal to 512."
_NAME_MEMBERS = ("' at 'logGroupName' ", "' at 'logStreamName' ")


def _long_names(problems: list[str]) -> str:
    """CreateLogGroup/CreateLogStream: a name over 512 is AWS's sentence, the rest the envelope."""
    for problem in problems:
        if problem.endswith("less than or equal to 512") and any(
            m in problem for m in _NAME_MEMBERS
        ):
            return NAME_TOO_LONG
    return _shapes.envelope(problems)


for _operation in ("CreateLogGroup", "CreateLogStream"):
    _shapes._REWORDED[("logs", _operation)] = _long_names


class LogsClient(ServiceClient):
    """boto3's ``logs`` client: log groups, streams, events, retention and tags."""

    service_name: ClassVar[str] = "logs"
    error_base: ClassVar[type[LogsError]] = LogsError

    def __init__(self, cloud: Any, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: CloudWatchLogs = cloud.engine("logs", region_name)

    @operation("CreateLogGroup")
    def create_log_group(self, params: Params) -> Response:
        """Create an empty log group.

        CreateLogGroup. Required: ``logGroupName``. Optional: ``tags``, ``logGroupClass`` (STANDARD,
        INFREQUENT_ACCESS, DELIVERY, ESSENTIALS), ``kmsKeyId`` (kept and described, no
        encryption here) and ``deletionProtectionEnabled``. Answers nothing.
        """
        return self._engine.create_log_group(params)

    @operation("DeleteLogGroup")
    def delete_log_group(self, params: Params) -> Response:
        """Delete a log group with its streams and events.

        DeleteLogGroup. Required: ``logGroupName``. Refused while deletion protection is on.
        """
        return self._engine.delete_log_group(params)

    @operation("DescribeLogGroups")
    def describe_log_groups(self, params: Params) -> Response:
        """List log groups by name.

        DescribeLogGroups. Optional: ``logGroupNamePrefix`` or ``logGroupNamePattern``
        (a case-sensitive substring), or ``logGroupIdentifiers`` (names or ARNs); ``logGroupClass``,
        ``limit`` (up to 50), ``nextToken``. Returns ``logGroups`` and, when more remain,
        ``nextToken``.
        """
        return self._engine.describe_log_groups(params)

    @operation("ListLogGroups")
    def list_log_groups(self, params: Params) -> Response:
        """List log group summaries (name, ARN, class), the newer listing call.

        ListLogGroups. Optional: ``logGroupNamePattern`` (up to five ``|``-separated
        alternatives, each a substring or, with ``^``, a prefix), ``logGroupClass``,
        ``logGroupTags`` (key and optional values), ``limit`` (up to 1,000, default 50)
        and ``nextToken``. Returns ``logGroups`` and, when more remain, ``nextToken``.
        """
        return self._engine.list_log_groups(params)

    @operation("PutLogGroupDeletionProtection")
    def put_log_group_deletion_protection(self, params: Params) -> Response:
        """Turn a log group's deletion protection on or off.

        PutLogGroupDeletionProtection. Required: ``logGroupIdentifier`` (name or ARN)
        and ``deletionProtectionEnabled``.
        """
        return self._engine.put_log_group_deletion_protection(params)

    @operation("CreateLogStream")
    def create_log_stream(self, params: Params) -> Response:
        """Create an empty log stream in a log group.

        CreateLogStream. Required: ``logGroupName`` and ``logStreamName``.
        """
        return self._engine.create_log_stream(params)

    @operation("DeleteLogStream")
    def delete_log_stream(self, params: Params) -> Response:
        """Delete a log stream and its events.

        DeleteLogStream. Required: ``logGroupName`` and ``logStreamName``.
        """
        return self._engine.delete_log_stream(params)

    @operation("DescribeLogStreams")
    def describe_log_streams(self, params: Params) -> Response:
        """List a log group's streams with their first and last event times.

        DescribeLogStreams. Required: ``logGroupName`` or ``logGroupIdentifier``. Optional:
        ``logStreamNamePrefix``, ``orderBy`` (LogStreamName or LastEventTime, which
        takes no prefix), ``descending``, ``limit`` (up to 50), ``nextToken``. Returns
        ``logStreams`` and, when more remain, ``nextToken``.
        """
        return self._engine.describe_log_streams(params)

    @operation("PutLogEvents")
    def put_log_events(self, params: Params) -> Response:
        """Write a batch of events, oldest first, into a log stream.

        PutLogEvents. Required: ``logGroupName``, ``logStreamName`` and ``logEvents``
        (``timestamp`` in ms and ``message``; up to 10,000 events and 1,048,576 bytes,
        24 hours apart at most). ``sequenceToken`` is ignored, as AWS now ignores it.
        Events more than 14 days old, past the retention or 2 hours ahead are skipped
        and reported in ``rejectedLogEventsInfo``. Returns ``nextSequenceToken``.
        """
        return self._engine.put_log_events(params)

    @operation("GetLogEvents")
    def get_log_events(self, params: Params) -> Response:
        """Read one log stream's events, a page at a time in either direction.

        GetLogEvents. Required: ``logStreamName`` and ``logGroupName`` or ``logGroupIdentifier``.
        Optional: ``startTime`` (inclusive), ``endTime`` (exclusive), ``limit``,
        ``startFromHead`` (default false: the newest events) and ``nextToken`` (an
        ``f/...`` or ``b/...`` token from an answer). Returns ``events``,
        ``nextForwardToken`` and ``nextBackwardToken``; at the end the same token comes
        back.
        """
        return self._engine.get_log_events(params)

    @operation("FilterLogEvents")
    def filter_log_events(self, params: Params) -> Response:
        """Search a log group's streams for events that match a filter pattern.

        FilterLogEvents. Required: ``logGroupName`` or ``logGroupIdentifier``. Optional:
        ``logStreamNames`` or ``logStreamNamePrefix``, ``startTime``, ``endTime`` (both
        inclusive), ``filterPattern`` (terms, quoted phrases, ``-term``, ``?a ?b``, JSON
        ``{ $.level = "ERROR" }``, ``[space, delimited]`` or ``%regex%``), ``limit``,
        ``startFromHead`` and ``nextToken``. Returns ``events`` (with ``eventId`` and
        ``logStreamName``) and, when more remain, ``nextToken``.
        """
        return self._engine.filter_log_events(params)

    @operation("TestMetricFilter")
    def test_metric_filter(self, params: Params) -> Response:
        """Try a filter pattern on sample messages.

        TestMetricFilter. Required: ``filterPattern`` and ``logEventMessages``. Returns ``matches``
        (``eventNumber``, from 1, and ``eventMessage``).
        """
        return self._engine.test_metric_filter(params)

    @operation("PutRetentionPolicy")
    def put_retention_policy(self, params: Params) -> Response:
        """Set how many days a log group keeps its events.

        PutRetentionPolicy. Required: ``logGroupName`` and ``retentionInDays`` (1, 3, 5,
        7, 14, 30, ... 3653). Expired events are removed by a sweep on the Cloud's clock.
        """
        return self._engine.put_retention_policy(params)

    @operation("DeleteRetentionPolicy")
    def delete_retention_policy(self, params: Params) -> Response:
        """Keep a log group's events for ever again.

        DeleteRetentionPolicy. Required: ``logGroupName``.
        """
        return self._engine.delete_retention_policy(params)

    @operation("TagLogGroup")
    def tag_log_group(self, params: Params) -> Response:
        """Add or replace a log group's tags (AWS's older tagging call).

        TagLogGroup. Required: ``logGroupName`` and ``tags`` (at most 50 on a group).
        """
        return self._engine.tag_log_group(params)

    @operation("UntagLogGroup")
    def untag_log_group(self, params: Params) -> Response:
        """Remove tags from a log group by key (older tagging call).

        UntagLogGroup. Required: ``logGroupName`` and ``tags`` (a list of keys).
        """
        return self._engine.untag_log_group(params)

    @operation("ListTagsLogGroup")
    def list_tags_log_group(self, params: Params) -> Response:
        """Read a log group's tags (older tagging call).

        ListTagsLogGroup. Required: ``logGroupName``. Returns ``tags``.
        """
        return self._engine.list_tags_log_group(params)

    @operation("TagResource")
    def tag_resource(self, params: Params) -> Response:
        """Add or replace tags on a log group named by ARN.

        TagResource. Required: ``resourceArn`` (``arn:aws:logs:...:log-group:<name>``) and ``tags``.
        """
        return self._engine.tag_resource(params)

    @operation("UntagResource")
    def untag_resource(self, params: Params) -> Response:
        """Remove tags by key from a log group named by ARN.

        UntagResource. Required: ``resourceArn`` and ``tagKeys``.
        """
        return self._engine.untag_resource(params)

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, params: Params) -> Response:
        """Read the tags of a log group named by ARN.

        ListTagsForResource. Required: ``resourceArn``. Returns ``tags``.
        """
        return self._engine.list_tags_for_resource(params)

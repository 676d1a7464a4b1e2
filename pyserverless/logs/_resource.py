"""``cloud.logs``: CloudWatch Logs' groups, streams and events as Python objects.

Every call goes through the boto3-shaped client, so what is made here is what the
client and the wire see, and Lambda's function logs are here too.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> fn = cloud.lambda_.create_function("f", handler=lambda event, context: print("hi"))
>>> _ = fn.invoke({})
>>> group = cloud.logs.group("/aws/lambda/f")
>>> group
<LogGroup '/aws/lambda/f' streams=1>
>>> [e.message for e in group.events(pattern="hi")]
['hi\\n']
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._client import LogsClient
    from ._engine import CloudWatchLogs

__all__ = ["LogEvent", "LogGroup", "LogStream", "LogsResource"]


@attrs.frozen
class LogEvent:
    """One event as FilterLogEvents answers it (times in milliseconds)."""

    timestamp: int
    message: str
    ingestion_time: int
    stream: str
    event_id: str


class LogStream:
    """One log stream: ``events()``, ``put(...)``, ``delete()``.

    >>> from pyserverless import Cloud
    >>> stream = Cloud.manual().logs.create_group("/app").stream("web")
    >>> stream.put("one", "two")
    >>> stream, [e.message for e in stream.events()]
    (<LogStream 'web' in '/app'>, ['one', 'two'])
    """

    __slots__ = ("_client", "group", "name")

    def __init__(self, client: LogsClient, group: str, name: str) -> None:
        self._client = client
        #: The names of the stream's group and of the stream.
        self.group = group
        self.name = name

    def events(self) -> list[LogEvent]:
        """Every event of the stream, oldest first."""
        return LogGroup(self._client, self.group).events(streams=[self.name])

    def put(self, *messages: str, timestamp: int | None = None) -> None:
        """PutLogEvents: ``messages`` at ``timestamp`` (ms; default the Cloud's clock)."""
        engine: CloudWatchLogs = self._client._engine
        when = engine.now_ms() if timestamp is None else timestamp
        self._client.put_log_events(
            logGroupName=self.group,
            logStreamName=self.name,
            logEvents=[{"timestamp": when, "message": m} for m in messages],
        )

    def delete(self) -> None:
        """DeleteLogStream."""
        self._client.delete_log_stream(logGroupName=self.group, logStreamName=self.name)

    def __repr__(self) -> str:
        return f"<LogStream {self.name!r} in {self.group!r}>"


class LogGroup:
    """One log group: ``streams``, ``stream(name)``, ``events(...)``, retention, ``delete()``."""

    __slots__ = ("_client", "name")

    def __init__(self, client: LogsClient, name: str) -> None:
        self._client = client
        self.name = name

    def describe(self) -> dict[str, Any]:
        """The group's DescribeLogGroups entry."""
        found = self._client.describe_log_groups(logGroupIdentifiers=[self.name])["logGroups"]
        if not found:
            self._client.list_tags_log_group(logGroupName=self.name)  # the not-found error
        return dict(found[0])

    @property
    def streams(self) -> list[LogStream]:
        """The group's streams, by name."""
        out: list[LogStream] = []
        params: dict[str, Any] = {"logGroupName": self.name}
        while True:
            page = self._client.describe_log_streams(**params)
            out.extend(
                LogStream(self._client, self.name, s["logStreamName"]) for s in page["logStreams"]
            )
            if "nextToken" not in page:
                return out
            params["nextToken"] = page["nextToken"]

    def stream(self, name: str) -> LogStream:
        """The stream of that name (made when missing)."""
        with contextlib.suppress(self._client.exceptions.ResourceAlreadyExistsException):
            self._client.create_log_stream(logGroupName=self.name, logStreamName=name)
        return LogStream(self._client, self.name, name)

    def events(
        self,
        *,
        pattern: str | None = None,
        start: int | None = None,
        end: int | None = None,
        streams: Iterable[str] | None = None,
        stream_prefix: str | None = None,
    ) -> list[LogEvent]:
        """FilterLogEvents, every page: events matching ``pattern`` (all when None),
        oldest first, between ``start`` and ``end`` (ms, inclusive)."""
        params: dict[str, Any] = {"logGroupName": self.name}
        optional = {
            "filterPattern": pattern,
            "startTime": start,
            "endTime": end,
            "logStreamNames": None if streams is None else list(streams),
            "logStreamNamePrefix": stream_prefix,
        }
        params.update({k: v for k, v in optional.items() if v is not None})
        out: list[LogEvent] = []
        while True:
            page = self._client.filter_log_events(**params)
            out.extend(
                LogEvent(
                    e["timestamp"],
                    e["message"],
                    e["ingestionTime"],
                    e["logStreamName"],
                    e["eventId"],
                )
                for e in page["events"]
            )
            if "nextToken" not in page:
                return out
            params["nextToken"] = page["nextToken"]

    @property
    def retention_days(self) -> int | None:
        """The retention period in days (None: events never expire)."""
        value = self.describe().get("retentionInDays")
        return None if value is None else int(value)

    @retention_days.setter
    def retention_days(self, days: int | None) -> None:
        if days is None:
            self._client.delete_retention_policy(logGroupName=self.name)
        else:
            self._client.put_retention_policy(logGroupName=self.name, retentionInDays=days)

    def delete(self) -> None:
        """DeleteLogGroup."""
        self._client.delete_log_group(logGroupName=self.name)

    def __repr__(self) -> str:
        engine: CloudWatchLogs = self._client._engine
        count = len(engine.group_streams(self.name))
        return f"<LogGroup {self.name!r} streams={count}>"


class LogsResource:
    """``cloud.logs``: create, get and list log groups with Python values.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> _ = cloud.logs.create_group("/app/web", tags={"team": "shop"})
    >>> cloud.logs.groups(prefix="/app"), cloud.logs
    ([<LogGroup '/app/web' streams=0>], <LogsResource us-east-1: 1 log groups>)
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self._client: LogsClient = cloud.client("logs", region)
        self._engine: CloudWatchLogs = cloud.engine("logs", region)

    def create_group(
        self,
        name: str,
        *,
        retention_days: int | None = None,
        tags: dict[str, str] | None = None,
    ) -> LogGroup:
        """CreateLogGroup (and PutRetentionPolicy when ``retention_days`` is given)."""
        params: dict[str, Any] = {"logGroupName": name}
        if tags:
            params["tags"] = tags
        self._client.create_log_group(**params)
        group = LogGroup(self._client, name)
        if retention_days is not None:
            group.retention_days = retention_days
        return group

    def group(self, name: str) -> LogGroup:
        """The log group of that name (ResourceNotFoundException if there is none)."""
        self._client.list_tags_log_group(logGroupName=name)
        return LogGroup(self._client, name)

    def groups(self, prefix: str | None = None) -> list[LogGroup]:
        """Every log group (whose name starts with ``prefix``), by name."""
        params: dict[str, Any] = {} if prefix is None else {"logGroupNamePrefix": prefix}
        out: list[LogGroup] = []
        while True:
            page = self._client.describe_log_groups(**params)
            out.extend(LogGroup(self._client, g["logGroupName"]) for g in page["logGroups"])
            if "nextToken" not in page:
                return out
            params["nextToken"] = page["nextToken"]

    def __repr__(self) -> str:
        with self._engine.lock:
            count = len(self._engine.groups)
        return f"<LogsResource {self._engine.region}: {count} log groups>"

"""The CloudWatch Logs engine: log groups, log streams, retention and tags (events in a mixin).

Every operation takes botocore's parameter dict and answers botocore's response dict;
each checks the whole request before it changes anything. This engine is the one store
of log groups in its Region: Lambda writes its functions' output here.

>>> from pyserverless import Cloud
>>> logs = Cloud.manual().engine("logs")
>>> logs.create_log_group({"logGroupName": "/app"})
{}
>>> logs.create_log_stream({"logGroupName": "/app", "logStreamName": "web"})
{}
>>> [g["logGroupName"] for g in logs.describe_log_groups({})["logGroups"]]
['/app']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._core.text import digits
from . import _messages as msg
from ._base import Params, Response, decode_token, encode_token
from ._errors import (
    InvalidParameterException,
    LimitExceededException,
    ResourceAlreadyExistsException,
    ResourceNotFoundException,
    TooManyTagsException,
    ValidationException,
)
from ._events import EventOps
from ._limits import RETENTION_DAYS
from ._store import GroupRecord, StoredEvent, StreamRecord, describe_stream

__all__ = ["CloudWatchLogs"]

_DAY_MS = 86_400_000


class CloudWatchLogs(EventOps):
    """CloudWatch Logs in one Region of a Cloud."""

    # -- log groups -------------------------------------------------------------------
    def create_log_group(self, params: Params) -> Response:
        """CreateLogGroup: a new, empty log group (tags, class and KMS key optional)."""
        name = str(params["logGroupName"])
        tags = dict(params.get("tags") or {})
        self._check_tag_count(len(tags))
        with self.lock:
            if name in self.groups:
                raise ResourceAlreadyExistsException(msg.GROUP_EXISTS)
            if len(self.groups) >= self.limits.max_log_groups:
                raise LimitExceededException(msg.GROUP_QUOTA)
            self._new_group(
                name,
                log_group_class=str(params.get("logGroupClass") or "STANDARD"),
                kms_key_id=params.get("kmsKeyId"),
                tags=tags,
                deletion_protection=bool(params.get("deletionProtectionEnabled", False)),
            )
        return {}

    def delete_log_group(self, params: Params) -> Response:
        """DeleteLogGroup: the group, its streams and their events."""
        with self.lock:
            group = self._group(str(params["logGroupName"]))
            if group.deletion_protection:
                raise ValidationException(msg.PROTECTED.format(name=group.name))
            del self.groups[group.name]
        return {}

    def put_log_group_deletion_protection(self, params: Params) -> Response:
        """PutLogGroupDeletionProtection: DeleteLogGroup refused while it is on."""
        with self.lock:
            group = self._group(self._name_from_identifier(str(params["logGroupIdentifier"])))
            group.deletion_protection = bool(params["deletionProtectionEnabled"])
        return {}

    def describe_log_groups(self, params: Params) -> Response:
        """DescribeLogGroups: groups by name, filtered by prefix, pattern or identifiers."""
        prefix = params.get("logGroupNamePrefix")
        pattern = params.get("logGroupNamePattern")
        idents = params.get("logGroupIdentifiers")
        if prefix is not None and pattern is not None:
            raise InvalidParameterException(msg.BOTH_PATTERNS)
        if idents is not None and (prefix is not None or pattern is not None):
            raise InvalidParameterException(msg.BOTH_IDENTIFIERS)
        wanted = None if idents is None else {self._name_from_identifier(i) for i in idents}
        after = decode_token(params["nextToken"], "groups") if "nextToken" in params else None
        klass = params.get("logGroupClass")
        size = self._page_size(params)
        with self.lock:
            rows = [
                g
                for name, g in sorted(self.groups.items())
                if (after is None or name > after)
                and (prefix is None or name.startswith(prefix))
                and (pattern is None or pattern in name)
                and (wanted is None or name in wanted)
                and (klass is None or g.log_group_class == klass)
            ]
            page = rows[:size]
            out: Response = {
                "logGroups": [self._describe_group(g, brief=pattern is not None) for g in page]
            }
        if len(rows) > size:
            out["nextToken"] = encode_token("groups", page[-1].name)
        return out

    def list_log_groups(self, params: Params) -> Response:
        """ListLogGroups: group summaries by name, filtered by patterns, class and tags."""
        match = _name_pattern(params.get("logGroupNamePattern"))
        klass = params.get("logGroupClass")
        tag_filters = params.get("logGroupTags") or []
        # No group here has a data source or a field index: such filters match none.
        nothing = bool(params.get("dataSources") or params.get("fieldIndexNames"))
        after = decode_token(params["nextToken"], "list") if "nextToken" in params else None
        size = min(int(params.get("limit") or 50), 1000)
        with self.lock:
            rows = [
                g
                for name, g in sorted(self.groups.items())
                if not nothing
                and (after is None or name > after)
                and match(name)
                and (klass is None or g.log_group_class == klass)
                and all(_tag_matches(g.tags, f) for f in tag_filters)
            ]
        page = rows[:size]
        out: Response = {
            "logGroups": [
                {
                    "logGroupName": g.name,
                    "logGroupArn": g.arn,
                    "logGroupClass": g.log_group_class,
                }
                for g in page
            ]
        }
        if len(rows) > size:
            out["nextToken"] = encode_token("list", page[-1].name)
        return out

    def _describe_group(self, group: GroupRecord, *, brief: bool = False) -> dict[str, Any]:
        """One DescribeLogGroups entry. Searched by ``logGroupNamePattern`` (``brief``), AWS
        leaves out ``storedBytes`` and ``deletionProtectionEnabled`` [O] (the LocalStack
        suite's captures from AWS, test_logs_groups, 2026-02; the API reference's "only
        arn, creationTime and logGroupName" is older than what AWS answers)."""
        out: dict[str, Any] = {
            "logGroupName": group.name,
            "creationTime": group.creation_time,
        }
        if group.retention_days is not None:
            out["retentionInDays"] = group.retention_days
        out["metricFilterCount"] = 0
        out["arn"] = group.arn + ":*"
        if not brief:
            out["storedBytes"] = sum(s.stored_bytes() for s in list(group.streams.values()))
        if group.kms_key_id is not None:
            out["kmsKeyId"] = group.kms_key_id
        out["logGroupClass"] = group.log_group_class
        out["logGroupArn"] = group.arn
        if not brief:
            out["deletionProtectionEnabled"] = group.deletion_protection
        return out

    # -- log streams ------------------------------------------------------------------
    def create_log_stream(self, params: Params) -> Response:
        """CreateLogStream: a new, empty stream in an existing group."""
        with self.lock:
            group = self._group(str(params["logGroupName"]))
            name = str(params["logStreamName"])
            if name in group.streams:
                raise ResourceAlreadyExistsException(msg.STREAM_EXISTS)
            group.add_stream(name, self.now_ms())
        return {}

    def delete_log_stream(self, params: Params) -> Response:
        """DeleteLogStream: the stream and its events."""
        with self.lock:
            group = self._group(str(params["logGroupName"]))
            stream = self._stream(group, str(params["logStreamName"]))
            del group.streams[stream.name]
        return {}

    def describe_log_streams(self, params: Params) -> Response:
        """DescribeLogStreams: by name (prefix) or by last event time, either way round."""
        order = params.get("orderBy", "LogStreamName")
        prefix = params.get("logStreamNamePrefix")
        if order == "LastEventTime" and prefix is not None:
            raise InvalidParameterException(msg.ORDER_WITH_PREFIX)
        descending = bool(params.get("descending", False))
        token = decode_token(params["nextToken"], "streams") if "nextToken" in params else None
        size = self._page_size(params)
        with self.lock:
            group = self._group(self._group_name(params))
            streams = [
                s for s in group.streams.values() if prefix is None or s.name.startswith(prefix)
            ]
        if order == "LastEventTime":
            # By time the order moves as events arrive: pages continue by position.
            streams.sort(key=_last_event_order, reverse=descending)
            start = _position(token, "i")
        else:
            # By name, a page continues after the last name, whatever was made since.
            streams.sort(key=lambda s: s.name, reverse=descending)
            last = None if token is None else _token_part(token, "n")
            start = 0
            if last is not None:  # the streams at or before the last name sent
                sent = (s.name >= last if descending else s.name <= last for s in streams)
                start = sum(sent)
        page = streams[start : start + size]
        out: Response = {"logStreams": [describe_stream(s) for s in page]}
        if start + size < len(streams):
            where = f"i/{start + size}" if order == "LastEventTime" else f"n/{page[-1].name}"
            out["nextToken"] = encode_token("streams", where)
        return out

    # -- retention --------------------------------------------------------------------
    def put_retention_policy(self, params: Params) -> Response:
        """PutRetentionPolicy: events older than the period are removed on the clock."""
        days = int(params["retentionInDays"])
        if days not in RETENTION_DAYS:
            raise InvalidParameterException(
                msg.RETENTION.format(days=days, allowed=", ".join(map(str, RETENTION_DAYS)))
            )
        with self.lock:
            self._group(str(params["logGroupName"])).retention_days = days
            if self._sweep_task is None:
                self._sweep_task = self.cloud.scheduler.call_later(
                    self.limits.retention_sweep_seconds,
                    self._sweep,
                    name="CloudWatch Logs retention sweep",
                    daemon=True,
                )
        return {}

    def delete_retention_policy(self, params: Params) -> Response:
        """DeleteRetentionPolicy: the group's events never expire again."""
        with self.lock:
            self._group(str(params["logGroupName"])).retention_days = None
        return {}

    def _sweep(self) -> None:
        """Remove expired events from every group with a retention period, then re-arm."""
        now = self.now_ms()
        with self.lock:
            self._sweep_task = None
            kept = [g for g in self.groups.values() if g.retention_days is not None]
            for group in kept:
                cutoff = now - int(group.retention_days or 0) * _DAY_MS
                for stream in list(group.streams.values()):
                    stream.trim(cutoff)
            if kept:
                self._sweep_task = self.cloud.scheduler.call_later(
                    self.limits.retention_sweep_seconds,
                    self._sweep,
                    name="CloudWatch Logs retention sweep",
                    daemon=True,
                )

    # -- tags -------------------------------------------------------------------------
    def tag_log_group(self, params: Params) -> Response:
        """TagLogGroup (deprecated by AWS for TagResource): add or replace tags."""
        return self._tag(self._group_checked(params["logGroupName"]), params["tags"])

    def untag_log_group(self, params: Params) -> Response:
        """UntagLogGroup: remove tags by key."""
        return self._untag(self._group_checked(params["logGroupName"]), params["tags"])

    def list_tags_log_group(self, params: Params) -> Response:
        """ListTagsLogGroup: a group's tags."""
        with self.lock:
            return {"tags": dict(self._group(str(params["logGroupName"])).tags)}

    def tag_resource(self, params: Params) -> Response:
        """TagResource: add or replace tags on a log group named by ARN."""
        return self._tag(self._group_by_arn(params["resourceArn"]), params["tags"])

    def untag_resource(self, params: Params) -> Response:
        """UntagResource: remove tags by key from a log group named by ARN."""
        return self._untag(self._group_by_arn(params["resourceArn"]), params["tagKeys"])

    def list_tags_for_resource(self, params: Params) -> Response:
        """ListTagsForResource: the tags of a log group named by ARN."""
        group = self._group_by_arn(params["resourceArn"])
        with self.lock:
            return {"tags": dict(group.tags)}

    def _group_checked(self, name: str) -> GroupRecord:
        with self.lock:
            return self._group(str(name))

    def _group_by_arn(self, arn: str) -> GroupRecord:
        if not str(arn).startswith("arn:"):
            raise InvalidParameterException(msg.BAD_ARN.format(arn=arn))
        name = self._name_from_identifier(str(arn))
        with self.lock:
            group = self.groups.get(name)
            if group is None:
                raise ResourceNotFoundException(msg.GROUP_NOT_FOUND)
            return group

    def _check_tag_count(self, count: int) -> None:
        if count > self.limits.max_tags:
            raise TooManyTagsException(msg.TOO_MANY_TAGS)

    def _tag(self, group: GroupRecord, tags: dict[str, str]) -> Response:
        with self.lock:
            merged = {**group.tags, **tags}
            self._check_tag_count(len(merged))
            group.tags = merged
        return {}

    def _untag(self, group: GroupRecord, keys: list[str]) -> Response:
        with self.lock:
            group.tags = {k: v for k, v in group.tags.items() if k not in set(keys)}
        return {}

    # -- for other services (Lambda) --------------------------------------------------
    def writer_stream(self, group_name: str, stream_name: str) -> StreamRecord:
        """The stream a platform writes to, creating the group and the stream if missing.

        Lambda calls it when an execution environment starts, as AWS's Lambda creates
        ``/aws/lambda/<name>`` and its stream on the first invocation.
        """
        with self.lock:
            group = self.groups.get(group_name)
            if group is None:
                group = self._new_group(group_name)
            stream = group.streams.get(stream_name)
            if stream is None:
                stream = group.add_stream(stream_name, self.now_ms())
            return stream

    def group_events(self, group_name: str) -> list[StoredEvent]:
        """Every event of a group, streams in creation order (none if there is no group)."""
        with self.lock:
            group = self.groups.get(group_name)
        return [] if group is None else group.events()

    def group_streams(self, group_name: str) -> dict[str, StreamRecord]:
        """A group's streams by name (empty if there is no group)."""
        with self.lock:
            group = self.groups.get(group_name)
            return {} if group is None else dict(group.streams)


def _name_pattern(pattern: str | None) -> Callable[[str], bool]:
    """ListLogGroups' logGroupNamePattern: up to five alternatives separated by ``|``,
    each a case-sensitive substring, or a prefix when it starts with ``^``."""
    if not pattern:
        return lambda name: True
    parts = pattern.split("|")
    prefixes = [p[1:] for p in parts if p.startswith("^")]
    middles = [p for p in parts if not p.startswith("^")]
    return lambda name: any(name.startswith(p) for p in prefixes) or any(p in name for p in middles)


def _tag_matches(tags: dict[str, str], tag_filter: dict[str, Any]) -> bool:
    """A logGroupTags filter: the key is there, with one of the values when any are given."""
    key = tag_filter["key"]
    values = tag_filter.get("values") or []
    return key in tags and (not values or tags[key] in values)


def _token_part(token: str, kind: str) -> str:
    """The value of a DescribeLogStreams token of ``kind`` ("n": a name, "i": a position)."""
    found, _, value = token.partition("/")
    if found != kind:
        raise InvalidParameterException(msg.BAD_TOKEN)
    return value


def _position(token: str | None, kind: str) -> int:
    if token is None:
        return 0
    value = _token_part(token, kind)
    if not digits(value):
        raise InvalidParameterException(msg.BAD_TOKEN)
    return int(value)


def _last_event_order(stream: StreamRecord) -> tuple[int, str]:
    bounds = stream.bounds()
    return (bounds[1] if bounds is not None else stream.creation_time, stream.name)

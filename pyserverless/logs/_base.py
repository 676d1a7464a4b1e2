"""What every part of the CloudWatch Logs engine shares: its state and small helpers."""

from __future__ import annotations

import base64
import itertools
import threading
from typing import TYPE_CHECKING, Any

from . import _messages as msg
from ._errors import InvalidParameterException, ResourceNotFoundException, ValidationException
from ._limits import LogsLimits
from ._store import GroupRecord, StreamRecord

if TYPE_CHECKING:
    from .._core.scheduler import TaskHandle
    from ..cloud import Cloud

__all__ = ["LogsBase", "Params", "Response", "decode_token", "encode_token"]

Params = dict[str, Any]
Response = dict[str, Any]
_TOKEN_PREFIX = "pyserverless-logs"


def encode_token(kind: str, value: str) -> str:
    """An opaque paging token (base64 of the kind of listing and where it stopped)."""
    return base64.urlsafe_b64encode(f"{_TOKEN_PREFIX}:{kind}:{value}".encode()).decode()


def decode_token(token: str, kind: str) -> str:
    """The position a token of ``kind`` carries (InvalidParameterException otherwise)."""
    try:
        text = base64.urlsafe_b64decode(token.encode()).decode()
    except (ValueError, UnicodeError):
        raise InvalidParameterException(msg.BAD_TOKEN) from None
    prefix, _, rest = text.partition(":")
    found, _, value = rest.partition(":")
    if prefix != _TOKEN_PREFIX or found != kind:
        raise InvalidParameterException(msg.BAD_TOKEN)
    return value


class LogsBase:
    """The engine's state: log groups by name, under one lock."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.account_id = cloud.account_id
        self.limits: LogsLimits = cloud.limits.for_service("logs")
        self.lock = threading.RLock()
        self.groups: dict[str, GroupRecord] = {}
        self._stream_numbers = itertools.count(1)
        self._tokens = itertools.count(1)
        self._sweep_task: TaskHandle | None = None

    # -- names, ARNs, time ------------------------------------------------------------
    def group_arn(self, name: str) -> str:
        """``logGroupArn``: the group's ARN without the trailing ``:*``."""
        return f"arn:aws:logs:{self.region}:{self.account_id}:log-group:{name}"

    def now_ms(self) -> int:
        """The Cloud's clock in milliseconds."""
        return int(self.cloud.clock.time() * 1000)

    def _next_stream_number(self) -> int:
        return next(self._stream_numbers)

    def _new_group(self, name: str, **settings: Any) -> GroupRecord:
        group = GroupRecord(
            name,
            self.group_arn(name),
            self.now_ms(),
            number=self._next_stream_number,
            **settings,
        )
        self.groups[name] = group
        return group

    # -- lookups ----------------------------------------------------------------------
    def _group(self, name: str) -> GroupRecord:
        group = self.groups.get(name)
        if group is None:
            raise ResourceNotFoundException(msg.GROUP_NOT_FOUND)
        return group

    def _group_name(self, params: Params) -> str:
        """The group a request names by ``logGroupName`` or ``logGroupIdentifier``."""
        name = params.get("logGroupName")
        ident = params.get("logGroupIdentifier")
        if name is not None and ident is not None:
            # [O] a ValidationException, not InvalidParameter (DescribeLogStreams, 2026).
            raise ValidationException(msg.BOTH_NAMES)
        if name is None and ident is None:
            raise InvalidParameterException(msg.NO_NAME)
        if name is not None:
            return str(name)
        return self._name_from_identifier(str(ident))

    def _name_from_identifier(self, ident: str) -> str:
        """A group name from a name or an ARN (with or without ``:*``)."""
        if not ident.startswith("arn:"):
            return ident
        parts = ident.split(":", 6)
        if len(parts) < 7 or parts[2] != "logs" or parts[5] != "log-group":
            raise InvalidParameterException(msg.BAD_ARN.format(arn=ident))
        name = parts[6]
        return name[:-2] if name.endswith(":*") else name

    def _stream(self, group: GroupRecord, name: str) -> StreamRecord:
        stream = group.streams.get(name)
        if stream is None:
            raise ResourceNotFoundException(msg.STREAM_NOT_FOUND)
        return stream

    # -- paging -----------------------------------------------------------------------
    def _page_size(self, params: Params) -> int:
        limit = params.get("limit")
        cap = self.limits.max_describe_page
        return cap if limit is None else min(int(limit), cap)

    def _sequence_token(self) -> str:
        return f"{next(self._tokens):056d}"

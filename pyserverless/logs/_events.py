"""Log events: PutLogEvents, GetLogEvents, FilterLogEvents and TestMetricFilter."""

from __future__ import annotations

import itertools
import re
from typing import Any

import attrs

from .._core.text import digits
from . import _messages as msg
from ._base import LogsBase, Params, Response, decode_token, encode_token
from ._errors import InvalidParameterException
from ._filter import compile_pattern, match_all
from ._store import StoredEvent

__all__ = ["EventOps"]

_DAY_MS = 86_400_000
_GET_TOKEN = re.compile(r"([fb])/(\d{56})(?:/s)?")
_ZERO_KEY = 0


@attrs.frozen
class _Batch:
    """A checked PutLogEvents request: the events to store and what was rejected."""

    accepted: list[tuple[int, str]]
    rejected: dict[str, int]


class EventOps(LogsBase):
    """Writing and reading events."""

    # -- PutLogEvents -----------------------------------------------------------------
    def put_log_events(self, params: Params) -> Response:
        """PutLogEvents: a batch of events, in chronological order, into one stream."""
        events = [(int(e["timestamp"]), str(e["message"])) for e in params["logEvents"]]
        self._check_batch_size(events)
        if any(b[0] < a[0] for a, b in itertools.pairwise(events)):
            raise InvalidParameterException(msg.NOT_CHRONOLOGICAL)
        now = self.now_ms()
        with self.lock:
            group = self._group(str(params["logGroupName"]))
            stream = self._stream(group, str(params["logStreamName"]))
            batch = self._sort_out(events, now, group.retention_days)
            stream.put(batch.accepted, now)
            out: Response = {"nextSequenceToken": self._sequence_token()}
        if batch.rejected:
            out["rejectedLogEventsInfo"] = batch.rejected
        return out

    def _check_batch_size(self, events: list[tuple[int, str]]) -> None:
        limits = self.limits
        if len(events) > limits.max_batch_events:
            raise InvalidParameterException(
                "1 validation error detected: Value at 'logEvents' failed to satisfy "
                "constraint: Member must have length less than or equal to "
                f"{limits.max_batch_events}"
            )
        size = sum(len(m.encode("utf-8", "surrogatepass")) for _, m in events)
        size += limits.event_overhead_bytes * len(events)
        if size > limits.max_batch_bytes:
            raise InvalidParameterException(
                msg.TOO_LARGE.format(size=size, limit=limits.max_batch_bytes)
            )

    def _sort_out(self, events: list[tuple[int, str]], now: int, retention: int | None) -> _Batch:
        """Split a chronological batch into too old / expired / accepted / too new."""
        limits = self.limits
        too_old_end = expired_end = 0
        too_new_start = len(events)
        oldest = now - limits.max_past_ms
        kept_from = now - retention * _DAY_MS if retention is not None else None
        for index, (timestamp, _) in enumerate(events):
            if timestamp > now + limits.max_future_ms:
                too_new_start = index
                break
            if timestamp < oldest:
                too_old_end = index + 1
            elif kept_from is not None and timestamp < kept_from:
                expired_end = index + 1
        accepted = events[max(too_old_end, expired_end) : too_new_start]
        if accepted and accepted[-1][0] - accepted[0][0] > limits.max_batch_span_ms:
            raise InvalidParameterException(msg.SPAN)
        rejected: dict[str, int] = {}
        if too_new_start < len(events):
            rejected["tooNewLogEventStartIndex"] = too_new_start
        if too_old_end:
            rejected["tooOldLogEventEndIndex"] = too_old_end
        if expired_end:
            rejected["expiredLogEventEndIndex"] = expired_end
        return _Batch(accepted, rejected)

    # -- GetLogEvents -----------------------------------------------------------------
    def get_log_events(self, params: Params) -> Response:
        """GetLogEvents: one stream's events in a time range, by pages with f/ and b/ tokens."""
        start, end = params.get("startTime"), params.get("endTime")
        _check_range(start, end)
        token = params.get("nextToken")
        direction, position = _read_get_token(token) if token is not None else (None, None)
        with self.lock:
            group = self._group(self._group_name(params))
            stream = self._stream(group, str(params["logStreamName"]))
        limit = int(params.get("limit") or self.limits.max_events_page)
        if direction == "f" or (direction is None and params.get("startFromHead")):
            after = None if position is None else f"{position:056d}"
            window = stream.window(start, end, after=after, limit=limit)
            chosen = self._head(window, limit)
        else:
            before = None if position is None else f"{position:056d}"
            window = stream.window(start, end, before=before, limit=limit, from_end=True)
            chosen = self._tail(window, limit)
        if chosen:
            forward, backward = int(chosen[-1].key), int(chosen[0].key)
        elif position is not None:
            forward = position if direction == "f" else max(position - 1, 0)
            backward = position + 1 if direction == "f" else position
        else:
            forward = backward = _ZERO_KEY
        return {
            "events": [
                {"timestamp": e.timestamp, "message": e.message, "ingestionTime": e.ingestion}
                for e in chosen
            ],
            "nextForwardToken": f"f/{forward:056d}/s",
            "nextBackwardToken": f"b/{backward:056d}/s",
        }

    def _head(self, events: list[StoredEvent], limit: int) -> list[StoredEvent]:
        """The first events that fit ``limit`` and the answer's byte cap."""
        out: list[StoredEvent] = []
        size = 0
        for event in events[:limit]:
            size += len(event.message.encode("utf-8", "surrogatepass")) + 26
            if out and size > self.limits.max_page_bytes:
                break
            out.append(event)
        return out

    def _tail(self, events: list[StoredEvent], limit: int) -> list[StoredEvent]:
        """The last events that fit ``limit`` and the byte cap, oldest first."""
        return self._head(events[::-1][:limit], limit)[::-1]

    # -- FilterLogEvents --------------------------------------------------------------
    def filter_log_events(self, params: Params) -> Response:
        """FilterLogEvents: matching events of a group's streams, by timestamp."""
        names, prefix = params.get("logStreamNames"), params.get("logStreamNamePrefix")
        if names is not None and prefix is not None:
            raise InvalidParameterException(msg.BOTH_STREAMS)
        start, end = params.get("startTime"), params.get("endTime")
        _check_range(start, end)
        match = compile_pattern(params.get("filterPattern"))
        token = params.get("nextToken")
        backwards = params.get("startFromHead") is False
        after: int | None = None
        if token is not None:
            direction, _, key = decode_token(str(token), "filter").partition("/")
            if direction not in ("f", "b") or not digits(key):
                raise InvalidParameterException(msg.BAD_TOKEN)
            backwards, after = direction == "b", int(key)
        with self.lock:
            group = self._group(self._group_name(params))
            if names is not None:
                # [O] rds_exporter's FilterLogEvents on a missing stream name.
                for name in names:
                    self._stream(group, str(name))
            streams = [
                s
                for s in group.streams.values()
                if (names is None or s.name in names)
                and (prefix is None or s.name.startswith(prefix))
            ]
        # endTime is inclusive here ("later than this time are not returned").
        stop = None if end is None else int(end) + 1
        found = [
            (e, s.name)
            for s in streams
            for e in s.range(start, stop)
            if match is match_all or match(e.message)
        ]
        found.sort(key=lambda pair: pair[0].key, reverse=backwards)
        if after is not None:
            found = [
                p for p in found if (int(p[0].key) < after if backwards else int(p[0].key) > after)
            ]
        limit = int(params.get("limit") or self.limits.max_events_page)
        # As many as fit the answer's 1 MB, up to the limit.
        page = found[: len(self._head([e for e, _ in found[:limit]], limit))]
        out: Response = {
            "events": [
                {
                    "logStreamName": name,
                    "timestamp": e.timestamp,
                    "message": e.message,
                    "ingestionTime": e.ingestion,
                    "eventId": e.key,
                }
                for e, name in page
            ],
            "searchedLogStreams": [],
        }
        if len(found) > len(page):
            out["nextToken"] = encode_token(
                "filter", f"{'b' if backwards else 'f'}/{page[-1][0].key}"
            )
        return out

    # -- TestMetricFilter -------------------------------------------------------------
    def test_metric_filter(self, params: Params) -> Response:
        """TestMetricFilter: which of some messages a filter pattern matches."""
        match = compile_pattern(params.get("filterPattern"))
        matches: list[dict[str, Any]] = [
            {"eventNumber": number, "eventMessage": text, "extractedValues": {}}
            for number, text in enumerate(params["logEventMessages"], start=1)
            if match(text)
        ]
        return {"matches": matches}


def _check_range(start: Any, end: Any) -> None:
    if start is not None and end is not None and int(start) > int(end):
        raise InvalidParameterException(msg.BAD_RANGE)


def _read_get_token(token: str) -> tuple[str, int]:
    found = _GET_TOKEN.fullmatch(token)
    if found is None:
        raise InvalidParameterException(msg.BAD_TOKEN)
    return found.group(1), int(found.group(2))

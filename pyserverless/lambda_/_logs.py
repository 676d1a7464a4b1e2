"""Log groups and streams, and the platform lines AWS writes around each invocation.

Formats follow aws-facts B4 (fields separated by tabs)::

    START RequestId: <id> Version: $LATEST
    END RequestId: <id>
    REPORT RequestId: <id>\tDuration: 2.58 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\t...\t
"""

from __future__ import annotations

import threading

import attrs

__all__ = ["LogEvent", "LogGroup", "LogStream", "end_line", "report_line", "start_line"]


@attrs.frozen
class LogEvent:
    """One CloudWatch Logs event: a millisecond timestamp and the message."""

    timestamp: int
    message: str


def start_line(request_id: str, version: str) -> str:
    """The START line of an invocation.

    >>> start_line("r-1", "$LATEST")
    'START RequestId: r-1 Version: $LATEST'
    """
    return f"START RequestId: {request_id} Version: {version}"


def end_line(request_id: str) -> str:
    """The END line of an invocation."""
    return f"END RequestId: {request_id}"


def report_line(
    request_id: str,
    *,
    duration_ms: float,
    billed_ms: int,
    memory_mb: int,
    max_memory_mb: int,
    init_ms: float | None = None,
    status: str | None = None,
    error_type: str | None = None,
) -> str:
    """The REPORT line, with Init Duration on cold starts and Status on failures.

    >>> line = report_line("r-1", duration_ms=2.581, billed_ms=3, memory_mb=128, max_memory_mb=39)
    >>> line.split("\\t")
    ['REPORT RequestId: r-1', 'Duration: 2.58 ms', 'Billed Duration: 3 ms',
     'Memory Size: 128 MB', 'Max Memory Used: 39 MB', '']
    """
    line = (
        f"REPORT RequestId: {request_id}\tDuration: {duration_ms:.2f} ms\t"
        f"Billed Duration: {billed_ms} ms\tMemory Size: {memory_mb} MB\t"
        f"Max Memory Used: {max_memory_mb} MB"
    )
    if init_ms is not None:
        line += f"\tInit Duration: {init_ms:.2f} ms"
    if status is not None:
        line += f"\tStatus: {status}"
        if error_type is not None:
            line += f"\tError Type: {error_type}"
    # CloudWatch shows every field followed by a tab, the last one included.
    return line + "\t"


class LogStream:
    """The log stream of one execution environment."""

    __slots__ = ("_chunks", "_lock", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        # (timestamp, lines) per invocation; LogEvents are built when read.
        self._chunks: list[tuple[int, list[str]]] = []
        self._lock = threading.Lock()

    def extend(self, timestamp: int, lines: list[str]) -> None:
        self._chunks.append((timestamp, lines))  # list.append is atomic

    @property
    def events(self) -> list[LogEvent]:
        """The stream's events, oldest first."""
        chunks = list(self._chunks)
        return [LogEvent(ts, line) for ts, lines in chunks for line in lines]

    def __repr__(self) -> str:
        return f"<LogStream {self.name!r} events={len(self.events)}>"


class LogGroup:
    """``/aws/lambda/<function>``: one stream per execution environment, in creation order.

    >>> group = LogGroup("/aws/lambda/f")
    >>> group.stream("2025/01/01/[$LATEST]00").extend(0, ["hello"])
    >>> [e.message for e in group.events()]
    ['hello']
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.streams: dict[str, LogStream] = {}
        self._lock = threading.Lock()

    def stream(self, name: str) -> LogStream:
        with self._lock:
            found = self.streams.get(name)
            if found is None:
                found = self.streams[name] = LogStream(name)
            return found

    def events(self) -> list[LogEvent]:
        """Every event of every stream, oldest stream first."""
        with self._lock:
            streams = list(self.streams.values())
        out: list[LogEvent] = []
        for stream in streams:
            out.extend(stream.events)
        return out

    def __repr__(self) -> str:
        return f"<LogGroup {self.name!r} streams={len(self.streams)}>"

"""Log groups and streams, and the platform lines AWS writes around each invocation.

The store is CloudWatch Logs' (``pyserverless.logs``): ``LogStream`` is its stream, to
which an execution environment appends each invocation's :class:`InvocationLog` (its
lines are formatted only when someone reads them).

Formats follow aws-facts B4 (fields separated by tabs)::

    START RequestId: <id> Version: $LATEST
    END RequestId: <id>
    REPORT RequestId: <id>\tDuration: 2.58 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\t...\t
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ..logs import StreamRecord as LogStream
from ._logformat import platform_record

if TYPE_CHECKING:
    from ..logs import CloudWatchLogs

__all__ = [
    "InvocationLog",
    "LogEvent",
    "LogGroup",
    "LogStream",
    "end_line",
    "report_line",
    "start_line",
]


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


class InvocationLog:
    """The log lines of one invocation, kept as fields and formatted only when read.

    ``head`` holds the lines before START (init output, INIT_REPORT), ``output`` what the
    handler printed, ``note`` a platform line after it (the timeout message).

    >>> log = InvocationLog(["init"], "r-1", "$LATEST", "hi\\n", None)
    >>> log.report(1.0, 1, 128, 30, None, None, None)
    >>> log.lines()[:4]
    ['init', 'START RequestId: r-1 Version: $LATEST', 'hi', 'END RequestId: r-1']
    """

    __slots__ = (
        "billed_ms",
        "duration_ms",
        "error_type",
        "head",
        "init_ms",
        "json_time",
        "max_memory_mb",
        "memory_mb",
        "note",
        "output",
        "request_id",
        "status",
        "system",
        "version",
    )

    def __init__(
        self, head: list[str], request_id: str, version: str, output: str, note: str | None
    ) -> None:
        self.head = head
        self.request_id = request_id
        self.version = version
        self.output = output
        self.note = note
        #: JSON format: the platform records' time (None: Text format) and whether the
        #: system log level lets INFO platform records through.
        self.json_time: str | None = None
        self.system = True

    def report(
        self,
        duration_ms: float,
        billed_ms: int,
        memory_mb: int,
        max_memory_mb: int,
        init_ms: float | None,
        status: str | None,
        error_type: str | None,
    ) -> None:
        """Set the REPORT line's fields."""
        self.duration_ms = duration_ms
        self.billed_ms = billed_ms
        self.memory_mb = memory_mb
        self.max_memory_mb = max_memory_mb
        self.init_ms = init_ms
        self.status = status
        self.error_type = error_type

    def lines(self) -> list[str]:
        """START, the output, END and REPORT, as CloudWatch shows them."""
        if self.json_time is not None:
            return self._json_lines(self.json_time)
        rid = self.request_id
        lines = [*self.head, start_line(rid, self.version)]
        if self.output:
            lines.extend(self.output.splitlines())
        if self.note is not None:
            lines.append(self.note)
        lines.append(end_line(rid))
        lines.append(
            report_line(
                rid,
                duration_ms=self.duration_ms,
                billed_ms=self.billed_ms,
                memory_mb=self.memory_mb,
                max_memory_mb=self.max_memory_mb,
                init_ms=self.init_ms,
                status=self.status,
                error_type=self.error_type,
            )
        )
        return lines

    def messages(self) -> list[str]:
        """The CloudWatch Logs events' messages: in Text format each line ends with a
        newline, as Lambda's runtime writes it ("...Max Memory Used: 39 MB\\t\\n")."""
        lines = self.lines()
        return lines if self.json_time is not None else [line + "\n" for line in lines]

    def _json_lines(self, when: str) -> list[str]:
        """JSON format: platform.start, the output, platform.report (system INFO records)."""
        rid = self.request_id
        lines = list(self.head)
        if self.system:
            start = {"requestId": rid, "version": self.version}
            lines.append(platform_record("platform.start", when, start))
        if self.output:
            lines.extend(self.output.splitlines())
        if self.system:
            metrics: dict[str, float | int] = {
                "durationMs": round(self.duration_ms, 2),
                "billedDurationMs": self.billed_ms,
                "memorySizeMB": self.memory_mb,
                "maxMemoryUsedMB": self.max_memory_mb,
            }
            if self.init_ms is not None:
                metrics["initDurationMs"] = round(self.init_ms, 2)
            report: dict[str, object] = {
                "requestId": rid,
                "metrics": metrics,
                "status": self.status or "success",
            }
            if self.error_type is not None:
                report["errorType"] = self.error_type
            lines.append(platform_record("platform.report", when, report))
        return lines

    def __repr__(self) -> str:
        return f"<InvocationLog {self.request_id}>"


class LogGroup:
    """``/aws/lambda/<function>`` as Lambda sees it: a name over CloudWatch Logs' store.

    The group and a stream are made in Logs when an execution environment starts (AWS
    makes them on the first invocation, not at CreateFunction); reading goes to Logs,
    so a group deleted there reads as empty.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> group = LogGroup("/aws/lambda/f", cloud.engine("logs"))
    >>> group.streams
    {}
    >>> group.stream("2025/01/01/[$LATEST]00").extend(0, ["hello"])
    >>> [e.message for e in group.events()]
    ['hello']
    """

    __slots__ = ("_logs", "name")

    def __init__(self, name: str, logs: CloudWatchLogs) -> None:
        self.name = name
        self._logs = logs

    @property
    def streams(self) -> dict[str, LogStream]:
        """The group's streams by name, in creation order (empty before any invocation)."""
        return self._logs.group_streams(self.name)

    def stream(self, name: str) -> LogStream:
        """The stream called ``name``, made (with the group) when missing."""
        return self._logs.writer_stream(self.name, name)

    def events(self) -> list[LogEvent]:
        """Every event of every stream, oldest stream first (lines without Text format's
        final newline)."""
        return [
            LogEvent(e.timestamp, e.message[:-1] if e.message.endswith("\n") else e.message)
            for e in self._logs.group_events(self.name)
        ]

    def __repr__(self) -> str:
        return f"<LogGroup {self.name!r} streams={len(self.streams)}>"

"""InvokeWithResponseStream's answer: an event stream of ``PayloadChunk`` events and one
``InvokeComplete``, as Python events and as AWS's binary framing on the wire.

The framing is ``application/vnd.amazon.eventstream``: per message a prelude (total
length, headers length, CRC32 of the two), typed headers (``:event-type``,
``:message-type``, ``:content-type``), the payload, and a CRC32 of everything before it.
botocore's ``EventStream`` parser reads it on both doors.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["ResponseEventStream", "frame"]

#: A chunk is at most this large (AWS streams in pieces; a handler's buffered answer is
#: cut into chunks of this size).
CHUNK_BYTES = 32 * 1024


def _header(name: str, value: str) -> bytes:
    raw_name, raw_value = name.encode(), value.encode()
    # name length (1 byte), name, type 7 (string), value length (2 bytes), value
    return (
        struct.pack("!B", len(raw_name))
        + raw_name
        + struct.pack("!BH", 7, len(raw_value))
        + raw_value
    )


def frame(event_type: str, payload: bytes, content_type: str) -> bytes:
    """One event-stream message.

    >>> from botocore.eventstream import EventStreamBuffer
    >>> buffer = EventStreamBuffer()
    >>> buffer.add_data(frame("PayloadChunk", b"hi", "application/octet-stream"))
    >>> message = next(iter(buffer))
    >>> message.headers[":event-type"], message.payload
    ('PayloadChunk', b'hi')
    """
    headers = (
        _header(":event-type", event_type)
        + _header(":content-type", content_type)
        + _header(":message-type", "event")
    )
    total = 12 + len(headers) + len(payload) + 4
    prelude = struct.pack("!II", total, len(headers))
    prelude += struct.pack("!I", zlib.crc32(prelude))
    message = prelude + headers + payload
    return message + struct.pack("!I", zlib.crc32(message))


class ResponseEventStream:
    """The ``EventStream`` member: iterate it for events (as boto3's ``EventStream``);
    the wire reads its framed bytes.

    >>> stream = ResponseEventStream(b'{"ok": 1}', {})
    >>> list(stream)
    [{'PayloadChunk': {'Payload': b'{"ok": 1}'}}, {'InvokeComplete': {}}]
    """

    def __init__(self, payload: bytes, complete: Mapping[str, Any]) -> None:
        self._events: list[dict[str, Any]] = [
            {"PayloadChunk": {"Payload": payload[i : i + CHUNK_BYTES]}}
            for i in range(0, len(payload), CHUNK_BYTES)
        ]
        self._events.append({"InvokeComplete": dict(complete)})

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(list(self._events))

    def read(self) -> bytes:
        """The whole stream, framed as on the wire."""
        out = []
        for event in self._events:
            chunk = event.get("PayloadChunk")
            if chunk is not None:
                out.append(frame("PayloadChunk", chunk["Payload"], "application/octet-stream"))
            else:
                body = json.dumps(event["InvokeComplete"]).encode()
                out.append(frame("InvokeComplete", body, "application/json"))
        return b"".join(out)

    def close(self) -> None:
        """Nothing to release (the stream is in memory); as boto3's ``close()``."""

    def __repr__(self) -> str:
        return f"<ResponseEventStream {len(self._events)} events>"

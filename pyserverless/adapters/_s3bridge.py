"""The in-process door for S3: botocore's request handed to the wire with its Host kept
(botocore builds virtual-hosted URLs), and GetObject's body streamed back to botocore
chunk by chunk instead of copied (``mock_aws`` registers :func:`bridge_send` as an S3
client's ``before-send``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ._restxml import CHUNK

if TYPE_CHECKING:
    from ._wire import Dispatcher

__all__ = ["bridge_send"]


class _StreamRaw:
    """The ``raw`` of a streamed ``AWSResponse``: ``read(amt)`` and ``stream()`` over chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._left = b""

    def read(self, amt: int | None = None, decode_content: bool = True) -> bytes:
        if amt is None or amt < 0:
            data = self._left + b"".join(self._chunks)
            self._left = b""
            return data
        while len(self._left) < amt:
            nxt = next(self._chunks, None)
            if nxt is None:
                break
            self._left += nxt
        data, self._left = self._left[:amt], self._left[amt:]
        return data

    def stream(self, amt: int | None = None, decode_content: bool = True) -> Iterator[bytes]:
        while chunk := self.read(amt or CHUNK):
            yield chunk

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()


def bridge_send(dispatcher: Dispatcher, region: str | None, request: Any, **_: Any) -> Any:
    """The bridge's ``before-send`` for S3 clients: the URL's Host kept (virtual-hosted
    addressing) and a GetObject body streamed to botocore rather than copied."""
    from urllib.parse import unquote, urlsplit

    from botocore.awsrequest import AWSResponse

    from ._wire import WireRequest

    url: str = request.url
    body = request.body
    if body is None:
        body = b""
    elif isinstance(body, str):
        body = body.encode()
    elif hasattr(body, "read"):
        body = body.read()
    parts = urlsplit(url)
    from .bridge import _lower_headers

    headers = dict(_lower_headers(request.headers))
    headers.setdefault("host", parts.netloc)
    wire = WireRequest(
        method=request.method,
        path=unquote(parts.path) or "/",
        headers=headers,
        body=bytes(body),
        query=parts.query,
        trusted=True,
        region=region,
    )
    answer = dispatcher.handle(wire)
    raw: Any
    if answer.stream is not None:
        raw = _StreamRaw(iter(answer.stream))
    else:
        from .bridge import _RawBody

        raw = _RawBody(answer.body)
    return AWSResponse(url, answer.status, answer.headers, raw)

"""The fast bridge: answers botocore at ``before-call`` with the parsed response.

``mock_aws(cloud, fast=True)`` registers, besides the ``before-send`` handler, a
``before-call`` handler. botocore has validated and serialised the request by then;
the handler hands those bytes to the same :class:`~pyserverless.adapters.Dispatcher`
as the ``before-send`` path and, when the service speaks AWS JSON and the call
succeeds, returns what botocore's parser would have made of the answer -- built
straight from the client layer's result by a converter compiled from the output
shape, so the response body is never parsed back (json.loads and botocore's shape
walk are most of a client's cost on large responses).

The result is exactly the ``before-send`` path's, type for type: members in the
model's order, ``null`` members dropped, blobs as ``bytes``, timestamps through the
client's own timestamp parser, numbers as JSON would carry them, and the same
``ResponseMetadata`` (the body is still encoded once, for ``Content-Length`` and
``x-amz-crc32``). ``tests/adapters/test_fast_bridge.py`` proves it differentially.

An error answer is not parsed here: it is kept for the ``before-send`` handler of the
same call on the same thread, which returns it to botocore as the ``before-send`` path
does -- so modeled error fields, retries and ``ClientError`` are botocore's own,
and the engine is called once per attempt either way. REST-JSON services (Lambda)
always take the ``before-send`` path.
"""

from __future__ import annotations

import base64
import functools
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ._wire import Dispatcher, WireRequest, WireResponse

__all__ = ["FastPath"]

Convert = Callable[[Any], Any]


def _scalar(value: Any) -> Any:
    """A scalar as JSON would carry it (what the wire encoder writes, read back)."""
    if type(value) is str or type(value) is bool or type(value) is int:
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, set | frozenset | tuple):
        return [_scalar(v) for v in value]
    if isinstance(value, list):
        return [_scalar(v) for v in value]
    if isinstance(value, dict):
        return {k: _scalar(v) for k, v in value.items()}
    if hasattr(value, "timestamp"):
        return value.timestamp()
    return value


class _Converters:
    """Output-shape converters of one service, compiled once per shape."""

    def __init__(self, timestamp: Callable[[Any], Any], blob: Callable[[Any], Any]) -> None:
        self.timestamp = timestamp
        self.blob = blob
        self.done: dict[str, Convert] = {}

    def get(self, shape: Any) -> Convert:
        found = self.done.get(shape.name)
        if found is not None:
            return found
        kind = shape.type_name
        if kind == "structure" and not getattr(shape, "is_document_type", False):
            return self._structure(shape)
        if kind == "list":
            return self._list(shape)
        if kind == "map":
            return self._map(shape)
        if kind == "blob":
            return self._blob
        if kind == "timestamp":
            return self._timestamp
        return _scalar

    def _blob(self, value: Any) -> Any:
        if isinstance(value, bytes | bytearray | memoryview):
            return bytes(value)
        return self.blob(_scalar(value))

    def _timestamp(self, value: Any) -> Any:
        return self.timestamp(_scalar(value))

    def _structure(self, shape: Any) -> Convert:
        members: dict[str, tuple[int, str, Convert, bool]] = {}
        order = {name: i for i, name in enumerate(shape.members)}

        def convert(value: Any) -> Any:
            if type(value) is not dict:
                return _scalar(value) if not isinstance(value, dict) else convert(dict(value))
            out = {}
            for key, item in value.items():
                found = members.get(key)
                if found is not None and item is not None:
                    # a string stays itself: the commonest member, converted without a call
                    plain = found[3] and type(item) is str
                    out[found[1]] = item if plain else found[2](item)
            if len(out) > 1:
                keys = list(out)
                ranked = sorted(keys, key=order.__getitem__)
                if ranked != keys:
                    out = {k: out[k] for k in ranked}
            return out

        self.done[shape.name] = convert  # before the members: shapes may recurse
        for name, member in shape.members.items():
            wire_name = member.serialization.get("name", name)
            found = self.get(member)
            members[wire_name] = (order[name], name, found, found is _scalar)
        return convert

    def _list(self, shape: Any) -> Convert:
        cell: list[Convert] = []

        def convert(value: Any) -> Any:
            if not isinstance(value, list | tuple | set | frozenset):
                return _scalar(value)
            member = cell[0]
            return [member(v) for v in value]

        self.done[shape.name] = convert
        cell.append(self.get(shape.member))
        return convert

    def _map(self, shape: Any) -> Convert:
        cell: list[Convert] = []

        def convert(value: Any) -> Any:
            if not isinstance(value, dict):
                return _scalar(value)
            key, item = cell
            if key is _scalar:  # string keys (JSON's only kind) stay themselves
                return {k if type(k) is str else key(k): item(v) for k, v in value.items()}
            return {key(k): item(v) for k, v in value.items()}

        self.done[shape.name] = convert
        cell.extend((self.get(shape.key), self.get(shape.value)))
        return convert


@functools.cache
def _converters(service: str, timestamp: Any, blob: Any) -> _Converters:
    return _Converters(timestamp, blob)


class FastPath:
    """The ``before-call`` handler of one client, and the error it leaves for ``before-send``."""

    def __init__(self, dispatcher: Dispatcher, region: str | None, client: Any) -> None:
        self.dispatcher = dispatcher
        self.region = region
        self.parser = client._endpoint._response_parser_factory.create_parser(
            client.meta.service_model.protocol
        )
        self.service = client.meta.service_model.service_name
        self.protocol = client.meta.service_model.protocol
        self.pending = threading.local()
        self.converters: dict[str, Convert] = {}

    def before_call(self, model: Any, params: dict[str, Any], **_: Any) -> Any:
        """The parsed success response, or None (the ``before-send`` path runs)."""
        if self.protocol != "json":
            return None
        headers = {k.lower(): v for k, v in params["headers"].items()}
        body = params["body"]
        if isinstance(body, str):
            body = body.encode()
        elif not isinstance(body, bytes):
            return None
        kept: list[Any] = []
        wire = WireRequest("POST", "/", headers, body, trusted=True, region=self.region, keep=kept)
        answer = self.dispatcher.handle(wire)
        if not kept:  # an error (or not a JSON operation): botocore parses the bytes
            self.pending.answer = answer
            return None
        return self._response(params, model, answer, kept[0])

    def take(self) -> WireResponse | None:
        """The answer a ``before-call`` of this thread left for its ``before-send``."""
        answer: WireResponse | None = getattr(self.pending, "answer", None)
        if answer is not None:
            self.pending.answer = None
        return answer

    def _response(self, params: dict[str, Any], model: Any, answer: Any, result: Any) -> Any:
        convert = self.converters.get(model.name)
        if convert is None:
            shape = model.output_shape
            found = _converters(
                self.service, self.parser._timestamp_parser, self.parser._blob_parser
            )
            convert = self.converters[model.name] = found.get(shape) if shape else _nothing
        parsed: dict[str, Any] = convert(result)
        headers = {k.lower(): v for k, v in answer.headers.items()}
        meta: dict[str, Any] = {}
        if "x-amzn-requestid" in headers:
            meta["RequestId"] = headers["x-amzn-requestid"]
        meta["HTTPStatusCode"] = answer.status
        meta["HTTPHeaders"] = headers
        meta["RetryAttempts"] = 0
        parsed["ResponseMetadata"] = meta
        return _Response(params["url"], answer), parsed


def _nothing(value: Any) -> dict[str, Any]:
    return {}


class _Response:
    """What botocore's ``after-call`` handlers receive as ``http_response``: an
    ``AWSResponse`` of the answer, built only if a handler reads more than the status."""

    __slots__ = ("_answer", "_full", "status_code", "url")

    def __init__(self, url: str, answer: WireResponse) -> None:
        self.url = url
        self.status_code = answer.status
        self._answer = answer
        self._full: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        full = self._full
        if full is None:
            from botocore.awsrequest import AWSResponse

            from .bridge import _RawBody

            answer = self._answer
            full = AWSResponse(self.url, answer.status, answer.headers, _RawBody(answer.body))
            self._full = full
        return getattr(full, name)

"""Request decoding driven by botocore's shapes: JSON values -> the client layer's values.

One decoder is compiled per shape, once per service model, and checks JSON types the
way AWS's request layer does, raising :class:`SerializationProblem` with the text of
one table, :data:`TEXTS`, keyed by the JSON token received and the shape type the model
expects there (DynamoDB's texts since late 2018, as independent suites observe them):

* a value of the wrong JSON type -> ``NUMBER_VALUE cannot be converted to String``,
  ``Start of structure or map found where not expected``, ``Unexpected field type``
  (a list or map), ``Unexpected value type in payload`` (a structure), ...;
* ``null`` anywhere and members the shape does not have are dropped, as AWS does;
* blobs arrive base64-encoded and leave as ``bytes``; timestamps arrive as epoch
  seconds and leave as aware ``datetime`` -- what boto3's client takes and returns.

Responses need no shapes: :func:`encode_json` writes ``bytes`` as base64, ``datetime``
as epoch seconds and ``Decimal`` as a JSON number, which is the JSON protocols' rule.
"""

from __future__ import annotations

import base64
import binascii
import importlib
import json
import math
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

__all__ = ["SerializationProblem", "ShapeDecoders", "encode_json", "parse_json"]

Decoder = Callable[[Any], Any]

_BASE64_BAD = re.compile(r"[^A-Za-z0-9+/=]|=[^=]")
# A \uD800-\uDFFF escape: a surrogate, paired (an emoji from an ASCII-only encoder) or lone.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


class SerializationProblem(Exception):
    """A request value has the wrong JSON type for its shape (AWS: SerializationException)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _has_lone_surrogate(value: Any) -> bool:
    if type(value) is str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if type(value) is dict:
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if type(value) is list:
        return any(_has_lone_surrogate(v) for v in value)
    return False


# One decoder, built once: json.loads with options would build one per call.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def parse_json(body: bytes) -> Any:
    r"""A request body as JSON, refused (``ValueError``) where AWS's parser refuses it.

    AWS reads bodies as UTF-8 only: a byte-order mark, UTF-16 or UTF-32, surrogates
    encoded in UTF-8, an escaped lone surrogate (``"\ud800"``) and ``NaN`` or
    ``Infinity`` are all ``SerializationException``. Python's ``json.loads`` accepts
    every one of them, so they are refused here.

    >>> parse_json(rb'{"a": "\ud83d\ude00"}') == {"a": "\U0001F600"}  # a pair: fine
    True
    >>> bom, utf16 = b"\xef\xbb\xbf{}", "{}".encode("utf-16")
    >>> for bad in (bom, utf16, b"\xed\xa0\x80", rb'{"a": "\udc00"}', b"[NaN]"):
    ...     try:
    ...         parse_json(bad)
    ...     except ValueError:
    ...         print("refused", end=" ")
    refused refused refused refused refused
    """
    value = _DECODER.decode(body.decode("utf-8"))
    if _SURROGATE_ESCAPE.search(body) and _has_lone_surrogate(value):
        raise ValueError("a lone surrogate is not a Unicode character")
    return value


# -- SerializationException texts: one table, by JSON token and target shape type ------------
#: The JSON token of a value, as AWS's JSON reader names it in its messages.
def _token(value: Any) -> str:
    if value is True:
        return "TRUE_VALUE"
    if value is False:
        return "FALSE_VALUE"
    if isinstance(value, int | float):
        return "NUMBER_VALUE"
    if isinstance(value, str):
        return "STRING_VALUE"
    return "START_ARRAY" if isinstance(value, list) else "START_OBJECT"


#: The Java class behind each scalar shape type (the target named in the messages).
_JAVA = {
    "string": "String",
    "character": "String",
    "integer": "Integer",
    "long": "Long",
    "short": "Short",
    "byte": "Byte",
    "double": "Double",
    "float": "Float",
    "bigdecimal": "BigDecimal",
    "biginteger": "BigInteger",
    "timestamp": "Date",
}
_SCALAR = "scalar"
_BASE64 = "only base-64-encoded strings are convertible to bytes"
#: (JSON token, target shape type, or ``scalar`` for every type in ``_JAVA``) -> text;
#: ``{token}`` and ``{java}`` are filled in. DynamoDB's texts since late 2018 (issue 13).
TEXTS: dict[tuple[str, str], str] = {
    **{
        (token, _SCALAR): "{token} cannot be converted to {java}"
        for token in ("TRUE_VALUE", "FALSE_VALUE", "NUMBER_VALUE", "STRING_VALUE")
    },
    ("START_OBJECT", _SCALAR): "Start of structure or map found where not expected",
    ("START_ARRAY", _SCALAR): "Unrecognized collection type class java.lang.{java}",
    **{
        (token, "boolean"): "Unexpected token received from parser"
        for token in ("NUMBER_VALUE", "STRING_VALUE", "START_OBJECT", "START_ARRAY")
    },
    **{
        (token, "blob"): _BASE64
        for token in ("TRUE_VALUE", "FALSE_VALUE", "NUMBER_VALUE", "STRING_VALUE")
    },
    ("START_OBJECT", "blob"): "Start of structure or map found where not expected",
    ("START_ARRAY", "blob"): "Unrecognized collection type class java.nio.ByteBuffer",
    **{
        (token, kind): "Unexpected field type"
        for token in ("TRUE_VALUE", "FALSE_VALUE", "NUMBER_VALUE", "STRING_VALUE")
        for kind in ("list", "map")
    },
    ("START_OBJECT", "list"): "Unexpected field type",
    ("START_ARRAY", "map"): "Unexpected field type",
    **{
        (token, "structure"): "Unexpected value type in payload"
        for token in ("TRUE_VALUE", "FALSE_VALUE", "NUMBER_VALUE", "STRING_VALUE", "START_ARRAY")
    },
}


def _wrong(value: Any, kind: str) -> SerializationProblem:
    """The SerializationException for ``value`` where shape type ``kind`` was expected.

    >>> _wrong(True, "string").message
    'TRUE_VALUE cannot be converted to String'
    >>> _wrong([1], "long").message
    'Unrecognized collection type class java.lang.Long'
    """
    token = _token(value)
    java = _JAVA.get(kind)
    text = TEXTS[(token, _SCALAR if java is not None else kind)]
    return SerializationProblem(text.format(token=token, java=java))


def _string(value: Any) -> Any:
    if type(value) is str:
        return value
    raise _wrong(value, "string")


# The Java type behind each integer shape, and its range.
_JAVA_INTS = {
    "integer": ("int", 2**31),
    "long": ("long", 2**63),
    "short": ("short", 2**15),
    "byte": ("byte", 2**7),
}


def _integer_of(kind: str) -> Decoder:
    name, bound = _JAVA_INTS.get(kind, ("", 0))

    def decode(value: Any) -> Any:
        if type(value) is float and math.isfinite(value):
            value = math.floor(value)
        if type(value) is int:
            if bound and not -bound <= value < bound:
                # Jackson's overflow text, which AWS's request layer passes on [?].
                raise SerializationProblem(f"Numeric value ({value}) out of range of {name}")
            return value
        raise _wrong(value, kind)

    return decode


def _double_of(kind: str) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) in (int, float):
            return value
        raise _wrong(value, kind)

    return decode


def _boolean(value: Any) -> Any:
    if type(value) is bool:
        return value
    raise _wrong(value, "boolean")


def _blob(value: Any) -> Any:
    if type(value) is not str:
        raise _wrong(value, "blob")
    if len(value) % 4 or _BASE64_BAD.search(value):
        raise SerializationProblem(_BASE64)
    try:
        raw = base64.b64decode(value, validate=True)
    except binascii.Error:
        raw = None
    if raw is None or base64.b64encode(raw).decode() != value:
        raise SerializationProblem(_BASE64)
    return raw


def _timestamp(value: Any) -> Any:
    if type(value) in (int, float):
        return datetime.fromtimestamp(value, UTC)
    if type(value) is str:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise _wrong(value, "timestamp")


_SCALARS: dict[str, Decoder] = {
    "string": _string,
    "character": _string,
    "integer": _integer_of("integer"),
    "long": _integer_of("long"),
    "short": _integer_of("short"),
    "byte": _integer_of("byte"),
    "double": _double_of("double"),
    "float": _double_of("float"),
    "bigdecimal": _double_of("bigdecimal"),
    "biginteger": _integer_of("biginteger"),
    "boolean": _boolean,
    "blob": _blob,
    "timestamp": _timestamp,
}


def _structure(members: dict[str, Decoder]) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is not dict:
            raise _wrong(value, "structure")
        if len(value) == 1:  # one string member ({"S": "x"}): nothing to drop or convert
            ((key, item),) = value.items()
            if type(item) is str and members.get(key) is _string:
                return value
        out = {}
        for key, item in value.items():
            member = members.get(key)
            if member is not None and item is not None:
                out[key] = member(item)
        return out

    return decode


def _renamed_structure(members: dict[str, Decoder], renames: dict[str, str]) -> Decoder:
    """A structure whose members have wire names of their own (``wire -> member``)."""

    def decode(value: Any) -> Any:
        if type(value) is not dict:
            raise _wrong(value, "structure")
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = renames.get(key) or key
            member = members.get(name)
            if member is not None and item is not None:
                out[name] = member(item)
        return out

    return decode


def _list(each: Decoder) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is not list:
            raise _wrong(value, "list")
        return [each(item) for item in value if item is not None]

    return decode


def _list_with_nulls(each: Decoder) -> Decoder:
    """A list whose null elements reach the service (DynamoDB's sets: AWS's reader keeps a
    ``null`` member, and DynamoDB refuses the set in its own words)."""

    def decode(value: Any) -> Any:
        if type(value) is not list:
            raise _wrong(value, "list")
        return [None if item is None else each(item) for item in value]

    return decode


#: Lists whose null elements are the service's to judge, not the reader's to drop.
_NULLS_KEPT = frozenset(
    ("StringSetAttributeValue", "NumberSetAttributeValue", "BinarySetAttributeValue")
)


def _map(each: Decoder) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is not dict:
            raise _wrong(value, "map")
        return {key: each(item) for key, item in value.items() if item is not None}

    return decode


class ShapeDecoders:
    """Compiled decoders for the shapes of one botocore service model (built lazily).

    >>> import botocore.session
    >>> model = botocore.session.get_session().get_service_model("dynamodb")
    >>> decoders = ShapeDecoders()
    >>> shape = model.operation_model("GetItem").input_shape
    >>> decoders.decoder(shape)({"TableName": "t", "Key": {"k": {"B": "aGk="}}, "X": 1})
    {'TableName': 't', 'Key': {'k': {'B': b'hi'}}}
    >>> try:
    ...     decoders.decoder(shape)({"TableName": 5})
    ... except SerializationProblem as err:
    ...     print(err.message)
    NUMBER_VALUE cannot be converted to String
    """

    def __init__(self) -> None:
        self._compiled: dict[str, Decoder] = {}
        self._lock = threading.Lock()

    def decoder(self, shape: Any) -> Decoder:
        """The decoder of a botocore ``Shape`` (compiled on first use, thread-safely)."""
        found = self._compiled.get(shape.name)
        if found is None:
            with self._lock:
                pending: dict[str, Decoder] = {}
                found = self._get(shape, pending)
                # Published only once complete: another thread never sees a structure
                # whose members are still being filled in.
                self._compiled.update(pending)
        return found

    def _get(self, shape: Any, pending: dict[str, Decoder]) -> Decoder:
        name = shape.name
        found = self._compiled.get(name) or pending.get(name)
        if found is None:
            found = self._build(shape, pending)
            pending[name] = found
        return found

    def _build(self, shape: Any, pending: dict[str, Decoder]) -> Decoder:
        kind = shape.type_name
        if kind == "structure":
            members: dict[str, Decoder] = {}
            decoder = _structure(members)
            # Registered before its members are compiled, so recursive shapes
            # (AttributeValue holds maps and lists of AttributeValue) terminate.
            pending[shape.name] = decoder
            for name, member in shape.members.items():
                members[name] = self._get(member, pending)
            renames = {
                wire: name
                for name, member in shape.members.items()
                if (wire := member.serialization.get("name", name)) != name
                and not member.serialization.get("location")
            }
            if renames:  # apigatewayv2's body members travel as apiId, name, ...
                decoder = pending[shape.name] = _renamed_structure(members, renames)
            return decoder
        if kind == "list":
            each = self._get(shape.member, pending)
            return _list_with_nulls(each) if shape.name in _NULLS_KEPT else _list(each)
        if kind == "map":
            return _map(self._get(shape.value, pending))
        return _SCALARS.get(kind, _identity)


def _identity(value: Any) -> Any:
    return value


def _default(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} in an AWS JSON body")


# One encoder, built once: json.dumps with options would build one per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), default=_default)

_orjson: Any
try:  # the ``fast`` extra: the same bytes, written about twenty times faster
    _orjson = importlib.import_module("orjson")
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None


def _orjson_default(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return list(value)
    return _default(value)


def encode_json(value: Any) -> bytes:
    r"""A response dict as AWS JSON bytes (blobs base64, timestamps epoch seconds).

    With ``orjson`` installed (``pip install 'pyserverless[fast]'``) it writes the body
    when the result is the same bytes Python's ``json`` writes: ASCII only (``json``
    escapes the rest as ``\uXXXX``) and no NaN (orjson writes ``null``); anything
    else, and any value orjson refuses (an integer past 64 bits), is written by
    ``json``. One difference is kept: a float in exponent form is ``1e16`` for orjson,
    ``1e+16`` for ``json`` -- the same number to every JSON reader (DynamoDB's own Java
    writer differs from both: ``1.7E9``).

    >>> encode_json({"B": b"hi", "T": datetime(1970, 1, 1, 0, 1, tzinfo=UTC)})
    b'{"B":"aGk=","T":60.0}'
    >>> encode_json({"S": "\u00e9"})
    b'{"S":"\\u00e9"}'
    """
    if _orjson is not None:
        try:
            body: bytes = _orjson.dumps(
                value, default=_orjson_default, option=_orjson.OPT_PASSTHROUGH_DATETIME
            )
        except (TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
            pass
        else:
            if body.isascii() and b"null" not in body:
                return body
    return _ENCODER.encode(value).encode()

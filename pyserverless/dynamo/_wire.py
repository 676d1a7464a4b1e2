"""DynamoDB JSON <-> native values: the wire half of the type system.

Conversion dispatches on the single type key of an AttributeValue, or on ``type()``
of a native value, through dicts of functions: the path of every put and get.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal
from typing import Any

from .._core.hints import hinted
from . import _messages as msg
from ._errors import SerializationException, ValidationException
from ._limits import DynamoDBLimits
from ._numbers import number_text, parse_number

__all__ = [
    "Binary",
    "NumberSet",
    "from_wire",
    "from_wire_sized",
    "item_from_wire",
    "item_from_wire_sized",
    "item_to_wire",
    "to_wire",
    "type_of",
]
_DEFAULTS = DynamoDBLimits()
_MAX_DEPTH = _DEFAULTS.max_nesting_depth
_NoneType = type(None)


class Binary(bytes):
    """A binary value, like ``boto3.dynamodb.types.Binary``: ``.value`` is its bytes.

    It is a ``bytes`` subclass, so boto3's ``TypeSerializer`` accepts it and no boto3
    import is needed. It compares equal to the same bytes and to any ``Binary``
    (boto3's included) of the same bytes, and hashes like them.

    >>> Binary(b"\\x01") == b"\\x01", Binary(b"\\x01"), Binary(b"\\x01").value
    (True, Binary(b'\\x01'), b'\\x01')
    """

    __slots__ = ()

    def __new__(cls, value: bytes | bytearray) -> Binary:
        if not isinstance(value, (bytes, bytearray)):
            raise TypeError(msg.BOTO3_BINARY_TYPES.format(types=f"{bytearray!s}, {bytes!s}"))
        return super().__new__(cls, value)

    @property
    def value(self) -> bytes:
        """The wrapped bytes, as boto3's ``Binary.value``."""
        return bytes(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (bytes, bytearray)):
            return bytes.__eq__(self, bytes(other))
        value = getattr(other, "value", None)  # boto3's Binary
        return isinstance(value, (bytes, bytearray)) and bytes.__eq__(self, bytes(value))

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = bytes.__hash__

    def __repr__(self) -> str:
        return f"Binary({bytes(self)!r})"

    __str__ = __repr__


_set_new, _set_init = set.__new__, set.__init__


class NumberSet(set[Any]):
    """A number set (NS) that keeps the order its members were written in.

    A ``set`` in every other way: membership, equality (``NumberSet([1, 2]) == {2, 1}``),
    ``len`` and the set operators are ``set``'s own. Iteration, ``repr``, copies and
    pickles follow the written order; ``add`` and ``update`` append new members at the
    end, and removals keep the rest in order. Operators and methods that make a new set
    (``|``, ``&``, ``-``, ``^``, ``union()``...) give a plain ``set``.

    >>> from decimal import Decimal
    >>> ns = NumberSet([Decimal(3), Decimal(1), Decimal(2)])
    >>> ns, ns == {1, 2, 3}
    ({Decimal('3'), Decimal('1'), Decimal('2')}, True)
    >>> ns.add(Decimal(0)); ns.discard(Decimal(1)); list(ns)
    [Decimal('3'), Decimal('2'), Decimal('0')]
    """

    __slots__ = ("_order",)

    def __init__(self, members: Iterable[Any] = ()) -> None:
        order = list(dict.fromkeys(members))
        set.__init__(self, order)
        self._order = order

    @classmethod
    def _of(cls, distinct: list[Any]) -> NumberSet:
        """A set over ``distinct`` (members known to be distinct), which it keeps."""
        ns = _set_new(cls)
        _set_init(ns, distinct)
        ns._order = distinct
        return ns

    def __iter__(self) -> Iterator[Any]:
        return iter(self._order)

    def __repr__(self) -> str:
        if not self._order:
            return "NumberSet()"
        return "{" + ", ".join(map(repr, self._order)) + "}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (NumberSet, (list(self._order),))

    def __copy__(self) -> NumberSet:
        return NumberSet._of(list(self._order))

    def __deepcopy__(self, memo: dict[int, Any]) -> NumberSet:
        return NumberSet._of(list(self._order))  # numbers are immutable

    copy = __copy__

    def add(self, member: Any) -> None:
        if member not in self:
            set.add(self, member)
            self._order.append(member)

    def discard(self, member: Any) -> None:
        if member in self:
            set.discard(self, member)
            self._order.remove(member)

    def remove(self, member: Any) -> None:
        set.remove(self, member)
        self._order.remove(member)

    def pop(self) -> Any:
        if not self._order:
            raise KeyError("pop from an empty set")
        member = self._order.pop(0)
        set.discard(self, member)
        return member

    def clear(self) -> None:
        set.clear(self)
        self._order.clear()

    def update(self, *others: Iterable[Any]) -> None:
        for other in others:
            for member in other:
                self.add(member)

    def _keep_members(self) -> None:
        self._order = [m for m in self._order if set.__contains__(self, m)]

    def difference_update(self, *others: Iterable[Any]) -> None:
        set.difference_update(self, *others)
        self._keep_members()

    def intersection_update(self, *others: Iterable[Any]) -> None:
        set.intersection_update(self, *others)
        self._keep_members()

    def symmetric_difference_update(self, other: Iterable[Any]) -> None:
        other = list(other)
        set.symmetric_difference_update(self, other)
        self._keep_members()
        known = set(self._order)
        self._order += [m for m in dict.fromkeys(other) if m in self and m not in known]

    def __ior__(self, other: AbstractSet[Any]) -> NumberSet:  # type: ignore[misc]
        self.update(other)
        return self

    def __iand__(self, other: AbstractSet[Any]) -> NumberSet:  # type: ignore[misc]
        self.intersection_update(other)
        return self

    def __isub__(self, other: AbstractSet[Any]) -> NumberSet:  # type: ignore[misc]
        self.difference_update(other)
        return self

    def __ixor__(self, other: AbstractSet[Any]) -> NumberSet:  # type: ignore[misc]
        self.symmetric_difference_update(other)
        return self


def ns_union(current: Iterable[Any], added: Iterable[Any]) -> NumberSet:
    """ADD on a number set: ``current``'s members in order, then ``added``'s new ones.

    >>> ns_union(NumberSet([Decimal(5), Decimal(1)]), [Decimal(1), Decimal(3)])
    {Decimal('5'), Decimal('1'), Decimal('3')}
    """
    order = list(current)
    known = set(order)
    for member in added:
        if member not in known:
            known.add(member)
            order.append(member)
    return NumberSet._of(order)


def ns_difference(current: Iterable[Any], removed: Iterable[Any]) -> NumberSet:
    """DELETE from a number set: ``current``'s members not in ``removed``, in order.

    >>> ns_difference(NumberSet([Decimal(5), Decimal(1), Decimal(3)]), [Decimal(1)])
    {Decimal('5'), Decimal('3')}
    """
    gone = set(removed)
    return NumberSet._of([m for m in current if m not in gone])


# --------------------------------------------------------------------------- sizes


def _str_size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _name_size(name: object) -> int:
    """Bytes of an attribute name or map key; a non-str name is a misuse of the API."""
    if type(name) is str or isinstance(name, str):
        return len(name) if name.isascii() else len(name.encode("utf-8", "surrogatepass"))
    raise TypeError(f"attribute names and map keys must be str, not {type(name).__name__}")


# --------------------------------------------------------------------------- wire -> native

_Decoded = tuple[Any, int]
_Decoder = Callable[[Any, int], _Decoded]

# Names DynamoDB's JSON reader gives a JSON value of the wrong kind.
_TOKENS: dict[type, str] = {
    int: "NUMBER_VALUE",
    float: "NUMBER_VALUE",
    Decimal: "NUMBER_VALUE",
    str: "STRING_VALUE",
}


def _wrong(raw: object, target: str) -> SerializationException:
    """DynamoDB's SerializationException for a JSON value of the wrong kind."""
    if isinstance(raw, Mapping):
        return SerializationException(msg.UNEXPECTED_STRUCTURE)
    if isinstance(raw, (list, tuple, set, frozenset)):
        return SerializationException(msg.UNEXPECTED_LIST)
    if target in _STRUCTURES:
        return SerializationException(msg.UNEXPECTED_FIELD_TYPE)
    if isinstance(raw, bool):
        token = "TRUE_VALUE" if raw else "FALSE_VALUE"
    elif raw is None:
        token = "NULL_VALUE"
    else:
        token = _TOKENS.get(type(raw), "VALUE")
    return SerializationException(msg.WRONG_JSON_TYPE.format(token=token, target=target))


_STRUCTURES = frozenset({"AttributeValue", "Map", "List"})


def _blob(raw: object) -> bytes:
    if type(raw) is bytes:
        return raw
    if isinstance(raw, (bytes, bytearray)):  # as botocore: not a memoryview
        return bytes(raw)
    if isinstance(raw, str):  # botocore encodes a str blob as UTF-8
        return raw.encode("utf-8")
    raise _wrong(raw, "Blob")


def _d_s(raw: Any, depth: int) -> _Decoded:
    if type(raw) is str:
        return raw, (len(raw) if raw.isascii() else len(raw.encode("utf-8", "surrogatepass")))
    raise _wrong(raw, "String")


def _d_n(raw: Any, depth: int) -> _Decoded:
    if type(raw) is str:
        return parse_number(raw)
    raise _wrong(raw, "String")


def _d_b(raw: Any, depth: int) -> _Decoded:
    value = _blob(raw)
    return value, len(value)


def _d_bool(raw: Any, depth: int) -> _Decoded:
    if type(raw) is bool:
        return raw, 1
    raise _wrong(raw, "Boolean")


def _d_null(raw: Any, depth: int) -> _Decoded:
    if raw is True:
        return None, 1
    if raw is False:
        raise ValidationException(msg.NULL_NOT_TRUE)
    raise _wrong(raw, "Boolean")


def _d_l(raw: Any, depth: int) -> _Decoded:
    if type(raw) is not list and not isinstance(raw, (list, tuple)):
        raise _wrong(raw, "List")
    if not raw:
        return [], 3
    if depth >= _MAX_DEPTH:
        raise ValidationException(msg.NESTING_TOO_DEEP)
    out: list[Any] = []
    append = out.append
    size = 3 + len(raw)
    child = depth + 1
    decoders = _DECODERS
    for av in raw:
        # _decode inlined, with S and N (the commonest types) decoded in place: a
        # dict.get is a quarter of the cost of unpacking the one member.
        if type(av) is dict and len(av) == 1:
            v = av.get("S")
            if v is not None and type(v) is str:
                append(v)
                size += len(v) if v.isascii() else len(v.encode("utf-8", "surrogatepass"))
                continue
            v = av.get("N")
            if v is not None and type(v) is str:
                value, vsize = parse_number(v)
                append(value)
                size += vsize
                continue
            ((tag, v),) = av.items()
            decoder = decoders.get(tag)
            value, vsize = (
                decoder(v, child)
                if decoder is not None and v is not None
                else _decode_slow(av, child)
            )
        else:
            value, vsize = _decode_slow(av, child)
        append(value)
        size += vsize
    return out, size


def _d_m(raw: Any, depth: int) -> _Decoded:
    if type(raw) is not dict and not isinstance(raw, dict):  # as botocore: a dict
        raise _wrong(raw, "Map")
    if not raw:
        return {}, 3
    if depth >= _MAX_DEPTH:
        raise ValidationException(msg.NESTING_TOO_DEEP)
    out, size = _members(raw, depth + 1)
    return out, size + 3 + len(raw)


def _members(raw: Mapping[str, Any], child: int) -> _Decoded:
    """Decode the members of a map (or a whole item) and sum their names' and values' sizes.

    Shared by maps at any depth and by whole items; ``_decode`` is inlined here, with S
    and N (the commonest types) decoded in place, because this is the put path.
    """
    out: dict[str, Any] = {}
    size = 0
    decoders = _DECODERS
    for name, av in raw.items():
        size += len(name) if type(name) is str and name.isascii() else _name_size(name)
        if type(av) is dict and len(av) == 1:
            v = av.get("S")  # as in _d_l: S and N without unpacking the member
            if v is not None and type(v) is str:
                out[name] = v
                size += len(v) if v.isascii() else len(v.encode("utf-8", "surrogatepass"))
                continue
            v = av.get("N")
            if v is not None and type(v) is str:
                out[name], vsize = parse_number(v)
                size += vsize
                continue
            ((tag, v),) = av.items()
            decoder = decoders.get(tag)
            value, vsize = (
                decoder(v, child)
                if decoder is not None and v is not None
                else _decode_slow(av, child)
            )
        else:
            value, vsize = _decode_slow(av, child)
        out[name] = value
        size += vsize
    return out, size


def _set_members(raw: Any, target: str) -> list[Any]:
    if isinstance(raw, list):
        return raw
    if isinstance(raw, tuple):  # as botocore: a list or tuple, not a Python set
        return list(raw)
    raise _wrong(raw, target)


def _duplicates_listing(members: list[Any], render: Callable[[Any], str], sep: str) -> str:
    # AWS lists the members in byte order up to the first repeat, then the repeat,
    # then the rest as sent (capture valueLayers.test.ts).
    seen: set[Any] = set()
    for i, member in enumerate(members):
        if member in seen:
            ordered = [*sorted(seen), member, *members[i + 1 :]]
            return "[" + sep.join(render(m) for m in ordered) + "]"
        seen.add(member)
    return "[" + sep.join(render(m) for m in members) + "]"  # pragma: no cover


def _d_ss(raw: Any, depth: int) -> _Decoded:
    members = _set_members(raw, "List")
    if not members:
        raise ValidationException(msg.STRING_SET_EMPTY)
    if None in members:
        _null_member(members, msg.STRING_SET_NULL)
    size = 0
    for member in members:
        if type(member) is not str:
            raise _wrong(member, "String")
        size += len(member) if member.isascii() else len(member.encode("utf-8", "surrogatepass"))
    value = set(members)
    if len(value) != len(members):
        listing = _duplicates_listing(members, lambda m: json.dumps(m, ensure_ascii=False), ", ")
        raise ValidationException(msg.STRING_SET_DUPLICATES.format(members=listing))
    return value, size


def _d_ns(raw: Any, depth: int) -> _Decoded:
    members = _set_members(raw, "List")
    if not members:
        raise ValidationException(msg.NUMBER_SET_EMPTY)
    if None in members:
        _null_member(members, msg.NUMBER_SET_NULL)
    order: list[Any] = []
    size = 0
    for member in members:
        if type(member) is not str:
            raise _wrong(member, "String")
        number, nsize = parse_number(member)
        order.append(number)
        size += nsize
    value = NumberSet._of(order)
    if len(value) != len(order):
        raise ValidationException(msg.NUMBER_SET_DUPLICATES)
    return value, size


def _null_member(members: list[Any], text: str, check: Callable[[Any], Any] | None = None) -> None:
    """Refuse a set with a null member (a JSON ``null`` on the wire), after its other
    members' own checks (a string's type, or ``check``), as DynamoDB orders them."""
    for member in members:
        if member is None:
            continue
        if check is not None:
            check(member)
        elif type(member) is not str:
            raise _wrong(member, "String")
    raise ValidationException(text)


def _d_bs(raw: Any, depth: int) -> _Decoded:
    listed = _set_members(raw, "List")
    if listed and None in listed:
        _null_member(listed, msg.BINARY_SET_NULL, _blob)
    members = [_blob(m) for m in listed]
    if not members:
        raise ValidationException(msg.BINARY_SET_EMPTY)
    value = set(members)
    if len(value) != len(members):
        listing = _duplicates_listing(
            members, lambda m: '"' + base64.b64encode(m).decode("ascii") + '"', ","
        )
        raise ValidationException(msg.BINARY_SET_DUPLICATES.format(members=listing))
    return value, sum(map(len, members))


_DECODERS: dict[str, _Decoder] = {
    "S": _d_s,
    "N": _d_n,
    "B": _d_b,
    "BOOL": _d_bool,
    "NULL": _d_null,
    "L": _d_l,
    "M": _d_m,
    "SS": _d_ss,
    "NS": _d_ns,
    "BS": _d_bs,
}


def _decode(av: Any, depth: int) -> _Decoded:
    if type(av) is dict and len(av) == 1:
        ((tag, raw),) = av.items()
        decoder = _DECODERS.get(tag)
        if decoder is not None and raw is not None:
            return decoder(raw, depth)
    return _decode_slow(av, depth)


def _decode_slow(av: Any, depth: int) -> _Decoded:
    if not isinstance(av, dict):
        raise _wrong(av, "AttributeValue")
    # AWS's JSON reader ignores unknown members and null ones; the wire door drops them
    # before this point. In Python (boto3's shapes) botocore refuses both, and so does
    # this: every AttributeValue accepted here is one botocore accepts (the client
    # layer's model check relies on it).
    present = list(av.items())
    for tag, raw in present:
        if raw is None or tag not in _DECODERS:
            raise SerializationException(msg.UNEXPECTED_FIELD_TYPE)
    if not present:
        raise ValidationException(msg.ATTRIBUTE_VALUE_EMPTY)
    if len(present) > 1:
        # DynamoDB checks each member's value, in the order sent, before it counts
        # them: {"S": "", "N": ""} is "cannot be converted to a numeric value".
        for tag, raw in present:
            _DECODERS[tag](raw, depth)
        raise ValidationException(msg.ATTRIBUTE_VALUE_MULTIPLE)
    tag, raw = present[0]
    return _DECODERS[tag](raw, depth)


def from_wire(av: Mapping[str, Any]) -> Any:
    """One DynamoDB-JSON AttributeValue as a native value, validated as DynamoDB does.

    >>> from_wire({"N": "1.50"}), from_wire({"SS": ["a", "b"]}) == {"a", "b"}
    (Decimal('1.5'), True)
    >>> from_wire({"S": "x", "N": "1"})
    Traceback (most recent call last):
    ...
    pyserverless.dynamo.ValidationException: ...: Supplied AttributeValue has more than one ...
    """
    return _decode(av, 1)[0]


def from_wire_sized(av: Mapping[str, Any]) -> tuple[Any, int]:
    """Like :func:`from_wire`, also returning the value's size in bytes."""
    return _decode(av, 1)


def item_from_wire(item: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """A DynamoDB-JSON item as a dict of native values.

    >>> item_from_wire({"id": {"S": "a"}, "n": {"N": "1E+2"}})
    {'id': 'a', 'n': Decimal('100')}
    """
    return item_from_wire_sized(item)[0]


def item_from_wire_sized(item: Mapping[str, Mapping[str, Any]]) -> tuple[dict[str, Any], int]:
    """Convert a DynamoDB-JSON item and measure it (aws-facts A1) in one pass.

    >>> item_from_wire_sized({"shirt-color": {"S": "R"}, "shirt-size": {"S": "M"}})
    ({'shirt-color': 'R', 'shirt-size': 'M'}, 23)
    """
    return _members(item, 1)


# --------------------------------------------------------------------------- native -> wire

_Encoder = Callable[[Any], dict[str, Any]]


def _e_s(value: str) -> dict[str, Any]:
    return {"S": value}


def _e_n(value: Decimal | int) -> dict[str, Any]:
    return {"N": number_text(value)}


def _e_b(value: bytes) -> dict[str, Any]:
    return {"B": value}


def _e_b_copy(value: bytearray | memoryview) -> dict[str, Any]:
    return {"B": bytes(value)}


def _e_binary(value: Binary) -> dict[str, Any]:
    return {"B": bytes(value.value)}


def _e_bool(value: bool) -> dict[str, Any]:
    return {"BOOL": value}


def _e_null(value: None) -> dict[str, Any]:
    return {"NULL": True}


def _e_l(value: list[Any]) -> dict[str, Any]:
    encoders = _ENCODERS
    return {"L": [(encoders.get(type(v)) or _encode_slow)(v) for v in value]}


def _e_m(value: dict[str, Any]) -> dict[str, Any]:
    encoders = _ENCODERS
    return {"M": {k: (encoders.get(type(v)) or _encode_slow)(v) for k, v in value.items()}}


def _e_set(value: AbstractSet[Any]) -> dict[str, Any]:
    # SS and BS sorted (strings and binaries by their bytes); NS in iteration order:
    # a NumberSet's written order, or a Python set's own order (as boto3 sends it).
    tag = _set_type(value)
    if tag == "SS":
        return {"SS": sorted(value)}
    if tag == "NS":
        return {"NS": [number_text(n) for n in value]}
    return {"BS": sorted(bytes(getattr(b, "value", b)) for b in value)}


def _e_ns(value: NumberSet) -> dict[str, Any]:
    return {"NS": [number_text(n) for n in value._order]}


_ENCODERS: dict[type, _Encoder] = {
    str: _e_s,
    Decimal: _e_n,
    int: _e_n,
    bytes: _e_b,
    bytearray: _e_b_copy,
    memoryview: _e_b_copy,
    Binary: _e_binary,
    bool: _e_bool,
    _NoneType: _e_null,
    list: _e_l,
    tuple: _e_l,
    dict: _e_m,
    set: _e_set,
    frozenset: _e_set,
    NumberSet: _e_ns,
}


def _encode_slow(value: Any) -> dict[str, Any]:
    return _ENCODERS[_python_type(value)](value)


def _python_type(value: Any) -> type:
    """The key of the dispatch tables for a value of a subclass or foreign type."""
    if isinstance(value, bool):
        return bool
    if isinstance(value, float):
        raise hinted(TypeError(msg.BOTO3_FLOAT))
    for base in (str, Decimal, int, bytes, bytearray):
        if isinstance(value, base):
            return base
    if type(value).__name__ == "Binary" and isinstance(
        getattr(value, "value", None), (bytes, bytearray)
    ):
        return Binary  # boto3's Binary
    if isinstance(value, AbstractSet):
        return frozenset
    if isinstance(value, Mapping):
        return dict
    if isinstance(value, (list, tuple)):
        return list
    raise TypeError(msg.BOTO3_UNSUPPORTED.format(type=type(value), value=value))


def to_wire(value: Any) -> dict[str, Any]:
    """A native value as a DynamoDB-JSON AttributeValue (numbers as DynamoDB returns them).

    >>> to_wire(Decimal("1E+2")), to_wire({"a": [True, None]})
    ({'N': '100'}, {'M': {'a': {'L': [{'BOOL': True}, {'NULL': True}]}}})
    """
    return (_ENCODERS.get(type(value)) or _encode_slow)(value)


def item_to_wire(item: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A native item as a DynamoDB-JSON item.

    >>> item_to_wire({"id": "a", "tags": {"x"}})
    {'id': {'S': 'a'}, 'tags': {'SS': ['x']}}
    """
    encoders = _ENCODERS
    out: dict[str, dict[str, Any]] = {}
    for k, v in item.items():  # S and N (the commonest) without a call
        kind = type(v)
        if kind is str:
            out[k] = {"S": v}
        elif kind is Decimal:
            out[k] = {"N": number_text(v)}
        else:
            out[k] = (encoders.get(kind) or _encode_slow)(v)
    return out


# --------------------------------------------------------------------------- types

_TYPE_NAMES: dict[type, str] = {
    str: "S",
    Decimal: "N",
    int: "N",
    bytes: "B",
    bytearray: "B",
    memoryview: "B",
    Binary: "B",
    bool: "BOOL",
    _NoneType: "NULL",
    list: "L",
    tuple: "L",
    dict: "M",
    NumberSet: "NS",
}


def _set_type(value: AbstractSet[Any]) -> str:
    # boto3's order: a set is NS if every member is a number (so the empty set is NS),
    # else SS if every member is a string, else BS if every member is binary.
    if all(type(m) in (Decimal, int, bool) or _is_number(m) for m in value):
        return "NS"
    if all(isinstance(m, str) for m in value):
        return "SS"
    if all(_is_binary(m) for m in value):
        return "BS"
    raise TypeError(msg.BOTO3_UNSUPPORTED.format(type=type(value), value=value))


def _is_number(value: Any) -> bool:
    if isinstance(value, float):
        raise hinted(TypeError(msg.BOTO3_FLOAT))
    return isinstance(value, (int, Decimal))


def _is_binary(value: Any) -> bool:
    return isinstance(value, (bytes, bytearray, Binary)) or (
        type(value).__name__ == "Binary"
        and isinstance(getattr(value, "value", None), (bytes, bytearray))
    )


def type_of(value: Any) -> str:
    """The DynamoDB type of a native (or resource-layer) value.

    >>> type_of("a"), type_of(Decimal(1)), type_of(True), type_of({1, 2}), type_of({"k": []})
    ('S', 'N', 'BOOL', 'NS', 'M')
    """
    name = _TYPE_NAMES.get(type(value))
    if name is not None:
        return name
    if isinstance(value, AbstractSet):
        return _set_type(value)
    return _TYPE_NAMES[_python_type(value)] if not isinstance(value, AbstractSet) else "NS"

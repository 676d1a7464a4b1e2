"""Request validation against each service's model, with or without botocore.

The tables in ``pyserverless/_models/<service>.json`` are generated from botocore's
service models by ``scripts/gen_shapes.py`` (see its docstring for the layout) and
committed; this module reads them and never imports botocore.

Two passes, one compiled checker per operation:

* **client-side**, always on: what botocore's ``ParamValidator`` refuses before a
  request leaves boto3 (unknown parameter, missing required parameter, invalid type,
  length or value under the model's minimum, tagged unions, documents) raises
  :class:`~pyserverless._core.errors.ParamValidationError` with botocore's report,
  line for line;
* **server-side**, opt-in per service (:data:`SERVER_SIDE`): enum, maximum length,
  maximum value and pattern violations raise the service's ``ValidationException``
  in AWS's "1 validation error detected: ..." envelope. The three first services'
  engines make these checks themselves with AWS's exact texts, so the generic pass
  is off for them; a new service can switch it on with one entry.

Requests that arrive as bytes (:func:`check_wire`) are answered as AWS's service
answers them: a missing member or one under its minimum is a 400 in the same
envelope, never a client-side error.

Valid requests pay for one boolean walk of a compiled checker; the report that
names every problem, in botocore's order, is built only when that walk fails.

>>> validate("dynamodb", "GetItem", {"TableName": "t", "Key": {"id": {"S": "a"}}})
>>> try:
...     validate("dynamodb", "GetItem", {"TableName": "t", "Key": {}, "ConsistantRead": True})
... except ParamValidationError as err:
...     print(err)
Parameter validation failed:
Unknown parameter in input: "ConsistantRead", must be one of: TableName, Key, \
AttributesToGet, ConsistentRead, ReturnConsumedCapacity, ProjectionExpression, \
ExpressionAttributeNames
"""

from __future__ import annotations

import datetime
import decimal
import functools
import json
import pathlib
import re
from collections.abc import Callable, Mapping
from typing import Any

from .errors import AWSError, ParamValidationError

__all__ = [
    "CONVERTED",
    "NATIVE_SHAPES",
    "SERVER_SIDE",
    "SERVER_SIDE_SHAPES",
    "VALIDATION_CODES",
    "check_wire",
    "checker",
    "client_checker",
    "fast_checker",
    "has_table",
    "operations",
    "passes",
    "table",
    "validate",
]

_MODELS = pathlib.Path(__file__).resolve().parent.parent / "_models"

#: Shapes that hold native Python values in the resource layer (``native_values=True``).
NATIVE_SHAPES: Mapping[str, frozenset[str]] = {"dynamodb": frozenset({"AttributeValue"})}
#: Services (and, as a set, their operations; ``None`` for all) whose generic
#: server-side pass (enum, max, pattern) runs. Empty: the engines check these.
SERVER_SIDE: Mapping[str, frozenset[str] | None] = {
    # Lambda: members its engine does not read (PublishTo, MasterRegion, ...) or bounds tighter
    # than its own (ListLayers' MaxItems <= 50).
    "lambda": frozenset(
        {"DeleteAlias", "ListAliases", "ListFunctions", "ListLayers", "ListLayerVersions"}
        | {"PublishVersion"}
    ),
    # EventBridge: names, ARNs, enums and lengths as the model states them (the engine
    # checks what the model does not say).
    "events": None,
    # EventBridge Scheduler: the model's maxima, enums and patterns (the engine checks the rest).
    "scheduler": None,
    # IAM and STS: names, paths, lengths and ranges as the model states them (ValidationError).
    "iam": None,
    "sts": None,
    # CloudWatch Logs: names, patterns, enums and lengths as the model states them.
    "logs": None,
}
#: Per service: (operations, shapes) whose client methods convert every value of those
#: shapes themselves and refuse whatever botocore refuses there (DynamoDB's items, keys and
#: ExpressionAttributeValues, by ``dynamo._wire``). The client's fast walk checks only
#: that such a value is a dict, and builds the full report when the operation fails
#: (:func:`client_checker`): valid requests skip walking their AttributeValues twice.
CONVERTED: Mapping[str, tuple[frozenset[str], frozenset[str]]] = {
    "dynamodb": (
        frozenset(
            {"BatchGetItem", "BatchWriteItem", "DeleteItem", "GetItem", "PutItem", "Query"}
            | {"Scan", "TransactGetItems", "TransactWriteItems", "UpdateItem"}
        ),
        frozenset({"ExpressionAttributeValueMap", "Key", "PutItemInputAttributeMap"}),
    ),
}
#: Per service: scalar shapes whose maximum, enum and pattern are AWS's server-side
#: checks in every operation (the generic pass for those shapes only), where the engine
#: has no check of its own for them.
SERVER_SIDE_SHAPES: Mapping[str, frozenset[str]] = {
    # Cognito: found by the totality fuzz (RefreshTokenRotation, the invite message
    # template, RevokeToken's RevokeAssociatedSessions).
    "cognito-idp": frozenset(
        {"FeatureType", "RetryGracePeriodSecondsType", "RevokeAssociatedSessionsType"}
        | {"SmsInviteMessageType", "EmailInviteMessageType"}
        # Pool and client ids: AWS's pattern and length texts (user reports quoting the
        # service: aws-sdk-js#3344, boto3#3581), before any lookup.
        | {"UserPoolIdType", "ClientIdType"}
        # Schema and CustomAttributes names: at most 20 characters, in AWS's words
        # ("... at 'schema.1.member.name' ...", quoted from the service in aws-cdk#14699).
        | {"CustomAttributeNameType"}
    ),
}
#: The error code a service answers a constraint violation with (default ValidationException).
VALIDATION_CODES: Mapping[str, str] = {
    "cognito-idp": "InvalidParameterException",
    "apigatewayv2": "BadRequestException",
    "iam": "ValidationError",
    "sts": "ValidationError",
    "logs": "InvalidParameterException",
}

Check = Callable[[Any], bool]
Shapes = Mapping[str, Mapping[str, Any]]

_STRUCT = (dict,)
_LIST = (list, tuple)
_DOUBLE = (float, decimal.Decimal, int)
_BLOB = (bytes, bytearray, str)
_DOC_SCALARS = (str, int, bool, float)
# botocore's ``str(type)`` names of the valid types, per model type.
_TYPE_NAMES: Mapping[str, list[str]] = {
    "structure": [str(dict)],
    "map": [str(dict)],
    "list": [str(list), str(tuple)],
    "string": [str(str)],
    "integer": [str(int)],
    "long": [str(int)],
    "boolean": [str(bool)],
    "float": [str(t) for t in _DOUBLE],
    "double": [str(t) for t in _DOUBLE],
    "blob": [str(bytes), str(bytearray), "file-like object"],
    "timestamp": [str(datetime.datetime), "timestamp-string"],
}
_PYTHON_TYPES: Mapping[str, tuple[type, ...]] = {
    "structure": _STRUCT,
    "map": _STRUCT,
    "list": _LIST,
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "float": _DOUBLE,
    "double": _DOUBLE,
}


# -- tables ------------------------------------------------------------------------------
def has_table(service: str) -> bool:
    """Whether a generated table exists for ``service``."""
    return (_MODELS / f"{service}.json").is_file()


@functools.cache
def table(service: str) -> Mapping[str, Any]:
    """The generated table of ``service`` (read once per process; treat as read-only).

    >>> table("dynamodb")["operations"]["PutItem"]
    'PutItemInput'
    """
    data: dict[str, Any] = json.loads((_MODELS / f"{service}.json").read_text("ascii"))
    return data


def operations(service: str) -> tuple[str, ...]:
    """Every operation in ``service``'s model.

    >>> "Invoke" in operations("lambda")
    True
    """
    return tuple(table(service)["operations"])


# -- the fast path: compiled boolean checkers ----------------------------------------------
def _timestamp_ok(value: Any) -> bool:
    """botocore's timestamp test: a datetime, epoch seconds, or an ISO 8601 string."""
    if isinstance(value, datetime.datetime):
        return True
    try:
        if isinstance(value, (int, float)):
            datetime.datetime.fromtimestamp(value, datetime.UTC)
            return True
        if isinstance(value, str):
            try:
                datetime.datetime.fromtimestamp(float(value), datetime.UTC)
            except ValueError:
                datetime.datetime.fromisoformat(value)
            return True
    except (ValueError, OverflowError, OSError):
        return False
    return False


def _document_ok(value: Any) -> bool:
    if value is None or isinstance(value, _DOC_SCALARS):
        return True
    if isinstance(value, dict):
        return all(_document_ok(v) for v in value.values())
    if isinstance(value, list):
        return all(_document_ok(v) for v in value)
    return False


def _blob_ok(value: Any) -> bool:
    return isinstance(value, _BLOB) or hasattr(value, "read")


@functools.cache
def _pattern(text: str) -> re.Pattern[str] | None:
    """A model pattern as a Python regex (None when Python cannot express it, e.g. ``\\p{L}``).

    AWS's services test a pattern against the whole value (Java's ``String.matches``),
    so callers use ``fullmatch``: ``[a-z]+`` refuses ``"a b"``.
    """
    try:
        return re.compile(text)
    except re.error:
        return None


class _Compiler:
    """Compiles shapes into boolean checkers: Python source, one function per shape.

    Scalars are tested inline where they are used (a string member is one
    ``isinstance`` and a length test); structures, lists and maps become functions
    that call each other by name, so recursive shapes need nothing special. The
    whole table's source is compiled once per (service, skip, server) and cached.
    """

    def __init__(
        self,
        shapes: Shapes,
        skip: frozenset[str],
        server: bool,
        converted: frozenset[str] = frozenset(),
        constrained: frozenset[str] = frozenset(),
    ) -> None:
        self.shapes = shapes
        self.skip = skip
        self.server = server
        #: Scalar shapes whose server-side constraints are checked even without ``server``.
        self.constrained = constrained
        #: Map shapes whose contents the caller checks itself: only "is a dict" here.
        self.converted = converted
        self.names: dict[str, str] = {}
        self.sources: list[str] = []
        self.env: dict[str, Any] = {
            "_LIST": _LIST,
            "_DOUBLE": _DOUBLE,
            "_between": _between,
            "_blob_ok": _blob_ok,
            "_timestamp_ok": _timestamp_ok,
            "_document_ok": _document_ok,
        }
        self.done: dict[str, Check | None] = {}

    def compile(self, name: str) -> Check | None:
        """The checker of shape ``name``; None when anything is accepted there."""
        if name in self.done:
            return self.done[name]
        expr = self._expr(name, "v", host=False)
        if expr is None:
            self.done[name] = None
            return None
        function = self.names.get(name)
        if function is None:
            self.sources.append(f"def _root(v):\n    return {expr}\n")
        exec(compile("\n".join(self.sources), f"<shapes:{name}>", "exec"), self.env)
        self.sources.clear()
        check: Check = self.env[function] if function is not None else self.env.pop("_root")
        self.done[name] = check
        return check

    def _const(self, value: Any) -> str:
        """A name in the generated module's globals bound to ``value``."""
        key = f"_k{len(self.env)}"
        self.env[key] = value
        return key

    def _expr(self, ref: str, var: str, *, host: bool) -> str | None:
        """A Python expression testing ``var`` against shape ``ref`` (None: accept all)."""
        if ref in self.skip:
            return None
        if ref in self.converted:
            return f"isinstance({var}, dict)"
        shape = self.shapes[ref]
        kind = shape["t"]
        if kind == "structure" and shape.get("d"):
            return f"_document_ok({var})"
        if kind in ("structure", "list", "map"):
            return f"{self._function(ref)}({var})"
        server = self.server or ref in self.constrained
        if kind == "string":
            return self._string(shape, var, host, server)
        if kind in ("integer", "long"):
            return self._number(shape, var, "int", inline=True, server=server)
        if kind in ("double", "float"):
            return self._number(shape, var, "_DOUBLE", inline=False, server=server)
        if kind == "boolean":
            return f"isinstance({var}, bool)"
        if kind == "blob":
            return f"_blob_ok({var})"
        if kind == "timestamp":
            return f"_timestamp_ok({var})"
        return None

    def _string(self, shape: Mapping[str, Any], var: str, host: bool, server: bool) -> str:
        parts = [f"isinstance({var}, str)"]
        low = shape.get("min", 1 if host else None)
        high = shape.get("max") if server else None
        if low:
            parts.append(f"len({var}) >= {int(low)}")
        if high is not None:
            parts.append(f"len({var}) <= {int(high)}")
        if server and "e" in shape:
            parts.append(f"{var} in {self._const(frozenset(shape['e']))}")
        pattern = _pattern(shape["p"]) if server and "p" in shape else None
        if pattern is not None:
            parts.append(f"{self._const(pattern)}.fullmatch({var}) is not None")
        return "(" + " and ".join(parts) + ")"

    def _number(
        self, shape: Mapping[str, Any], var: str, types: str, *, inline: bool, server: bool
    ) -> str:
        low = shape.get("min")
        high = shape.get("max") if server else None
        test = f"isinstance({var}, {types})"
        if low is None and high is None:
            return test
        lo = self._const(low if low is not None else float("-inf"))
        hi = self._const(high if high is not None else float("inf"))
        if inline:  # ints order totally
            return f"({test} and {lo} <= {var} <= {hi})"
        return f"({test} and _between({lo}, {var}, {hi}))"

    def _function(self, ref: str) -> str:
        name = self.names.get(ref)
        if name is not None:
            return name
        name = self.names[ref] = f"_s{len(self.names)}"
        shape = self.shapes[ref]
        build = {"structure": self._structure, "list": self._list, "map": self._map}
        self.sources.append(build[shape["t"]](name, shape))
        return name

    def _structure(self, name: str, shape: Mapping[str, Any]) -> str:
        members: Mapping[str, str] = shape["m"]
        idem = shape.get("i", ())
        hosts = shape.get("h", ())
        lines = [f"def {name}(v):", "    if not isinstance(v, dict):", "        return False"]
        required = [r for r in shape.get("r", ()) if r not in idem]
        if required:
            test = " or ".join(f"{m!r} not in v" for m in required)
            lines += [f"    if {test}:", "        return False"]
        if shape.get("u"):
            lines += ["    if len(v) != 1:", "        return False"]
        elif required:  # the required members alone (a common call): no loop
            lines.append(f"    if len(v) == {len(required)}:")
            for member in required:
                expr = self._expr(members[member], "x", host=member in hosts)
                if expr:
                    lines += [f"        x = v[{member!r}]", f"        if not {expr}:"]
                    lines.append("            return False")
            lines.append("        return True")
        lines.append("    for k, x in v.items():")
        if len(members) <= 4:  # a short chain of comparisons
            for i, (member, ref) in enumerate(members.items()):
                expr = self._expr(ref, "x", host=member in hosts)
                lines.append(f"        {'elif' if i else 'if'} k == {member!r}:")
                lines.append(f"            if not {expr}:" if expr else "            pass")
                if expr:
                    lines.append("                return False")
            lines += ["        else:", "            return False"] if members else []
            lines.append("        return False" if not members else "")
        else:  # members grouped by their test, the commonest test first
            groups: dict[str | None, list[str]] = {}
            for member, ref in members.items():
                groups.setdefault(self._expr(ref, "x", host=member in hosts), []).append(member)
            order = sorted(groups, key=lambda e: -len(groups[e]))
            table = {m: i for i, e in enumerate(order) for m in groups[e]}
            lines.append(f"        g = {self._const(table)}.get(k)")
            for i, expr in enumerate(order):
                lines.append(f"        {'elif' if i else 'if'} g == {i}:")
                lines.append(f"            if not {expr}:" if expr else "            pass")
                if expr:
                    lines.append("                return False")
            lines += ["        else:", "            return False"]
        lines.append("    return True")
        return "\n".join(line for line in lines if line) + "\n"

    def _list(self, name: str, shape: Mapping[str, Any]) -> str:
        low = shape.get("min") or 0
        high = shape.get("max") if self.server else None
        size = f"{int(low)} <= len(v)" if low else ""
        if high is not None:
            size = f"{size} <= {int(high)}" if size else f"len(v) <= {int(high)}"
        lines = [f"def {name}(v):", "    if not isinstance(v, _LIST):", "        return False"]
        if size:
            lines += [f"    if not {size}:", "        return False"]
        expr = self._element(shape["l"])
        if expr is not None:
            lines += ["    for x in v:", f"        if not {expr}:", "            return False"]
        lines.append("    return True")
        return "\n".join(lines) + "\n"

    def _element(self, ref: str) -> str | None:
        """The test of a list member or map value ``x``, with a shortcut for tagged values.

        A structure of optional members, some of them plain strings (DynamoDB's
        AttributeValue, ``{"S": "x"}``), is passed without a call when ``x`` is a
        one-member dict whose member is one of the first two such strings.
        """
        expr = self._expr(ref, "x", host=False)
        shape = self.shapes[ref]
        if expr is None or shape["t"] != "structure" or shape.get("d") or shape.get("u"):
            return expr
        if shape.get("r") or shape.get("h"):
            return expr
        plain = [
            m
            for m, r in shape["m"].items()
            if r not in self.skip and self._expr(r, "y", host=False) == "(isinstance(y, str))"
        ][:2]
        if not plain:
            return expr
        got = " or ".join(f"x.get({m!r})" for m in plain)
        return f"((type(x) is dict and len(x) == 1 and type({got}) is str) or {expr})"

    def _map(self, name: str, shape: Mapping[str, Any]) -> str:
        high = shape.get("max") if self.server else None
        lines = [f"def {name}(v):", "    if not isinstance(v, dict):", "        return False"]
        if high is not None:
            lines += [f"    if len(v) > {int(high)}:", "        return False"]
        key = self._expr(shape["k"], "k", host=False)
        value = self._element(shape["v"])
        tests = [t for t in (key and f"not {key}", value and f"not {value}") if t]
        if tests:
            lines += ["    for k, x in v.items():", f"        if {' or '.join(tests)}:"]
            lines.append("            return False")
        lines.append("    return True")
        return "\n".join(lines) + "\n"


def _between(low: Any, value: Any, high: Any) -> bool:
    """Neither under ``low`` nor over ``high``, as botocore compares (a float NaN passes)."""
    try:
        return not (value < low or value > high)
    except decimal.InvalidOperation:  # Decimal("NaN") cannot be ordered
        return False


def _below(value: Any, low: Any) -> bool:
    """``value < low`` as botocore tests it; an unorderable Decimal("NaN") is out of range."""
    try:
        return bool(value < low)
    except decimal.InvalidOperation:
        return True


def _instance(value: Any, types: tuple[type, ...]) -> bool:
    """``isinstance``, without narrowing ``value`` to ``object`` for the type checker."""
    return isinstance(value, types)


def _accept(value: Any) -> bool:
    return True


# -- the slow path: reports, in botocore's order and texts, and in AWS's server form -------------
def _name(name: str) -> str:
    if not name:
        return "input"
    return name[1:] if name.startswith(".") else name


def _show(value: Any) -> str:
    """A value as AWS's validation messages print it (Java's ``toString``)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_show(v)}" for k, v in value.items()) + "}"
    return str(value)


def _lower_first(member: str) -> str:
    return member[:1].lower() + member[1:]


_VALUE_AT = "Value '{value}' at '{path}' failed to satisfy constraint: {why}"
_NOT_NULL = "Value null at '{path}' failed to satisfy constraint: Member must not be null"


class Report:
    """Names every problem of a request: botocore's client-side lines, or AWS's server form."""

    def __init__(
        self, shapes: Shapes, skip: frozenset[str], constrained: frozenset[str] = frozenset()
    ) -> None:
        self.shapes = shapes
        self.skip = skip
        #: Scalar shapes whose enum, maximum and pattern count without ``generic``.
        self.constrained = constrained

    # botocore's ParamValidator, rule for rule (botocore/validate.py) -------------------------
    def client(self, params: Any, root: str) -> list[str]:
        """botocore's report lines for ``params`` against shape ``root`` (empty: valid)."""
        out: list[str] = []
        self._walk(params, root, "", out, host=False)
        return out

    def _walk(self, value: Any, ref: str, name: str, out: list[str], *, host: bool) -> None:
        if ref in self.skip:
            return
        shape = self.shapes[ref]
        kind = shape["t"]
        if kind == "structure" and shape.get("d"):
            self._document(value, name, out)
            return
        types = _PYTHON_TYPES.get(kind)
        if types is not None and not isinstance(value, types):
            self._wrong_type(value, kind, name, out)
            return
        if kind == "structure":
            self._structure(value, shape, name, out)
        elif kind == "list":
            self._range(len(value), shape, name, out, "length", host=host)
            for i, item in enumerate(value):
                self._walk(item, shape["l"], f"{name}[{i}]", out, host=False)
        elif kind == "map":
            for key, item in value.items():
                self._walk(key, shape["k"], f"{name} (key: {key})", out, host=False)
                self._walk(item, shape["v"], f"{name}.{key}", out, host=False)
        elif kind == "string":
            self._range(len(value), shape, name, out, "length", host=host)
        elif kind in ("integer", "long", "double", "float"):
            self._range(value, shape, name, out, "value", host=host)
        elif (kind == "blob" and not _blob_ok(value)) or (
            kind == "timestamp" and not _timestamp_ok(value)
        ):
            self._wrong_type(value, kind, name, out)

    def _structure(
        self, value: dict[str, Any], shape: Mapping[str, Any], name: str, out: list[str]
    ) -> None:
        members: Mapping[str, str] = shape["m"]
        shown = _name(name)
        if shape.get("u") and len(value) != 1:
            listed = ", ".join(members)
            out.append(
                f"Must set one of the following keys for tagged unionstructure {shown}: {listed}."
                if not value
                else "Invalid number of parameters set for tagged union structure "
                f"{shown}. Can only set one of the following keys: {listed}."
            )
        idem = shape.get("i", ())
        out.extend(
            f'Missing required parameter in {shown}: "{required}"'
            for required in shape.get("r", ())
            if required not in value and required not in idem
        )
        out.extend(
            f'Unknown parameter in {shown}: "{key}", must be one of: ' + ", ".join(members)
            for key in value
            if key not in members
        )
        hosts = shape.get("h", ())
        for key, item in value.items():
            if key in members:
                self._walk(item, members[key], f"{name}.{key}", out, host=key in hosts)

    @staticmethod
    def _range(
        value: Any, shape: Mapping[str, Any], name: str, out: list[str], what: str, *, host: bool
    ) -> None:
        low = shape.get("min", 1 if host else None)
        if low is not None and _below(value, low):
            noun = "length" if what == "length" else "value"
            label = "Invalid length" if what == "length" else "Invalid value"
            out.append(
                f"{label} for parameter {_name(name)}, value: {value}, valid min {noun}: {low}"
            )

    @staticmethod
    def _wrong_type(value: Any, kind: str, name: str, out: list[str]) -> None:
        out.append(
            f"Invalid type for parameter {_name(name)}, value: {value}, type: {type(value)}, "
            f"valid types: {', '.join(_TYPE_NAMES[kind])}"
        )

    def _document(self, value: Any, name: str, out: list[str]) -> None:
        if value is None:
            return
        if isinstance(value, dict):
            for key, item in value.items():
                self._document(item, key, out)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._document(item, f"{name}[{i}]", out)
        elif not isinstance(value, _DOC_SCALARS):
            valid = ", ".join(str(t) for t in (str, int, bool, float, list, dict))
            out.append(
                f"Invalid type for document parameter {_name(name)}, value: {value}, "
                f"type: {type(value)}, valid types: {valid}"
            )

    # AWS's server form ----------------------------------------------------------------
    def server(self, params: Any, root: str, *, client_side: bool, generic: bool) -> list[str]:
        """AWS's constraint messages: the minimums and nulls (``client_side``), and
        enum, maximum and pattern (``generic``)."""
        out: list[str] = []
        self._serve(params, root, "", out, client_side, generic)
        return out

    def _serve(
        self, value: Any, ref: str, path: str, out: list[str], low: bool, high: bool
    ) -> None:
        if ref in self.skip:
            return
        shape = self.shapes[ref]
        kind = shape["t"]
        types = _PYTHON_TYPES.get(kind)
        if types is None or not _instance(value, types) or shape.get("d"):
            return
        if kind == "structure":
            members: Mapping[str, str] = shape["m"]
            if low:
                idem = shape.get("i", ())
                out.extend(
                    _NOT_NULL.format(path=_join(path, required))
                    for required in shape.get("r", ())
                    if value.get(required) is None and required not in idem
                )
            for key, item in value.items():
                if key in members and item is not None:
                    self._serve(item, members[key], _join(path, key), out, low, high)
            return
        out.extend(
            _VALUE_AT.format(value=_show(value), path=path, why=why)
            for why in _violations(value, shape, low, high or ref in self.constrained)
        )
        if kind == "list":
            for i, item in enumerate(value):
                self._serve(item, shape["l"], f"{path}.{i + 1}.member", out, low, high)
        elif kind == "map":
            self._map_entries(value, shape, path, out, low, high)

    def _map_entries(
        self,
        value: dict[str, Any],
        shape: Mapping[str, Any],
        path: str,
        out: list[str],
        low: bool,
        high: bool,
    ) -> None:
        key_shape = self.shapes[shape["k"]]
        value_shape = self.shapes[shape["v"]]
        for part, target, items in (
            ("keys", key_shape, list(value)),
            ("value", value_shape, list(value.values())),
        ):
            if (
                target["t"] in ("structure", "list", "map")
                or shape["v" if part == "value" else "k"] in self.skip
            ):
                continue
            whys = [w for item in items for w in _violations(item, target, low, high)]
            if whys:
                label = "Map keys" if part == "keys" else "Map value"
                why = f"{label} must satisfy constraint: [{', '.join(dict.fromkeys(whys))}]"
                out.append(_VALUE_AT.format(value=_show(value), path=path, why=why))
        if value_shape["t"] in ("structure", "list", "map"):
            for key, item in value.items():
                self._serve(item, shape["v"], f"{path}.{key}.member", out, low, high)


def _join(path: str, member: str) -> str:
    return f"{path}.{_lower_first(member)}" if path else _lower_first(member)


def _violations(value: Any, shape: Mapping[str, Any], low: bool, high: bool) -> list[str]:
    """AWS's "Member must ..." reasons for one scalar, list or map value."""
    kind = shape["t"]
    types = _PYTHON_TYPES.get(kind)
    if types is None or not _instance(value, types):
        return []
    sized = kind in ("string", "list", "map")
    measure = len(value) if sized else value
    noun = "length" if sized else "value"
    out: list[str] = []
    if low and "min" in shape and measure < shape["min"] and kind != "map":
        out.append(f"Member must have {noun} greater than or equal to {shape['min']}")
    if not high:
        return out
    if "max" in shape and measure > shape["max"]:
        out.append(f"Member must have {noun} less than or equal to {shape['max']}")
    if kind == "string" and "e" in shape and value not in shape["e"]:
        out.append(f"Member must satisfy enum value set: [{', '.join(shape['e'])}]")
    if kind == "string" and "p" in shape:
        regex = _pattern(shape["p"])
        if regex is not None and regex.fullmatch(value) is None:
            out.append(f"Member must satisfy regular expression pattern: {shape['p']}")
    return out


# -- the entry points -------------------------------------------------------------------------
def _no_check(params: Mapping[str, Any]) -> None:
    return None


@functools.cache
def _compiled(
    service: str, operation: str, native_values: bool, converted: bool = False
) -> tuple[str, Check, bool] | None:
    """(root shape, fast checker, server pass on) of an operation; None when unmodelled.

    ``converted``: the shapes :data:`CONVERTED` names for the operation are only
    checked to be dicts."""
    if not has_table(service):
        return None
    data = table(service)
    root = data["operations"].get(operation)
    if root is None:
        return None
    skip = NATIVE_SHAPES.get(service, frozenset()) if native_values else frozenset()
    ops = SERVER_SIDE.get(service, frozenset())
    server = service in SERVER_SIDE and (ops is None or operation in ops)
    trusted = _converted(service, operation) if converted else frozenset()
    extra = SERVER_SIDE_SHAPES.get(service, frozenset())
    fast = _Compiler(data["shapes"], skip, server, trusted, extra).compile(root) or _accept
    return root, fast, server


def _converted(service: str, operation: str) -> frozenset[str]:
    found = CONVERTED.get(service)
    return found[1] if found is not None and operation in found[0] else frozenset()


@functools.cache
def checker(
    service: str, operation: str, *, native_values: bool = False
) -> Callable[[Mapping[str, Any]], None]:
    """A compiled validator of ``operation``'s request: call it with the params dict.

    It raises :class:`ParamValidationError` (client-side problems) or, where
    :data:`SERVER_SIDE` enables it, the service's validation error; it returns None
    for a valid request. A service or operation without a table is not checked.
    """
    found = _compiled(service, operation, native_values)
    if found is None:
        return _no_check
    root, fast, server = found
    skip = NATIVE_SHAPES.get(service, frozenset()) if native_values else frozenset()
    extra = SERVER_SIDE_SHAPES.get(service, frozenset())
    report = Report(table(service)["shapes"], skip, extra)
    code = VALIDATION_CODES.get(service, "ValidationException")

    def check(params: Mapping[str, Any]) -> None:
        try:
            if fast(params):
                return
            lines = report.client(params, root)
        except RecursionError:  # deeper than Python walks: the engine judges the nesting
            return
        if lines:
            raise ParamValidationError(report="\n".join(lines))
        if server or extra:
            problems = report.server(params, root, client_side=False, generic=server)
            if problems:
                reword = _REWORDED.get((service, operation))
                text = reword(problems) if reword is not None else envelope(problems)
                raise AWSError(text, code=code, status=400)

    return check


@functools.cache
def fast_checker(
    service: str, operation: str, *, native_values: bool = False
) -> tuple[Check, Callable[[Mapping[str, Any]], None]]:
    """(fast walk, full check) of ``operation``: the walk answers valid or not, and
    when it says not, the full :func:`checker` raises the report. The walk raises
    ``RecursionError`` on nesting deeper than Python walks: treat that as valid (the
    engine judges such nesting), as :func:`checker` does.

    >>> fast, full = fast_checker("dynamodb", "ListTables")
    >>> fast({"Limit": 1}), fast({"Limit": 0})
    (True, False)
    """
    full = checker(service, operation, native_values=native_values)
    found = _compiled(service, operation, native_values)
    if found is None:
        return _accept, full
    return found[1], full


@functools.cache
def client_checker(
    service: str, operation: str
) -> tuple[Check, Callable[[Mapping[str, Any]], None], bool]:
    """(fast walk, full check, partial) of ``operation`` for a client method.

    Like :func:`fast_checker`, except that where :data:`CONVERTED` names the
    operation (``partial`` is then True) the walk checks the named shapes only to be
    dicts: the method's own conversion refuses every value botocore refuses there, and
    whoever calls it must run the full check when the method fails (the full check's
    report, if any, is the answer; otherwise the method's own error is).

    >>> fast, full, partial = client_checker("dynamodb", "GetItem")
    >>> fast({"TableName": "t", "Key": {"k": {"S": None}}}), partial
    (True, True)
    >>> fast({"TableName": "t", "Key": []})
    False
    """
    full = checker(service, operation)
    trusted = _converted(service, operation)
    found = _compiled(service, operation, False, bool(trusted))
    if found is None:
        return _accept, full, False
    return found[1], full, bool(trusted)


def validate(
    service: str, operation: str, params: Mapping[str, Any], *, native_values: bool = False
) -> None:
    """Validate one request of ``service``'s ``operation`` against the model.

    ``native_values=True`` is for layers where DynamoDB's AttributeValue positions
    hold native Python values (the resource layer): those positions are not checked.

    >>> try:
    ...     validate("lambda", "Invoke", {"FunctionName": ""})
    ... except ParamValidationError as err:
    ...     print(err)
    Parameter validation failed:
    Invalid length for parameter FunctionName, value: 0, valid min length: 1
    """
    checker(service, operation, native_values=native_values)(params)


def passes(
    service: str, operation: str, params: Mapping[str, Any], *, converted: bool = False
) -> bool:
    """Whether a request keeps the model, by the fast walk alone (no report is built).

    ``converted=True`` leaves the shapes :data:`CONVERTED` names to the client's own
    conversion (only "is a dict" is checked there): for wire requests, whose values the
    door has already typed, the walk inside them finds nothing the conversion misses.

    >>> passes("dynamodb", "ListTables", {"Limit": 1}), passes("dynamodb", "ListTables", {})
    (True, True)
    >>> passes("dynamodb", "ListTables", {"Limit": 0})
    False
    """
    found = _compiled(service, operation, False, converted)
    if found is None:
        return True
    try:
        return found[1](params)
    except RecursionError:  # as in checker(): the engine judges such nesting
        return True


def check_wire(service: str, operation: str, params: Mapping[str, Any]) -> str | None:
    """AWS's server-side answer to a decoded wire request that breaks the model, if any.

    The wire decoders have already dropped unknown members and checked JSON types, so
    what remains is a missing required member or a length or value under the minimum
    (and, where :data:`SERVER_SIDE` enables it, enum, maximum and pattern): AWS answers
    those in its "N validation errors detected" envelope, returned here as text.

    >>> print(check_wire("dynamodb", "ListTables", {"Limit": 0}))
    1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: \
Member must have value greater than or equal to 1
    >>> check_wire("dynamodb", "ListTables", {"Limit": 1}) is None
    True
    """
    found = _compiled(service, operation, False)
    if found is None:
        return None
    root, fast, server = found
    try:
        if fast(params):
            return None
        extra = SERVER_SIDE_SHAPES.get(service, frozenset())
        problems = Report(table(service)["shapes"], frozenset(), extra).server(
            params, root, client_side=True, generic=server
        )
    except RecursionError:
        return None
    if not problems:
        return None
    reword = _REWORDED.get((service, operation))
    return reword(problems) if reword is not None else envelope(problems)


def _query_limit(problems: list[str]) -> str:
    """DynamoDB's Query names ``Limit`` capitalised and without the value, where Scan
    says ``Value '0' at 'limit'`` (live captures quoted by the nubo-db/dynamodb-conformance
    suite and dynoxide, 2026)."""
    return envelope([_QUERY_LIMIT.sub("Value at 'Limit' ", p) for p in problems])


def _batch_get_empty(problems: list[str]) -> str:
    """An empty BatchGetItem ``RequestItems``: DynamoDB's standard envelope with no
    value and the member capitalised (32 of 33 regions, 2026-09; dynoxide PR #198)."""
    return envelope([_BATCH_EMPTY_MAP.get(p, p) for p in problems])


def _batch_write_empty(problems: list[str]) -> str:
    """An empty BatchWriteItem ``RequestItems``: DynamoDB's own sentence, no envelope
    (31 of 33 regions, 2026-09; dynoxide PR #198)."""
    if problems == [_EMPTY_REQUEST_ITEMS]:
        return "The requestItems parameter is required for BatchWriteItem"
    return envelope(problems)


_QUERY_LIMIT = re.compile(r"^Value '-?\d+' at 'limit' ")
_EMPTY_REQUEST_ITEMS = (
    "Value '{}' at 'requestItems' failed to satisfy constraint: "
    "Member must have length greater than or equal to 1"
)
_BATCH_EMPTY_MAP = {
    _EMPTY_REQUEST_ITEMS: "Value at 'RequestItems' failed to satisfy constraint: "
    "Member must have length greater than or equal to 1"
}
#: Constraint answers an operation words its own way.
_REWORDED: dict[tuple[str, str], Callable[[list[str]], str]] = {
    ("dynamodb", "Query"): _query_limit,
    ("dynamodb", "BatchGetItem"): _batch_get_empty,
    ("dynamodb", "BatchWriteItem"): _batch_write_empty,
}


def envelope(problems: list[str]) -> str:
    """AWS's "N validation error(s) detected: a; b" text."""
    n = len(problems)
    return f"{n} validation error{'s' if n > 1 else ''} detected: " + "; ".join(problems)

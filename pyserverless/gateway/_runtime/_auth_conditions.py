"""``Condition`` blocks in the IAM policies Lambda authorizers return, parsed once (with
the policy, so a cached verdict keeps them) and evaluated against each request.

Operators: ``String{Equals,NotEquals,EqualsIgnoreCase,NotEqualsIgnoreCase,Like,NotLike}``,
``Numeric{Equals,NotEquals,LessThan,LessThanEquals,GreaterThan,GreaterThanEquals}``,
``Date{...}`` (the same six), ``Bool``, ``IpAddress``/``NotIpAddress``,
``Arn{Equals,Like,NotEquals,NotLike}``, each with ``...IfExists``, and ``Null``. Set
operators (``ForAnyValue:``/``ForAllValues:``) and any other operator make the policy
malformed (a 500, as before: never applied without its condition).

Keys (case-insensitive), as API Gateway's condition-key table lists for every
authorization type: ``aws:CurrentTime``, ``aws:EpochTime``, ``aws:SourceIp``,
``aws:SecureTransport``, ``aws:UserAgent`` and ``aws:Referer`` (when sent). A key absent
from the request matches no positive operator, every negated one, and ``...IfExists``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, NamedTuple

__all__ = ["Condition", "ConditionError", "conditions_hold", "parse_conditions", "request_keys"]


class ConditionError(Exception):
    """A ``Condition`` block pyserverless cannot evaluate (the policy is malformed)."""


class Condition(NamedTuple):
    """One operator on one key: ``values`` are the policy's, as text."""

    operator: str
    key: str
    values: tuple[str, ...]
    if_exists: bool


def _number(text: str) -> float:
    return float(text)


def _date(text: str) -> float:
    """A date as epoch seconds: ISO 8601 or a number of seconds."""
    try:
        return float(text)
    except ValueError:
        pass
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _like(pattern: str, value: str) -> bool:
    from ._auth_lambda import wildcard_match

    return wildcard_match(pattern, value)


def _ip(network: str, value: str) -> bool:
    try:
        return ipaddress.ip_address(value) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


_Compare = Callable[[str, str], bool]


def _cmp(cast: Callable[[str], float], test: Callable[[float, float], bool]) -> _Compare:
    def compare(policy: str, value: str) -> bool:
        try:
            return test(cast(value), cast(policy))
        except ValueError:
            return False

    return compare


_EQ: Callable[[float, float], bool] = lambda a, b: a == b  # noqa: E731
_LT: Callable[[float, float], bool] = lambda a, b: a < b  # noqa: E731
_LE: Callable[[float, float], bool] = lambda a, b: a <= b  # noqa: E731
_GT: Callable[[float, float], bool] = lambda a, b: a > b  # noqa: E731
_GE: Callable[[float, float], bool] = lambda a, b: a >= b  # noqa: E731

#: Operator -> (how a policy value matches the request's value, whether it is negated).
_OPERATORS: Mapping[str, tuple[_Compare, bool]] = {
    "StringEquals": (lambda p, v: p == v, False),
    "StringNotEquals": (lambda p, v: p == v, True),
    "StringEqualsIgnoreCase": (lambda p, v: p.lower() == v.lower(), False),
    "StringNotEqualsIgnoreCase": (lambda p, v: p.lower() == v.lower(), True),
    "StringLike": (_like, False),
    "StringNotLike": (_like, True),
    "NumericEquals": (_cmp(_number, _EQ), False),
    "NumericNotEquals": (_cmp(_number, _EQ), True),
    "NumericLessThan": (_cmp(_number, _LT), False),
    "NumericLessThanEquals": (_cmp(_number, _LE), False),
    "NumericGreaterThan": (_cmp(_number, _GT), False),
    "NumericGreaterThanEquals": (_cmp(_number, _GE), False),
    "DateEquals": (_cmp(_date, _EQ), False),
    "DateNotEquals": (_cmp(_date, _EQ), True),
    "DateLessThan": (_cmp(_date, _LT), False),
    "DateLessThanEquals": (_cmp(_date, _LE), False),
    "DateGreaterThan": (_cmp(_date, _GT), False),
    "DateGreaterThanEquals": (_cmp(_date, _GE), False),
    "Bool": (lambda p, v: p.lower() == v.lower(), False),
    "IpAddress": (_ip, False),
    "NotIpAddress": (_ip, True),
    "ArnEquals": (lambda p, v: p == v, False),
    "ArnLike": (_like, False),
    "ArnNotEquals": (lambda p, v: p == v, True),
    "ArnNotLike": (_like, True),
}


def _texts(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, bool):
            out.append("true" if item else "false")
        elif isinstance(item, str | int | float):
            out.append(str(item))
        else:
            raise ConditionError(repr(item))
    if not out:
        raise ConditionError("empty")
    return tuple(out)


def parse_conditions(block: Any) -> tuple[Condition, ...]:
    """A statement's ``Condition`` as :class:`Condition` values (``ConditionError`` if
    an operator is unknown or a value is not text, a number or a boolean).

    >>> parse_conditions({"IpAddressIfExists": {"aws:SourceIp": ["10.0.0.0/8"]}})
    (Condition(operator='IpAddress', key='aws:sourceip', values=('10.0.0.0/8',), if_exists=True),)
    """
    if not isinstance(block, dict) or not block:
        raise ConditionError("not an object")
    out = []
    for name, keys in block.items():
        if not isinstance(name, str) or not isinstance(keys, dict) or not keys:
            raise ConditionError(str(name))
        operator, if_exists = name, False
        if name.endswith("IfExists") and name != "Null":
            operator, if_exists = name[: -len("IfExists")], True
        if operator not in _OPERATORS and operator != "Null":
            raise ConditionError(name)
        for key, value in keys.items():
            out.append(Condition(operator, str(key).lower(), _texts(value), if_exists))
    return tuple(out)


def request_keys(
    now: datetime, source_ip: str, headers: Callable[[str], str | None]
) -> dict[str, str]:
    """The condition keys a request carries (lower-case names).

    >>> from datetime import datetime, timezone
    >>> keys = request_keys(datetime(2024, 1, 1, tzinfo=timezone.utc), "10.1.2.3",
    ...                     {"user-agent": "curl"}.get)
    >>> keys["aws:epochtime"], keys["aws:sourceip"], keys["aws:useragent"], "aws:referer" in keys
    ('1704067200', '10.1.2.3', 'curl', False)
    """
    keys = {
        "aws:currenttime": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "aws:epochtime": str(int(now.timestamp())),
        "aws:sourceip": source_ip,
        "aws:securetransport": "true",
    }
    agent, referer = headers("user-agent"), headers("referer")
    if agent is not None:
        keys["aws:useragent"] = agent
    if referer is not None:
        keys["aws:referer"] = referer
    return keys


def conditions_hold(conditions: tuple[Condition, ...], keys: Mapping[str, str]) -> bool:
    """Whether every condition holds for a request with condition ``keys``.

    >>> cond = parse_conditions({"StringNotEquals": {"aws:UserAgent": ["bot"]}})
    >>> conditions_hold(cond, {"aws:useragent": "bot"}), conditions_hold(cond, {})
    (False, True)
    """
    for cond in conditions:
        value = keys.get(cond.key)
        if cond.operator == "Null":
            wanted_absent = cond.values[0].lower() == "true"
            if (value is None) != wanted_absent:
                return False
            continue
        compare, negated = _OPERATORS[cond.operator]
        if value is None:
            if cond.if_exists or negated:
                continue
            return False
        matched = any(compare(policy, value) for policy in cond.values)
        if matched == negated:
            return False
    return True

"""Lambda authorizers: identity sources, the events API Gateway sends, and reading the
function's answer (aws-facts C5).

REST APIs have ``TOKEN`` and ``REQUEST`` authorizers; HTTP APIs have ``REQUEST``
authorizers with payload format 1.0 or 2.0 and, for 2.0, optional simple responses.
What the function answers is parsed here into a frozen :class:`Verdict`, the value the
result cache keeps; the policy in it is evaluated against each request's method ARN by
:func:`evaluate` (so a cached policy meets every method of the API, as in AWS).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import attrs

from .._deployed import AuthorizerSpec, DeployedStage
from ._auth_conditions import Condition, ConditionError, conditions_hold, parse_conditions
from ._events import RequestInfo, event_v1, event_v2, parse_query
from ._types import GatewayRequest

__all__ = [
    "ALLOW",
    "DENY",
    "Malformed",
    "Statement",
    "Verdict",
    "authorizer_event",
    "evaluate",
    "execute_api_arn",
    "identity_values",
    "parse_output",
]

ALLOW = "Allow"
DENY = "Deny"
_INVOKE = "execute-api:invoke"
#: The ``$context`` variables an identity source may name, read from a request.
_CONTEXT = frozenset(
    {
        "requestId",
        "httpMethod",
        "path",
        "resourcePath",
        "resourceId",
        "stage",
        "apiId",
        "accountId",
        "identity.sourceIp",
        "identity.userAgent",
        "domainName",
        "protocol",
        "routeKey",
    }
)
_MAP_FIELDS = (
    "headers",
    "multiValueHeaders",
    "queryStringParameters",
    "multiValueQueryStringParameters",
    "pathParameters",
    "stageVariables",
)


class Malformed(Exception):
    """The function's answer is not an authorizer response (never leaves the package)."""


class Statement(NamedTuple):
    """One policy statement: ``Action``/``NotAction`` and ``Resource``/``NotResource``
    patterns (``not_actions``/``not_resources`` mark the ``Not`` forms)."""

    effect: str
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    not_actions: bool = False
    not_resources: bool = False
    #: The statement's ``Condition`` (``_auth_conditions``): it applies only when they hold.
    conditions: tuple[Condition, ...] = ()


@attrs.frozen
class Verdict:
    """A Lambda authorizer's parsed answer: what the result cache keeps.

    ``statements`` is the IAM policy; ``allowed`` is set instead for an HTTP API's
    simple response.
    """

    principal_id: str | None
    statements: tuple[Statement, ...] = ()
    context: Mapping[str, Any] = attrs.field(factory=dict)
    usage_identifier_key: str | None = None
    allowed: bool | None = None


def execute_api_arn(
    region: str, account: str, stage: DeployedStage, request: GatewayRequest
) -> str:
    """The ``methodArn`` (REST) or ``routeArn`` (HTTP) of a request: the verb and the
    path as requested (the root is ``/GET/``).

    >>> from pyserverless.gateway._deployed import DeployedStage
    >>> stage = DeployedStage("a1b2c3d4e5", "REST", "prod", "d1", ())
    >>> execute_api_arn("us-east-1", "123456789012", stage, GatewayRequest("GET", "/pets/1"))
    'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets/1'
    """
    return (
        f"arn:aws:execute-api:{region}:{account}:{stage.api_id}/"
        f"{stage.stage_name}/{request.method}{request.path}"
    )


# -- identity sources ---------------------------------------------------------------------
def _source_value(source: str, info: RequestInfo, http: bool) -> str | None:
    """The value an identity source names in a request, or None when it is absent."""
    request = info.request
    name = source.strip()
    if http:
        name = name.removeprefix("$")
        name = name.replace("request.header.", "header.", 1).replace(
            "request.querystring.", "querystring.", 1
        )
    else:
        name = name.removeprefix("method.request.")
    kind, _, key = name.partition(".")
    if kind == "header":
        values = [v for n, v in request.headers if n.lower() == key.lower()]
        if not values:
            return None
        return ",".join(values) if http else values[-1]
    if kind == "querystring":
        found = [v for n, v in parse_query(request.query) if n == key]
        if not found:
            return None
        return ",".join(found) if http else found[-1]
    if kind == "stageVariables":
        return info.stage.stage_variables.get(key)
    if kind == "context" and key in _CONTEXT:
        return _context_value(key, info)
    return None


def _context_value(key: str, info: RequestInfo) -> str | None:
    route, request, stage = info.matched.route, info.request, info.stage
    values: dict[str, str | None] = {
        "requestId": info.request_id,
        "httpMethod": request.method,
        "path": info.stage_path(),
        "resourcePath": route.path,
        "resourceId": route.route_id,
        "stage": stage.stage_name,
        "apiId": stage.api_id,
        "accountId": info.account_id,
        "identity.sourceIp": request.source_ip,
        "identity.userAgent": request.header("user-agent"),
        "domainName": info.domain,
        "protocol": request.protocol,
        "routeKey": route.path if route.path == "$default" else f"{route.method} {route.path}",
    }
    return values.get(key)


def identity_values(spec: AuthorizerSpec, info: RequestInfo, http: bool) -> tuple[str, ...] | None:
    """The values of the authorizer's identity sources, in order; None when one is
    missing or empty (API Gateway then answers 401 without invoking the function)."""
    values = []
    for source in spec.identity_sources:
        value = _source_value(source, info, http)
        if not value:
            return None
        values.append(value)
    return tuple(values)


# -- events ---------------------------------------------------------------------------
def authorizer_event(
    spec: AuthorizerSpec, info: RequestInfo, arn: str, values: tuple[str, ...]
) -> dict[str, Any]:
    """The event the authorizer function receives.

    REST ``TOKEN``: ``{"type", "authorizationToken", "methodArn"}``. REST ``REQUEST``:
    the proxy event's request fields (empty maps as ``{}``) with ``type`` and
    ``methodArn``, no body. HTTP 1.0: the same shape with ``version``, ``identitySource``
    and ``authorizationToken`` (the sources' values, comma-joined) and without
    ``multiValueQueryStringParameters``, as AWS's sample has it. HTTP 2.0: the 2.0
    proxy event's request fields with ``type``, ``routeArn`` and ``identitySource``.
    """
    if info.stage.kind == "REST":
        if spec.type == "TOKEN":
            return {"type": "TOKEN", "authorizationToken": values[0], "methodArn": arn}
        return _request_event(event_v1(info), {"type": "REQUEST", "methodArn": arn})
    if spec.payload_format == "2.0":
        base = event_v2(info)
        extra: dict[str, Any] = {"type": "REQUEST", "routeArn": arn}
        extra["identitySource"] = list(values)
        return _v2_event(base, extra)
    joined = ",".join(values)
    head = {
        "type": "REQUEST",
        "methodArn": arn,
        "identitySource": joined,
        "authorizationToken": joined,
    }
    event = _request_event(event_v1(info), head)
    del event["multiValueQueryStringParameters"]  # not in an HTTP API's 1.0 event [O]
    return event


def _request_event(base: dict[str, Any], head: Mapping[str, Any]) -> dict[str, Any]:
    event: dict[str, Any] = {}
    if "version" in base:
        event["version"] = base.pop("version")
    event.update(head)
    base.pop("body", None)
    base.pop("isBase64Encoded", None)
    for name in _MAP_FIELDS:
        if base.get(name) is None:
            base[name] = {}
    event.update(base)
    return event


def _v2_event(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    event: dict[str, Any] = {"version": base.pop("version")}
    event.update(extra)
    base.pop("body", None)
    base.pop("isBase64Encoded", None)
    event.update(base)
    return event


# -- the function's answer ------------------------------------------------------------
def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise Malformed


def _either(item: Mapping[str, Any], name: str) -> tuple[tuple[str, ...], bool]:
    """``name`` or ``Not{name}`` (exactly one): its patterns and whether it is the Not."""
    plain, negated = item.get(name), item.get(f"Not{name}")
    if (plain is None) == (negated is None):
        raise Malformed
    return (_strings(plain), False) if negated is None else (_strings(negated), True)


def _statements(document: Any) -> tuple[Statement, ...]:
    """The statements of a policy document. A ``Condition`` is parsed with it; one that
    cannot be evaluated (an unknown operator) makes the answer malformed (500)."""
    if not isinstance(document, dict):
        raise Malformed
    raw = document.get("Statement")
    items = [raw] if isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        raise Malformed
    out = []
    for item in items:
        if not isinstance(item, dict) or item.get("Effect") not in (ALLOW, DENY):
            raise Malformed
        conditions: tuple[Condition, ...] = ()
        if "Condition" in item:
            try:
                conditions = parse_conditions(item["Condition"])
            except ConditionError:
                raise Malformed from None
        actions, not_actions = _either(item, "Action")
        resources, not_resources = _either(item, "Resource")
        out.append(
            Statement(item["Effect"], actions, resources, not_actions, not_resources, conditions)
        )
    return tuple(out)


def _rest_context(context: Any) -> dict[str, Any]:
    """A REST authorizer's ``context``: strings, numbers and booleans (stringified, as
    the integration sees them) and nulls; an object or array is a malformed answer."""
    if context is None:
        return {}
    if not isinstance(context, dict):
        raise Malformed
    out: dict[str, Any] = {}
    for key, value in context.items():
        if value is None or isinstance(value, str):
            out[key] = value
        elif isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (int, float)):
            out[key] = str(value)
        else:
            raise Malformed
    return out


def parse_output(spec: AuthorizerSpec, kind: str, output: Any) -> Verdict:
    """The function's answer as a :class:`Verdict` (``Malformed`` if it is not one).

    >>> spec = AuthorizerSpec("a1", "auth", "TOKEN")
    >>> policy = {"Version": "2012-10-17", "Statement": [
    ...     {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": "*"}]}
    >>> verdict = parse_output(spec, "REST", {"principalId": "me", "policyDocument": policy,
    ...                                         "context": {"n": 1, "ok": True}})
    >>> verdict.principal_id, dict(verdict.context)
    ('me', {'n': '1', 'ok': 'true'})
    """
    if not isinstance(output, dict):
        raise Malformed
    if kind == "HTTP" and spec.payload_format == "2.0" and spec.simple_responses:
        allowed = output.get("isAuthorized")
        context = output.get("context")
        if not isinstance(allowed, bool) or (context is not None and not isinstance(context, dict)):
            raise Malformed
        return Verdict(None, allowed=allowed, context=dict(context or {}))
    principal = output.get("principalId")
    if not isinstance(principal, str):
        raise Malformed
    statements = _statements(output.get("policyDocument"))
    key = output.get("usageIdentifierKey")
    if key is not None and not isinstance(key, str):
        raise Malformed
    raw_context = output.get("context")
    if kind == "REST":
        context = _rest_context(raw_context)
    elif raw_context is None or isinstance(raw_context, dict):
        context = dict(raw_context or {})
    else:
        raise Malformed
    return Verdict(principal, statements, context, key)


# -- policy evaluation ------------------------------------------------------------------
def wildcard_match(pattern: str, text: str) -> bool:
    """Whether ``text`` matches an IAM wildcard ``pattern`` (``*`` any run of characters,
    ``?`` one), in time linear in their product: no regex, so no pattern an authorizer
    returns can make matching backtrack without end.

    >>> wildcard_match("arn:*/prod/GET/pets/?", "arn:aws:x/prod/GET/pets/1")
    True
    >>> wildcard_match("a*b*c", "abca"), wildcard_match("a.c", "abc")
    (False, False)
    """
    if "*" not in pattern and "?" not in pattern:
        return pattern == text
    if pattern.endswith("*") and "*" not in pattern[:-1] and "?" not in pattern:
        return text.startswith(pattern[:-1])
    p = t = 0
    star, mark = -1, 0
    while t < len(text):
        if p < len(pattern) and pattern[p] == "*":
            star, mark = p, t
            p += 1
        elif p < len(pattern) and pattern[p] in ("?", text[t]):
            p += 1
            t += 1
        elif star >= 0:
            p, mark = star + 1, mark + 1
            t = mark
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def _matches(patterns: Sequence[str], value: str, ignore_case: bool) -> bool:
    if ignore_case:
        value = value.lower()
        return any(wildcard_match(p.lower(), value) for p in patterns)
    return any(wildcard_match(p, value) for p in patterns)


def evaluate(verdict: Verdict, arn: str, keys: Mapping[str, str] | None = None) -> str | None:
    """``"Deny"`` when a statement denies ``arn`` (an explicit deny wins), ``"Allow"``
    when one allows it, else None. Actions match ``execute-api:Invoke`` with IAM's
    wildcards, case-insensitively; resources match the ARN with ``*`` and ``?``.

    >>> v = Verdict("me", (Statement("Allow", ("execute-api:*",), ("arn:*/prod/GET/*",)),))
    >>> evaluate(v, "arn:aws:execute-api:r:1:api/prod/GET/pets"), evaluate(v, "arn:x/prod/POST/")
    ('Allow', None)
    >>> evaluate(Verdict("me", (Statement("Deny", ("*",), ("*/GET/*",), False, True),)), "x/POST/y")
    'Deny'
    """
    decision = None
    for st in verdict.statements:
        if _matches(st.actions, _INVOKE, True) == st.not_actions:
            continue
        if _matches(st.resources, arn, False) == st.not_resources:
            continue
        if st.conditions and not conditions_hold(st.conditions, keys or {}):
            continue
        if st.effect == DENY:
            return DENY
        decision = ALLOW
    return decision

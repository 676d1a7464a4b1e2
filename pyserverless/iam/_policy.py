"""IAM's policy grammar: a document is parsed once and refused with AWS's message.

Two kinds are checked: ``"trust"`` (a role's AssumeRolePolicyDocument: ``Principal``
required, ``Resource`` forbidden, only STS actions) and ``"identity"`` (managed and
inline policies: ``Principal`` forbidden, ``Resource`` required). Nothing is evaluated
here; IAM stores and answers.

>>> doc = parse('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",'
...             ' "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
...             "trust")
>>> doc.document["Statement"][0]["Principal"]
{'Service': 'lambda.amazonaws.com'}
>>> parse('{"Statement": [{"Effect": "Allow", "Action": "s3:*"}]}', "identity")
Traceback (most recent call last):
...
pyserverless.iam.MalformedPolicyDocumentException: ...Policy statement must contain resources.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

import attrs

from . import _messages as msg
from ._errors import MalformedPolicyDocumentException

__all__ = ["PolicyDocument", "parse", "principals"]

Kind = Literal["trust", "identity"]
_VERSIONS = frozenset({"2012-10-17", "2008-10-17"})
_TOP = frozenset({"Version", "Id", "Statement"})
_STATEMENT = frozenset(
    {"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
     "NotResource", "Condition"}
)  # fmt: skip
_PRINCIPAL_KEYS = frozenset({"AWS", "Service", "Federated", "CanonicalUser"})
_ACTION = re.compile(r"^[A-Za-z0-9-]+:[A-Za-z0-9*?]*$")
_TRUST_ACTIONS = re.compile(
    r"^(\*|sts:(\*|AssumeRole|AssumeRoleWithWebIdentity|AssumeRoleWithSAML|TagSession"
    r"|SetSourceIdentity|SetContext))$",
    re.IGNORECASE,
)


@attrs.frozen
class PolicyDocument:
    """A checked policy: the text as sent, its parsed form and its counted size."""

    text: str
    document: dict[str, Any]
    #: Characters other than whitespace: what IAM counts against its size quotas.
    size: int


def _fail(message: str) -> MalformedPolicyDocumentException:
    return MalformedPolicyDocumentException(message)


def parse(text: str, kind: Kind) -> PolicyDocument:
    """Check ``text`` as a policy of ``kind``; raise MalformedPolicyDocument on the first fault."""
    try:
        document = json.loads(text)
    except ValueError:
        raise _fail(msg.INVALID_JSON) from None
    if not isinstance(document, dict) or not set(document) <= _TOP:
        raise _fail(msg.SYNTAX)
    version = document.get("Version")
    if version is not None and version not in _VERSIONS:
        raise _fail(msg.LEGACY)
    statements = document.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise _fail(msg.SYNTAX)
    sids: set[str] = set()
    for statement in statements:
        _statement(statement, kind)
        sid = statement.get("Sid")
        if sid:
            if sid in sids:
                raise _fail(msg.DUPLICATE_SID)
            sids.add(sid)
    size = sum(1 for c in text if not c.isspace())
    return PolicyDocument(text, document, size)


def _statement(statement: Any, kind: Kind) -> None:
    if not isinstance(statement, dict) or not set(statement) <= _STATEMENT:
        raise _fail(msg.SYNTAX)
    if "Sid" in statement and not isinstance(statement["Sid"], str):
        raise _fail(msg.SYNTAX)
    effect = statement.get("Effect")
    if effect is None:
        raise _fail(msg.NO_EFFECT)
    if effect not in ("Allow", "Deny"):
        raise _fail(msg.LEGACY)
    _principal_rules(statement, kind)
    _actions(statement, kind)
    if kind == "identity":
        _resources(statement)
    condition = statement.get("Condition")
    if condition is not None and not (
        isinstance(condition, dict) and all(isinstance(v, dict) for v in condition.values())
    ):
        raise _fail(msg.SYNTAX)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    raise _fail(msg.SYNTAX)


def _principal_rules(statement: dict[str, Any], kind: Kind) -> None:
    has = "Principal" in statement or "NotPrincipal" in statement
    if kind == "identity":
        if has:
            raise _fail(msg.NO_PRINCIPAL_ALLOWED)
        return
    for field in ("Resource", "NotResource"):
        if field in statement:
            raise _fail(msg.PROHIBITED_FIELD.format(field))
    if not has:
        raise _fail(msg.PRINCIPAL_REQUIRED)
    for field in ("Principal", "NotPrincipal"):
        if field in statement:
            _principal(statement[field])


def _principal(value: Any) -> None:
    if value == "*":
        return
    if not isinstance(value, dict) or not value:
        raise _fail(msg.BAD_PRINCIPAL.format(json.dumps(value)))
    for key, names in value.items():
        if key not in _PRINCIPAL_KEYS:
            raise _fail(msg.BAD_PRINCIPAL.format(json.dumps({key: names})))
        for name in _strings(names):
            if not name or (key == "AWS" and not _aws_principal(name)):
                raise _fail(msg.BAD_PRINCIPAL.format(f'"{key}":"{name}"'))


def _aws_principal(name: str) -> bool:
    return name == "*" or bool(re.fullmatch(r"\d{12}", name)) or name.startswith("arn:")


def _actions(statement: dict[str, Any], kind: Kind) -> None:
    action, not_action = statement.get("Action"), statement.get("NotAction")
    if action is None and not_action is None:
        raise _fail(msg.NO_ACTIONS)
    if action is not None and not_action is not None:
        raise _fail(msg.BOTH.format("Action", "Action"))
    for name in _strings(action if action is not None else not_action):
        if name != "*" and not _ACTION.match(name):
            raise _fail(msg.BAD_ACTION)
        if kind == "trust" and not _TRUST_ACTIONS.match(name):
            raise _fail(msg.TRUST_ACTIONS)


def _resources(statement: dict[str, Any]) -> None:
    resource, not_resource = statement.get("Resource"), statement.get("NotResource")
    if resource is None and not_resource is None:
        raise _fail(msg.NO_RESOURCES)
    if resource is not None and not_resource is not None:
        raise _fail(msg.BOTH.format("Resource", "Resource"))
    for name in _strings(resource if resource is not None else not_resource):
        if name != "*" and not name.startswith("arn:"):
            raise _fail(msg.BAD_RESOURCE.format(name))


def principals(document: dict[str, Any], kind: str) -> list[str]:
    """The ``kind`` principals (``"Service"``, ``"AWS"``...) that the Allow statements name.

    >>> principals({"Statement": {"Effect": "Allow", "Principal": {"Service": ["a", "b"]},
    ...             "Action": "sts:AssumeRole"}}, "Service")
    ['a', 'b']
    """
    found: list[str] = []
    statements = document.get("Statement", [])
    for statement in [statements] if isinstance(statements, dict) else statements:
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        if principal == "*":
            found.append("*")
        elif isinstance(principal, dict):
            names = principal.get(kind, [])
            found.extend([names] if isinstance(names, str) else names)
    return found

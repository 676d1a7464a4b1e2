"""Resource-based policies: PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy.

A table and each of its streams hold one policy apiece (``TableState.policies``, keyed
by ARN). What is emulated is DynamoDB's API surface: the checks of the ARN and of the
document, in DynamoDB's order, revision ids (the clock's epoch milliseconds, a no-op
for an equivalent document), ``ExpectedRevisionId`` (``NO_POLICY`` included), the
self-lockout check that ``ConfirmRemoveSelfResourceAccess`` overrides, and the
canonical form GetResourcePolicy answers with. Policies are not evaluated: pyserverless
has no IAM authorization, so every request is the account owner's and is allowed
(docs/dynamodb.md says so in its fidelity section).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._core.client import operation
from . import _policy_messages as msg
from ._engine_base import EngineBase
from ._errors import (
    AccessDeniedException,
    PolicyNotFoundException,
    ResourceNotFoundException,
    ValidationException,
)
from ._validation import require

if TYPE_CHECKING:
    from ._table import TableState

__all__ = ["PolicyClientOps", "PolicyOps", "PolicyTable", "StoredPolicy", "parse_policy"]

#: ``ExpectedRevisionId`` that asks for no policy to be present.
NO_POLICY = "NO_POLICY"
#: The Version a document without one is described with (IAM's default).
DEFAULT_VERSION = "2008-10-17"
#: Actions that only a stream's policy may grant (a table's refuses them by name).
STREAM_ACTIONS = frozenset(
    {"dynamodb:describestream", "dynamodb:getrecords", "dynamodb:getsharditerator"}
)
_DOC_ORDER = ("Version", "Id", "Statement")
_STATEMENT_ORDER = (
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
)
_ACCOUNT_ID = re.compile(r"\d{12}")


@attrs.frozen
class ParsedPolicy:
    """A policy document that passed every check: its Get form and its identity."""

    #: The minified, normalised document GetResourcePolicy returns.
    text: str
    #: The submitted document normalised, Version as given: equal keys are one revision.
    key: str
    #: The parsed statements, normalised (for the self-lockout check).
    statements: tuple[Mapping[str, Any], ...]


@attrs.frozen
class StoredPolicy:
    """The policy attached to one ARN."""

    text: str
    key: str
    revision: str


def _scalar_if_single(value: Any) -> Any:
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def _principal(value: Any) -> Any:
    """Account ids as root ARNs, duplicates folded, one-element lists as strings."""
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for kind, names in value.items():
        listed = names if isinstance(names, list) else [names]
        seen: list[Any] = []
        for name in listed:
            if kind == "AWS" and isinstance(name, str) and _ACCOUNT_ID.fullmatch(name):
                name = f"arn:aws:iam::{name}:root"
            if name not in seen:
                seen.append(name)
        out[kind] = _scalar_if_single(seen)
    return out


def _condition(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    return {
        op: {k: _scalar_if_single(v) for k, v in keys.items()} if isinstance(keys, dict) else keys
        for op, keys in value.items()
    }


def _ordered(value: Mapping[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    out = {k: value[k] for k in order if k in value}
    out.update((k, v) for k, v in value.items() if k not in out)
    return out


def _statement(s: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(s)
    if isinstance(out.get("Effect"), str):
        out["Effect"] = out["Effect"].capitalize()
    for field in ("Principal", "NotPrincipal"):
        if field in out:
            out[field] = _principal(out[field])
    for field in ("Action", "NotAction", "Resource", "NotResource"):
        if field in out:
            out[field] = _scalar_if_single(out[field])
    if "Condition" in out:
        out["Condition"] = _condition(out["Condition"])
    return _ordered(out, _STATEMENT_ORDER)


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _check_statement(s: Any, *, stream: bool) -> None:
    if not isinstance(s, dict):
        raise ValidationException(msg.INVALID_JSON)
    for field, alternative in (
        ("Effect", None),
        ("Principal", "NotPrincipal"),
        ("Action", "NotAction"),
        ("Resource", "NotResource"),
    ):
        if field not in s and (alternative is None or alternative not in s):
            raise ValidationException(msg.MISSING_FIELD.format(field=field))
    effect = s["Effect"]
    if not isinstance(effect, str) or effect.lower() not in ("allow", "deny"):
        raise ValidationException(msg.INVALID_EFFECT.format(effect=effect))
    if not stream:
        wrong = [a for a in _listed(s.get("Action", [])) if str(a).lower() in STREAM_ACTIONS]
        if wrong:
            names = ", ".join(f'"{a}"' for a in wrong)
            raise ValidationException(msg.INVALID_ACTIONS.format(actions=names))
    if effect.lower() == "allow" and "Condition" not in s and _everyone(s.get("Principal")):
        raise ValidationException(msg.UNBOUNDED)


def _everyone(principal: Any) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in _listed(principal.get("AWS", []))


def parse_policy(text: Any, *, limit: int, stream: bool = False) -> ParsedPolicy:
    """Check a resource-based policy document as DynamoDB does; its stored forms.

    >>> p = parse_policy('{"Statement": {"Effect": "allow", "Principal": '
    ...     '{"AWS": "123456789012"}, "Action": ["dynamodb:GetItem"], "Resource": "*"}}',
    ...     limit=20480)
    >>> p.text
    '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"dynamodb:GetItem","Resource":"*"}]}'
    """
    if not isinstance(text, str):
        raise ValidationException(msg.INVALID_JSON)
    if len(text.encode("utf-8", "surrogatepass")) > limit:
        raise ValidationException(msg.TOO_LARGE.format(limit=limit))
    try:
        document = json.loads(text)
    except ValueError:
        raise ValidationException(msg.INVALID_JSON) from None
    if not isinstance(document, dict):
        raise ValidationException(msg.INVALID_JSON)
    statements = document.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise ValidationException(msg.STATEMENT_EMPTY)
    for s in statements:
        _check_statement(s, stream=stream)
    normal = _ordered({**document, "Statement": [_statement(s) for s in statements]}, _DOC_ORDER)
    key = json.dumps(normal, separators=(",", ":"), ensure_ascii=False)
    described = _ordered({"Version": DEFAULT_VERSION, **normal}, _DOC_ORDER)
    return ParsedPolicy(
        text=json.dumps(described, separators=(",", ":"), ensure_ascii=False),
        key=key,
        statements=tuple(normal["Statement"]),
    )


def _glob(pattern: str, name: str) -> bool:
    """IAM's action match: case-insensitive, ``*`` any run, ``?`` one character."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, name, re.IGNORECASE | re.DOTALL) is not None


def _covers(statement: Mapping[str, Any], action: str) -> bool:
    if "Action" in statement:
        return any(_glob(str(a), action) for a in _listed(statement["Action"]))
    return not any(_glob(str(a), action) for a in _listed(statement.get("NotAction", [])))


def _names_caller(statement: Mapping[str, Any], account: str) -> bool:
    """Whether a statement's principal takes in the caller: the account (its root)."""
    caller = {"*", account, f"arn:aws:iam::{account}:root"}
    if "NotPrincipal" in statement:
        names = statement["NotPrincipal"]
        listed = _listed(names.get("AWS", [])) if isinstance(names, dict) else _listed(names)
        return not caller.intersection(str(n) for n in listed)
    principal = statement.get("Principal")
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    return bool(caller.intersection(str(n) for n in _listed(principal.get("AWS", []))))


def locks_out(policy: ParsedPolicy, account: str) -> bool:
    """Whether a Deny of ``policy`` would refuse the caller's next PutResourcePolicy.

    DynamoDB simulates the caller against the new document; conditions are not
    evaluated here, so a condition-scoped Deny counts (DynamoDB caught one too).
    """
    return any(
        s.get("Effect") == "Deny"
        and _covers(s, "dynamodb:PutResourcePolicy")
        and _names_caller(s, account)
        for s in policy.statements
    )


def revision_after(now_ms: int, current: StoredPolicy | None) -> str:
    """A new revision id: the clock's epoch milliseconds, after the current one."""
    if current is not None and current.revision.isdigit():
        now_ms = max(now_ms, int(current.revision) + 1)
    return str(now_ms)


class PolicyOps(EngineBase):
    """The engine's policies operations (mixed into ``DynamoDB``)."""

    def _policy_target(self, resource_arn: Any) -> tuple[str, str | None]:
        """``(table name, stream label or None)`` of a ResourceArn, checked by shape."""
        if not isinstance(resource_arn, str) or not resource_arn.startswith("arn:"):
            raise ValidationException(msg.ARN_PREFIX.format(arn=resource_arn))
        parts = resource_arn.split(":", 5)
        if len(parts) < 6 or parts[1] != "aws" or parts[2] != "dynamodb" or parts[3] != self.region:
            raise ValidationException(msg.ARN_INVALID.format(arn=resource_arn))
        if parts[4] != self.cloud.account_id:
            raise ValidationException(msg.ARN_OTHER_ACCOUNT)
        resource = parts[5]
        if not resource.startswith("table/"):
            raise ValidationException(msg.ARN_NOT_DYNAMODB.format(arn=resource_arn))
        name, sep, rest = resource[len("table/") :].partition("/")
        if not sep:
            return name, None
        kind, _, label = rest.partition("/")
        if kind == "index":
            raise ValidationException(msg.ARN_NOT_TABLE_OR_STREAM.format(arn=resource_arn))
        if kind != "stream" or not label or not name:
            raise ValidationException(msg.ARN_NOT_DYNAMODB.format(arn=resource_arn))
        return name, label

    def _policy_table(self, name: str, label: str | None) -> TableState:
        """The table (whose stream, if ``label``) holds the policy slot: must exist."""
        t = self.tables.get(name)
        if t is None:
            raise ResourceNotFoundException(msg.TABLE_NOT_FOUND.format(name=name))
        if label is not None and label != t.stream_label:
            raise ResourceNotFoundException(msg.STREAM_NOT_FOUND.format(label=label, name=name))
        return t

    def put_resource_policy(self, request: Mapping[str, Any]) -> dict[str, Any]:
        arn: Any = require(request, "ResourceArn")
        text = require(request, "Policy")
        name, label = self._policy_target(arn)
        parsed = parse_policy(text, limit=self.limits.max_resource_policy_bytes, stream=bool(label))
        expected = request.get("ExpectedRevisionId")
        with self.lock:
            t = self._policy_table(name, label)
            current = t.policies.get(arn)
            _check_expected(expected, current, arn, t.name)
            if current is not None and current.key == parsed.key:
                return {"RevisionId": current.revision}
            if locks_out(parsed, self.cloud.account_id) and not request.get(
                "ConfirmRemoveSelfResourceAccess"
            ):
                raise AccessDeniedException(msg.SELF_LOCKOUT)
            revision = revision_after(int(self.cloud.clock.time() * 1000), current)
            t.policies[str(arn)] = StoredPolicy(parsed.text, parsed.key, revision)
        return {"RevisionId": revision}

    def get_resource_policy(self, request: Mapping[str, Any]) -> dict[str, Any]:
        arn: Any = require(request, "ResourceArn")
        name, label = self._policy_target(arn)
        with self.lock:
            current = self._policy_table(name, label).policies.get(arn)
        if current is None:
            raise PolicyNotFoundException(msg.NOT_FOUND.format(arn=arn))
        return {"Policy": current.text, "RevisionId": current.revision}

    def delete_resource_policy(self, request: Mapping[str, Any]) -> dict[str, Any]:
        arn: Any = require(request, "ResourceArn")
        name, label = self._policy_target(arn)
        expected = request.get("ExpectedRevisionId")
        with self.lock:
            t = self._policy_table(name, label)
            current = t.policies.get(arn)
            if expected is not None:
                _check_expected(expected, current, arn, t.name)
            if current is None:
                return {}
            del t.policies[str(arn)]
        return {"RevisionId": current.revision}

    def _policies_table_deleted(self, t: TableState, now: float) -> None:
        """Called under the lock as DeleteTable removes ``t``: its policies go with it."""
        t.policies.clear()


def _check_expected(expected: Any, current: StoredPolicy | None, arn: Any, name: str) -> None:
    """``ExpectedRevisionId`` against the policy in place (None: no condition)."""
    if expected is None:
        return
    if current is None:
        if expected == NO_POLICY:
            return
        raise PolicyNotFoundException(msg.NOT_FOUND.format(arn=arn))
    if expected == NO_POLICY:
        raise PolicyNotFoundException(
            msg.REVISION_NONE_EXPECTED.format(name=name, current=current.revision)
        )
    if expected != current.revision:
        raise PolicyNotFoundException(
            msg.REVISION_MISMATCH.format(expected=expected, name=name, current=current.revision)
        )


class PolicyClientOps:
    """The client's policies operations (mixed into ``DynamoDBClient``)."""

    if TYPE_CHECKING:
        _engine: PolicyOps

    @operation("PutResourcePolicy")
    def put_resource_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """Attach a resource-based policy to a table or a stream.

        PutResourcePolicy: ``ResourceArn`` (a table's or stream's ARN) and ``Policy`` (the
        JSON document); answers the policy's ``RevisionId``. ``ExpectedRevisionId`` makes
        the change conditional on the policy in place (``NO_POLICY``: on there being
        none). A Deny that would stop the caller changing the policy again needs
        ``ConfirmRemoveSelfResourceAccess=True``. The policy is stored and returned, not
        evaluated.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> arn = ddb.create_table(TableName="things", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        ... )["TableDescription"]["TableArn"]
        >>> policy = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        ...     '"Principal": {"AWS": "123456789012"}, "Action": "dynamodb:GetItem", '
        ...     '"Resource": "*"}]}')
        >>> ddb.put_resource_policy(ResourceArn=arn, Policy=policy)["RevisionId"].isdigit()
        True
        """
        return self._engine.put_resource_policy(params)

    @operation("GetResourcePolicy")
    def get_resource_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """Read the resource-based policy of a table or a stream.

        GetResourcePolicy: ``ResourceArn``; answers the ``Policy`` attached (minified and
        normalised, as DynamoDB answers it) and its ``RevisionId``.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> arn = ddb.create_table(TableName="things", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        ...     ResourcePolicy='{"Statement": {"Effect": "Deny", "Principal": '
        ...     '{"AWS": "210987654321"}, "Action": ["dynamodb:*"], "Resource": "*"}}',
        ... )["TableDescription"]["TableArn"]
        >>> print(ddb.get_resource_policy(ResourceArn=arn)["Policy"])
        {"Version":"2008-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"dynamodb:*","Resource":"*"}]}
        """
        return self._engine.get_resource_policy(params)

    @operation("DeleteResourcePolicy")
    def delete_resource_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove the resource-based policy of a table or a stream.

        DeleteResourcePolicy: ``ResourceArn``; answers the removed policy's ``RevisionId``
        (nothing when there was none). With ``ExpectedRevisionId`` it removes only that
        revision.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> arn = ddb.create_table(TableName="things", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        ... )["TableDescription"]["TableArn"]
        >>> "RevisionId" in ddb.delete_resource_policy(ResourceArn=arn)
        False
        """
        return self._engine.delete_resource_policy(params)


class PolicyTable:
    """The resource layer's policies extras (mixed into ``dynamo.Table``)."""

"""PutPermission and RemovePermission: an event bus's resource policy (a mixin of the engine).

The policy is kept and shown by DescribeEventBus and ListEventBuses as AWS shows it (the
LocalStack suite's captures from AWS, 2024-06): one statement per ``StatementId``, a
statement with an id already there replaces it, and a whole ``Policy`` replaces them all.
A Cloud's buses take events from their own account, which needs no policy; a policy
naming another account is kept and described, with no cross-account PutEvents to govern.
"""

from __future__ import annotations

import json
from typing import Any

from . import _messages as msg
from ._base import EngineBase, Params, Response
from ._errors import ResourceNotFoundException, ValidationException

__all__ = ["PermissionOps"]

_ACTION = "events:PutEvents"


class PermissionOps(EngineBase):
    """The bus resource policy's operations."""

    def put_permission(self, params: Params) -> Response:
        """PutPermission: add or replace one statement, or set a whole policy document."""
        with self.lock:
            bus = self._bus(params)
            if params.get("Policy") is not None:
                policy = _policy_document(str(params["Policy"]))
            else:
                statement = self._statement(params, bus.arn)
                statements = [
                    s for s in _statements(bus.policy) if s.get("Sid") != statement["Sid"]
                ]
                policy = {"Version": "2012-10-17", "Statement": [*statements, statement]}
            bus.policy = policy
            return {}

    def remove_permission(self, params: Params) -> Response:
        """RemovePermission: drop one statement by id, or the whole policy."""
        with self.lock:
            bus = self._bus(params)
            if params.get("RemoveAllPermissions"):
                if bus.policy is None:
                    raise ResourceNotFoundException(msg.NO_POLICY)
                bus.policy = None
                return {}
            sid = params.get("StatementId")
            if sid is None:
                raise ValidationException(msg.REMOVE_MEMBERS)
            statements = _statements(bus.policy)
            kept = [s for s in statements if s.get("Sid") != sid]
            if len(kept) == len(statements):
                raise ResourceNotFoundException(msg.NO_STATEMENT)
            bus.policy = None if not kept else {**(bus.policy or {}), "Statement": kept}
            return {}

    @staticmethod
    def _statement(params: Params, resource: str) -> dict[str, Any]:
        """The statement PutPermission's Action, Principal, StatementId and Condition make."""
        action, principal, sid = (params.get(k) for k in ("Action", "Principal", "StatementId"))
        if action is None or principal is None or sid is None:
            raise ValidationException(msg.PERMISSION_MEMBERS)
        if action != _ACTION:
            raise ValidationException(msg.BAD_ACTION)
        who: Any = "*" if principal == "*" else {"AWS": f"arn:aws:iam::{principal}:root"}
        statement: dict[str, Any] = {
            "Sid": sid,
            "Effect": "Allow",
            "Principal": who,
            "Action": action,
            "Resource": resource,
        }
        condition = params.get("Condition")
        if condition is not None:
            statement["Condition"] = {condition["Type"]: {condition["Key"]: condition["Value"]}}
        return statement


def _statements(policy: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A policy's statements as a list (a single statement object counts as one)."""
    if policy is None:
        return []
    found = policy.get("Statement", [])
    if isinstance(found, dict):
        return [found]
    return [s for s in found if isinstance(s, dict)] if isinstance(found, list) else []


def _policy_document(text: str) -> dict[str, Any]:
    try:
        policy = json.loads(text)
    except ValueError:
        raise ValidationException(msg.BAD_POLICY) from None
    if not isinstance(policy, dict):
        raise ValidationException(msg.BAD_POLICY)
    return policy

"""The client's PartiQL operations: AttributeValues converted at the edge, the engine
does the rest."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..._core.client import operation
from .._errors import ValidationException
from .._types import from_wire, item_to_wire
from ._ast import Unconvertible

if TYPE_CHECKING:
    from .._engine import DynamoDB

__all__ = ["PartiqlClientOps"]

Params = dict[str, Any]


_EXPONENT = re.compile(r"[eE]([+-]?\d+)\s*$")
#: [O] A number parameter Java's BigDecimal cannot read (its text follows a colon).
_UNCONVERTIBLE = "The parameter cannot be converted to a numeric value"


def _check_numbers(value: Any) -> None:
    """Refuse, in document order, a number whose text DynamoDB cannot convert at all."""
    if not isinstance(value, dict):
        return
    for kind, inner in value.items():
        if kind == "N":
            _check_number(inner)
        elif kind == "NS" and isinstance(inner, list):
            for n in inner:
                _check_number(n)
        elif kind == "L" and isinstance(inner, list):
            for v in inner:
                _check_numbers(v)
        elif kind == "M" and isinstance(inner, dict):
            for v in inner.values():
                _check_numbers(v)


def _check_number(text: Any) -> None:
    if text == "":
        raise ValidationException(_UNCONVERTIBLE)
    m = _EXPONENT.search(text) if isinstance(text, str) else None
    if m is not None and not -(2**31) <= int(m.group(1)) < 2**31:
        raise ValidationException(f"{_UNCONVERTIBLE}: {text}")


def _param_in(value: Any) -> Any:
    _check_numbers(value)
    return from_wire(value)


def _params_in(entry: Params, *, deferred: bool = False) -> Params:
    """A statement entry with native Parameters; ``deferred``: a conversion error is
    handed to the engine (``Unconvertible``) to answer for that statement alone."""
    out = dict(entry)
    if entry.get("Parameters") is not None:
        try:
            out["Parameters"] = [_param_in(v) for v in entry["Parameters"]]
        except ValidationException as err:
            if not deferred:
                raise
            out["Parameters"] = Unconvertible(err.message)
    return out


class PartiqlClientOps:
    """The client's PartiQL operations (mixed into ``DynamoDBClient``)."""

    _engine: DynamoDB

    @operation("ExecuteStatement")
    def execute_statement(self, params: Params) -> dict[str, Any]:
        """Run one PartiQL statement: a SELECT, INSERT, UPDATE or DELETE.

        ExecuteStatement: ``Statement`` (required), ``Parameters`` for its ``?``
        placeholders, ``Limit``, ``NextToken``, ``ConsistentRead``. A SELECT that fixes
        the partition key runs as a Query, any other as a Scan; INSERT, UPDATE and DELETE
        write one item. Returns ``Items`` and, when there is more, ``NextToken``.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="things", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        >>> _ = ddb.execute_statement(Statement="INSERT INTO things VALUE {'id': 'a', 'n': 1}")
        >>> ddb.execute_statement(Statement='SELECT n FROM things WHERE id = ?',
        ...     Parameters=[{"S": "a"}])["Items"]
        [{'n': {'N': '1'}}]
        """
        response = self._engine.execute_statement(_params_in(params))
        response["Items"] = [item_to_wire(i) for i in response["Items"]]
        if response.get("LastEvaluatedKey") is not None:
            response["LastEvaluatedKey"] = item_to_wire(response["LastEvaluatedKey"])
        return response

    @operation("BatchExecuteStatement")
    def batch_execute_statement(self, params: Params) -> dict[str, Any]:
        """Run up to 25 PartiQL reads or 25 writes, each answering on its own.

        BatchExecuteStatement: ``Statements`` (required), each a ``Statement`` with its
        ``Parameters``; reads must name a whole key. Each statement answers in
        ``Responses``, with an ``Error`` of its own when it fails.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="things", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        >>> out = ddb.batch_execute_statement(Statements=[
        ...     {"Statement": "INSERT INTO things VALUE {'id': 'a'}"},
        ...     {"Statement": "INSERT INTO things VALUE {'id': 'a'}"}])
        >>> [r.get("Error", {}).get("Code") for r in out["Responses"]]
        [None, 'DuplicateItem']
        """
        req = dict(params)
        if params.get("Statements") is not None:
            req["Statements"] = [_params_in(e, deferred=True) for e in params["Statements"]]
        response = self._engine.batch_execute_statement(req)
        for entry in response["Responses"]:
            if "Item" in entry:
                entry["Item"] = item_to_wire(entry["Item"])
        return response

    @operation("ExecuteTransaction")
    def execute_transaction(self, params: Params) -> dict[str, Any]:
        """Run up to 100 PartiQL reads or writes, all or nothing.

        ExecuteTransaction: ``TransactStatements`` (required), ``ClientRequestToken``
        (idempotency for 10 minutes). Returns ``Responses`` (read items), or raises
        ``TransactionCanceledException`` with its ``CancellationReasons``.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="things", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        >>> ddb.execute_transaction(TransactStatements=[
        ...     {"Statement": "INSERT INTO things VALUE {'id': 'a'}"},
        ...     {"Statement": "INSERT INTO things VALUE {'id': 'b'}"}])["Responses"]
        []
        """
        req = dict(params)
        if params.get("TransactStatements") is not None:
            req["TransactStatements"] = [_params_in(e) for e in params["TransactStatements"]]
        response = self._engine.execute_transaction(req)
        response["Responses"] = [
            {"Item": item_to_wire(r["Item"])} if "Item" in r else {} for r in response["Responses"]
        ]
        return response

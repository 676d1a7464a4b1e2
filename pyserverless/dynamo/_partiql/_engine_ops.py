"""The engine's PartiQL operations: parse (cached), plan against the table, then run the
plan through the engine's own public request methods (``query``, ``scan``,
``put_item``, ``update_item``, ``delete_item``, ``transact_*``)."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import _table_messages as table_msg
from .._engine_base import EngineBase
from .._errors import (
    ConditionalCheckFailedException,
    DuplicateItemException,
    DynamoDBError,
    TransactionCanceledException,
    ValidationException,
)
from .._validation import Constraints, require
from . import _ast as ast
from . import _messages as msg
from ._parser import parse
from ._translate import (
    Exprs,
    Plan,
    bind,
    key_terms,
    plan_select,
    plan_write,
    projection_expression,
)

__all__ = ["PartiqlOps"]

#: NextTokens a region remembers (oldest forgotten first).
_MAX_PAGES = 10_000
#: Batch error codes: an exception's code without "Exception" (and AWS's few renames).
_BATCH_CODES = {"ThrottlingException": "ThrottlingError", "ValidationException": "ValidationError"}
_STRIP = (
    "Invalid ConditionExpression: ",
    "Invalid FilterExpression: ",
    "Invalid UpdateExpression: ",
    "Invalid KeyConditionExpression: ",
    "Invalid ProjectionExpression: ",
)


def _plain(err: ValidationException) -> ValidationException:
    """An expression error of a generated expression, in PartiQL's words (no prefix)."""
    for prefix in _STRIP:
        if err.message.startswith(prefix):
            return ValidationException(err.message[len(prefix) :].rstrip(";"))
    return err


def _merge_capacity(into: dict[str, dict[str, Any]], one: Mapping[str, Any] | None) -> None:
    if not one:
        return
    have = into.setdefault(one["TableName"], {"TableName": one["TableName"], "CapacityUnits": 0.0})
    have["CapacityUnits"] += one["CapacityUnits"]
    if "Table" in one:
        table = have.setdefault("Table", {"CapacityUnits": 0.0})
        table["CapacityUnits"] += one["Table"]["CapacityUnits"]
    for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        for name, units in one.get(kind, {}).items():
            slot = have.setdefault(kind, {}).setdefault(name, {"CapacityUnits": 0.0})
            slot["CapacityUnits"] += units["CapacityUnits"]


def _project(item: dict[str, Any], paths: Sequence[ast.Path]) -> dict[str, Any]:
    """A projected item as PartiQL answers it: each path under its last name."""
    out = {}
    for path in paths:
        value: Any = item
        for step in path.steps:
            if isinstance(step, int):
                ok = isinstance(value, list) and step < len(value)
            else:
                ok = isinstance(value, dict) and step in value
            if not ok:
                break
            value = value[step]
        else:
            out[path.output_name()] = value
    return out


class PartiqlOps(EngineBase):
    """The engine's PartiQL operations (mixed into ``DynamoDB``)."""

    #: NextToken -> (statement, request index, LastEvaluatedKey); made on first use.
    _partiql_pages: dict[str, tuple[str, int, Any]]

    if TYPE_CHECKING:  # the engine's public request methods, defined by ``DynamoDB``

        def query(self, request: Mapping[str, Any]) -> dict[str, Any]: ...
        def scan(self, request: Mapping[str, Any]) -> dict[str, Any]: ...
        def put_item(self, request: Mapping[str, Any]) -> dict[str, Any]: ...
        def update_item(self, request: Mapping[str, Any]) -> dict[str, Any]: ...
        def delete_item(self, request: Mapping[str, Any]) -> dict[str, Any]: ...
        def transact_write_items(self, request: Mapping[str, Any]) -> dict[str, Any]: ...
        def transact_get_items(self, request: Mapping[str, Any]) -> dict[str, Any]: ...

    # -- ExecuteStatement ----------------------------------------------------------------------
    def execute_statement(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ExecuteStatement: one PartiQL statement (native values in ``Parameters``)."""
        c = Constraints()
        self._partiql_statement(c, request, "statement")
        c.at_least(request.get("Limit"), "limit", 1)
        c.raise_if_any()
        stmt, params = self._partiql_parse(request.get("Statement"), request.get("Parameters"))
        if isinstance(stmt, ast.Exists):
            raise ValidationException(msg.EXISTS_OUTSIDE)
        t = self.state.table_for(stmt.table)
        base = {
            k: request[k]
            for k in ("ReturnConsumedCapacity", "ReturnValuesOnConditionCheckFailure")
            if request.get(k) is not None
        }
        if isinstance(stmt, ast.Select):
            base.pop("ReturnValuesOnConditionCheckFailure", None)
            if request.get("ConsistentRead") is not None:
                base["ConsistentRead"] = request["ConsistentRead"]
            plan = plan_select(stmt, t, params, base)
            return self._partiql_read(plan, request)
        base.pop("ReturnConsumedCapacity", None)
        plan = plan_write(stmt, t, params, base)
        response = self._partiql_write(plan, request.get("ReturnConsumedCapacity"))
        return response

    def _partiql_statement(self, c: Constraints, entry: Mapping[str, Any], path: str) -> None:
        text = require(entry, "Statement")
        c.length(text, path, 1, self.limits.max_statement_chars)
        given = entry.get("Parameters")
        if given is not None and not isinstance(given, ast.Unconvertible):
            c.length(given, path.replace("statement", "parameters"), 1, None)

    def _partiql_entries(self, request: Mapping[str, Any], field: str, high: int) -> list[Any]:
        entries = require(request, field)
        c = Constraints()
        path = field[0].lower() + field[1:]
        c.length(entries, path, 1, high)
        c.length(request.get("ClientRequestToken"), "clientRequestToken", 1, 36)
        for i, entry in enumerate(entries):
            self._partiql_statement(c, entry, f"{path}.{i + 1}.member.statement")
        c.raise_if_any()
        return list(entries)

    def _partiql_parse(self, text: Any, parameters: Any) -> tuple[Any, list[Any]]:
        if isinstance(parameters, ast.Unconvertible):
            raise ValidationException(parameters.message)
        stmt = parse(text)
        params = list(parameters or ())
        if len(params) != stmt.params:
            raise ValidationException(msg.PARAMETER_COUNT)
        return stmt, params

    def _partiql_read(self, plan: Plan, request: Mapping[str, Any]) -> dict[str, Any]:
        start, start_key = 0, None
        token = request.get("NextToken")
        if token is not None:
            start, start_key = self._partiql_resume(token, request["Statement"])
        limit = request.get("Limit")
        run = self.query if plan.kind == "query" else self.scan
        items: list[dict[str, Any]] = []
        capacity: dict[str, dict[str, Any]] = {}
        last = None
        index = start
        while index < len(plan.requests):
            call = dict(plan.requests[index])
            if limit is not None:
                call["Limit"] = limit
            if start_key is not None:
                call["ExclusiveStartKey"] = start_key
            try:
                page = run(call)
            except ValidationException as err:
                raise _plain(err) from None
            _merge_capacity(capacity, page.get("ConsumedCapacity"))
            items.extend(page["Items"])
            last, start_key = page.get("LastEvaluatedKey"), None
            if limit is not None:
                limit -= page["ScannedCount"]
            if last is not None:
                break
            index += 1
            if limit is not None and limit <= 0:
                break
        if plan.projection is not None and any(len(p.steps) > 1 for p in plan.projection):
            items = [_project(i, plan.projection) for i in items]
        response: dict[str, Any] = {"Items": items}
        if last is not None or index < len(plan.requests):
            response["NextToken"] = self._partiql_token(request["Statement"], index, last)
            if last is not None:
                response["LastEvaluatedKey"] = last
        if capacity:
            response["ConsumedCapacity"] = next(iter(capacity.values()))
        return response

    def _partiql_token(self, statement: str, index: int, last: Any) -> str:
        pages = getattr(self, "_partiql_pages", None)
        if pages is None:
            pages = self._partiql_pages = {}
        if len(pages) >= _MAX_PAGES:
            del pages[next(iter(pages))]
        token = base64.b64encode(self.cloud.ids.token_bytes(48)).decode()
        pages[token] = (statement, index, last)
        return token

    def _partiql_resume(self, token: Any, statement: str) -> tuple[int, Any]:
        pages = getattr(self, "_partiql_pages", None) or {}
        entry = pages.get(token)
        if entry is None or entry[0] != statement:
            raise ValidationException(msg.BAD_NEXT_TOKEN)
        return entry[1], entry[2]

    def _partiql_write(self, plan: Plan, rcc: str | None) -> dict[str, Any]:
        request = dict(plan.requests[0])
        if rcc is not None:
            request["ReturnConsumedCapacity"] = rcc
        try:
            if plan.kind == "put":
                result = self.put_item(request)
            elif plan.kind == "update":
                result = self.update_item(request)
            else:
                result = self.delete_item(request)
        except ConditionalCheckFailedException:
            if plan.kind == "put":
                raise DuplicateItemException(msg.DUPLICATE_ITEM) from None
            raise
        except ValidationException as err:
            raise _plain(err) from None
        attributes = result.get("Attributes")
        response: dict[str, Any] = {"Items": [attributes] if plan.returning and attributes else []}
        if result.get("ConsumedCapacity"):
            response["ConsumedCapacity"] = result["ConsumedCapacity"]
        return response

    # -- BatchExecuteStatement -----------------------------------------------------------------
    def batch_execute_statement(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """BatchExecuteStatement: up to 25 reads or 25 writes, each answered on its own."""
        entries = self._partiql_entries(request, "Statements", self.limits.max_batch_statements)
        parsed: list[Any] = []
        for entry in entries:
            try:
                parsed.append(self._partiql_parse(entry.get("Statement"), entry.get("Parameters")))
            except ValidationException as err:
                parsed.append(err)
        kinds = {isinstance(p[0], ast.Select) for p in parsed if isinstance(p, tuple)}
        if len(kinds) > 1:
            raise ValidationException(msg.BATCH_MIXED)
        rcc = request.get("ReturnConsumedCapacity")
        capacity: dict[str, dict[str, Any]] = {}
        responses = []
        for entry, p in zip(entries, parsed, strict=False):
            if isinstance(p, ValidationException):
                responses.append({"Error": {"Code": "ValidationError", "Message": p.message}})
                continue
            responses.append(self._partiql_batch_one(entry, p[0], p[1], rcc, capacity))
        response: dict[str, Any] = {"Responses": responses}
        if capacity:
            response["ConsumedCapacity"] = list(capacity.values())
        return response

    def _partiql_batch_one(
        self,
        entry: Mapping[str, Any],
        stmt: Any,
        params: list[Any],
        rcc: str | None,
        capacity: dict[str, dict[str, Any]],
    ) -> dict[str, Any]:
        table = getattr(stmt, "table", None) or stmt.select.table
        out: dict[str, Any] = {"TableName": table}
        base: dict[str, Any] = {}
        if rcc is not None:
            base["ReturnConsumedCapacity"] = rcc
        try:
            t = self.state.table_for(table)
            if isinstance(stmt, ast.Select):
                keys = (t.hash_name,) if t.range_name is None else (t.hash_name, t.range_name)
                if stmt.index is not None or key_terms(stmt.where, keys) is None:
                    raise ValidationException(msg.BATCH_SELECT_KEY)
                if entry.get("ConsistentRead") is not None:
                    base["ConsistentRead"] = entry["ConsistentRead"]
                page = self._partiql_read(plan_select(stmt, t, params, base), entry)
                _merge_capacity(capacity, page.get("ConsumedCapacity"))
                if page["Items"]:
                    out["Item"] = page["Items"][0]
                return out
            if isinstance(stmt, ast.Exists):
                raise ValidationException(msg.EXISTS_OUTSIDE)
            on_failure = entry.get("ReturnValuesOnConditionCheckFailure")
            if on_failure is not None:
                base["ReturnValuesOnConditionCheckFailure"] = on_failure
            rcc_write = base.pop("ReturnConsumedCapacity", None)
            result = self._partiql_write(plan_write(stmt, t, params, base), rcc_write)
            _merge_capacity(capacity, result.get("ConsumedCapacity"))
            return out
        except DynamoDBError as err:
            error: dict[str, Any] = {
                "Code": _BATCH_CODES.get(err.code, err.code.removesuffix("Exception")),
                "Message": err.message,
            }
            if err.extra.get("Item") is not None:
                error["Item"] = err.extra["Item"]
            out["Error"] = error
            return out

    # -- ExecuteTransaction --------------------------------------------------------------------
    def execute_transaction(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ExecuteTransaction: up to 100 reads or writes, all or nothing."""
        entries = self._partiql_entries(
            request, "TransactStatements", self.limits.max_transact_items
        )
        planned: list[tuple[Any, list[Any]]] = [
            self._partiql_parse(e.get("Statement"), e.get("Parameters")) for e in entries
        ]
        reads = {isinstance(stmt, ast.Select) for stmt, _ in planned}
        if len(reads) > 1:
            raise ValidationException(msg.TRANSACTION_MIXED)
        rcc = request.get("ReturnConsumedCapacity")
        if reads == {True}:
            return self._partiql_transact_reads(planned, rcc)
        plans: list[Plan] = []
        for index, (entry, (stmt, params)) in enumerate(zip(entries, planned, strict=False)):
            t = self.state.table_for(
                stmt.select.table if isinstance(stmt, ast.Exists) else stmt.table
            )
            base: dict[str, Any] = {}
            if entry.get("ReturnValuesOnConditionCheckFailure") is not None:
                base["ReturnValuesOnConditionCheckFailure"] = entry[
                    "ReturnValuesOnConditionCheckFailure"
                ]
            try:
                plans.append(plan_write(stmt, t, params, base))
            except ValidationException as err:
                raise ValidationException(
                    msg.IN_TRANSACTION.format(index=index, message=err.message)
                ) from None
            if getattr(stmt, "returning", None) is not None:
                raise ValidationException(
                    msg.IN_TRANSACTION.format(index=index, message=msg.TRANSACTION_RETURNING)
                )
        return self._partiql_transact_writes(plans, request, rcc)

    def _partiql_transact_writes(
        self, plans: list[Plan], request: Mapping[str, Any], rcc: str | None
    ) -> dict[str, Any]:
        kinds = {"put": "Put", "update": "Update", "delete": "Delete", "check": "ConditionCheck"}
        items = [{kinds[p.kind]: dict(p.requests[0])} for p in plans]
        call: dict[str, Any] = {"TransactItems": items}
        if request.get("ClientRequestToken") is not None:
            call["ClientRequestToken"] = request["ClientRequestToken"]
        if rcc is not None:
            call["ReturnConsumedCapacity"] = rcc
        try:
            result = self.transact_write_items(call)
        except TransactionCanceledException as err:
            raise _duplicates_named(err, plans) from None
        except ValidationException as err:
            raise _plain(err) from None
        response: dict[str, Any] = {"Responses": []}
        if result.get("ConsumedCapacity"):
            response["ConsumedCapacity"] = result["ConsumedCapacity"]
        return response

    def _partiql_transact_reads(
        self, planned: list[tuple[Any, list[Any]]], rcc: str | None
    ) -> dict[str, Any]:
        gets = []
        for index, (stmt, params) in enumerate(planned):
            t = self.state.table_for(stmt.table)
            keys = (t.hash_name,) if t.range_name is None else (t.hash_name, t.range_name)
            found = key_terms(stmt.where, keys)
            if stmt.index is not None or found is None or found[1]:
                raise ValidationException(
                    msg.IN_TRANSACTION.format(index=index, message=msg.TRANSACTION_SELECT_KEY)
                )
            get: dict[str, Any] = {"TableName": t.name}
            get["Key"] = {k: bind(node, params) for k, node in found[0].items()}
            if stmt.projection is not None:
                exprs = Exprs(params)
                get["ProjectionExpression"] = projection_expression(stmt.projection, exprs)
                exprs.into(get)
            gets.append({"Get": get})
        call: dict[str, Any] = {"TransactItems": gets}
        if rcc is not None:
            call["ReturnConsumedCapacity"] = rcc
        result = self.transact_get_items(call)
        responses = []
        for (stmt, _), got in zip(planned, result["Responses"], strict=False):
            item = got.get("Item")
            if item is not None and stmt.projection is not None:
                item = _project(item, stmt.projection)
            responses.append({"Item": item} if item is not None else {})
        response: dict[str, Any] = {"Responses": responses}
        if result.get("ConsumedCapacity"):
            response["ConsumedCapacity"] = result["ConsumedCapacity"]
        return response


def _duplicates_named(err: TransactionCanceledException, plans: list[Plan]) -> DynamoDBError:
    """A cancellation whose INSERTs failed their key check, reasons named DuplicateItem."""
    reasons = [dict(r) for r in err.extra.get("CancellationReasons", [])]
    for plan, reason in zip(plans, reasons, strict=False):
        if plan.kind == "put" and reason.get("Code") == "ConditionalCheckFailed":
            reason.clear()
            reason.update(Code="DuplicateItem", Message=msg.DUPLICATE_ITEM)
    codes = ", ".join(r["Code"] for r in reasons)
    return TransactionCanceledException(
        table_msg.TRANSACTION_CANCELLED.format(codes=codes), CancellationReasons=reasons
    )
